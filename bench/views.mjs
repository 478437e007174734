import { createWriteStream, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { data, root } from './common.mjs';

// The views inside a real VS Code (code-server): activation time (bundle load + activate()), and the
// service tree's first page (connection, "No project", 100 datasets, 100 custom models) on a local
// engine holding 1,000 datasets and 1,000 models, next to the three bare HTTP GETs of those pages.
export async function benchViews() {
  execFileSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'inherit' });
  const { runIntegration } = await import('../test/runner/run-integration.mjs');
  const out = path.join(data, 'views.json');
  const run = await runIntegration({
    out: createWriteStream(path.join(data, 'views.log')),
    testsRoot: path.join(root, 'out', 'bench', 'views'),
    resultsDir: path.join(root, 'test-results', 'bench-views'),
    env: { CUSTOM_SPEECH_BENCH_OUT: out },
  });
  if (run.failed) {
    console.log(`views: the run failed (${run.failures.map((f) => f.error).join('; ')}); see bench/data/views.log`);
    process.exitCode = 1;
    return;
  }
  const m = JSON.parse(readFileSync(out, 'utf8'));
  console.table([
    { benchmark: 'activation (target < 150 ms)', tool: 'extension: load bundle + activate()', ms: (m.activation.loadMs + m.activation.activateMs).toFixed(0), detail: `load ${m.activation.loadMs.toFixed(0)} ms, activate() ${m.activation.activateMs.toFixed(0)} ms; VS Code's wait in between (not counted): ${m.activation.hostWaitMs.toFixed(0)} ms` },
    { benchmark: 'tree first page, 1,000 datasets + 1,000 models (target < 300 ms)', tool: 'service tree (median of 7)', ms: m.treeMedianMs.toFixed(0), detail: `${m.shown} rows; runs ${m.treeMs.map((v) => v.toFixed(0)).join(', ')}` },
    { benchmark: '  same pages', tool: '3 bare GETs in parallel (median of 7)', ms: m.bareMedianMs.toFixed(0), detail: '' },
  ]);
}
