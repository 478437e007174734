import { createWriteStream, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { data, root } from './common.mjs';

// The editor's re-check: inside a real VS Code (code-server), from an edit of a 10k-line transcript
// (all audio present) to its new diagnostics, debounce included.
export async function benchEditor() {
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
}
