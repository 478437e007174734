// The lint alone, timed inside the process once Node has started and the linter is loaded: the
// part of the CLI's end-to-end time that grows with the file.
// Usage: node lint-in-process.mjs <bundle of src/core/lint/lint-file.ts> <transcript> [--no-audio]
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const [bundle, file, ...flags] = process.argv.slice(2);
const { lintFile } = createRequire(import.meta.url)(bundle);
const started = performance.now();
let problems = 0;
await lintFile(file, 'transcript', { locale: 'en-US', onProblem: () => problems++ }, { blockingReads: true, checkAudio: !flags.includes('--no-audio') });
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, problems, peakMb: process.resourceUsage().maxRSS / 1024 }));
