// npm run bench: lint throughput and memory of the CLI on generated data, next to reference tools
// (wc -l: the read-and-split ceiling; grep -P: one regex rule) in the same run, and the in-editor
// re-check time of a 10k-line transcript. Data is generated deterministically under bench/data/.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = path.resolve(import.meta.dirname, '..');
const data = path.join(root, 'bench', 'data');
const cli = path.join(root, 'dist', 'cli.js');
mkdirSync(data, { recursive: true });

const words = ('book a service for my road bike the rear derailleur skips on smallest cog do you stock tubeless sealant gravel tires ' +
  'can true wheel while i wait need two new brake pads shimano disc caliper chain snapped climb walked home again cargo ready pick up ' +
  'please call me back bottom bracket creaks when stand pedals how much is cassette installed what time close saturday rent e weekend').split(' ');

function rng(seed) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function sentence(random) {
  const n = 6 + Math.floor(random() * 12);
  const out = [];
  for (let i = 0; i < n; i++) out.push(words[Math.floor(random() * words.length)]);
  return out.join(' ');
}

async function generate(file, bytes, lineOf) {
  if (existsSync(file) && statSync(file).size >= bytes) return;
  const random = rng(42);
  const stream = createWriteStream(file);
  let written = 0;
  let chunk = '';
  for (let i = 0; written < bytes; i++) {
    chunk += lineOf(random, i) + '\n';
    if (chunk.length > 1 << 20) {
      written += Buffer.byteLength(chunk);
      if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
      chunk = '';
    }
  }
  await new Promise((resolve) => stream.end(chunk, resolve));
}

function measure(command, args) {
  const started = performance.now();
  // Output goes to a file (not /dev/null, where grep stops at the first match); GNU time reports on stderr.
  const output = openSync(path.join(data, 'output.txt'), 'w');
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', stdio: ['ignore', output, 'pipe'] });
  closeSync(output);
  const seconds = (performance.now() - started) / 1000;
  const peakKb = Number(result.stderr.trim().split('\n').at(-1));
  return { seconds, peakMb: peakKb / 1024, status: result.status };
}

function row(name, tool, bytes, m) {
  const mbps = bytes / 1e6 / m.seconds;
  return { benchmark: name, tool, 'MB/s': mbps.toFixed(1), seconds: m.seconds.toFixed(2), 'peak MB': m.peakMb.toFixed(0) };
}

const related = path.join(data, 'related-200mb.txt');
await generate(related, 200e6, (random, i) => (i === 0 ? '\uFEFF' : '') + sentence(random));
const transcriptDir = path.join(data, 'transcript-100k');
mkdirSync(transcriptDir, { recursive: true });
const transcript = path.join(transcriptDir, 'trans.txt');
const lineCount = 100_000;
{
  const random = rng(7);
  const lines = Array.from({ length: lineCount }, (_, i) => `call-${String(i).padStart(6, '0')}.wav\t${sentence(random)}`);
  await new Promise((resolve) => createWriteStream(transcript).end(lines.join('\n') + '\n', resolve));
}

const results = [];
const relatedBytes = statSync(related).size;
results.push(row('related text 200 MB', 'custom-speech lint', relatedBytes, measure(process.execPath, [cli, 'lint', related])));
results.push(row('related text 200 MB', 'grep -cP (one rule)', relatedBytes, measure('grep', ['-cP', '[^\\x{0}-\\x{A1}]|https?://', related])));
results.push(row('related text 200 MB', 'wc -l (read only)', relatedBytes, measure('wc', ['-l', related])));
const transcriptBytes = statSync(transcript).size;
results.push(row(`transcript ${lineCount / 1000}k lines`, 'custom-speech lint', transcriptBytes, measure(process.execPath, [cli, 'lint', transcript])));
results.push(row(`transcript ${lineCount / 1000}k lines`, 'grep -cP (one rule)', transcriptBytes, measure('grep', ['-cP', '[^\\x{0}-\\x{7E}]', transcript])));

// The editor's re-check: inside a real VS Code (code-server), from an edit of a 10k-line transcript
// (all audio present) to its new diagnostics, debounce included.
execFileSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'inherit' });
const { runIntegration } = await import('../test/runner/run-integration.mjs');
const latencyFile = path.join(data, 'editor-latency.json');
const log = createWriteStream(path.join(data, 'editor-latency.log'));
const run = await runIntegration({
  out: log,
  testsRoot: path.join(root, 'out', 'bench', 'editor'),
  resultsDir: path.join(root, 'test-results', 'bench-editor'),
  env: { CUSTOM_SPEECH_BENCH_OUT: latencyFile },
});
console.table(results);
if (run.failed) {
  console.log(`editor latency: the run failed (${run.failures.map((f) => f.error).join('; ')}); see bench/data/editor-latency.log`);
  process.exitCode = 1;
} else {
  const measured = JSON.parse(readFileSync(latencyFile, 'utf8'));
  const stats = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(0);
    return `median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`;
  };
  console.log(`editor, 10k-line transcript in VS Code (code-server), ${measured.samples.length} edits, no debounce (target < 100 ms):`);
  console.log(`  change seen by the extension host -> new diagnostics: ${stats(measured.afterChange)}`);
  console.log(`  edit call -> new diagnostics (workbench round trip included): ${stats(measured.samples)}`);
}
