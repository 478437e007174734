#!/usr/bin/env node
// `npm test` (after `npm run compile && npm run build`): every test tier in turn, then the totals as
// the very last line of output, alone: `N passed, N failed`. Exits non-zero if anything failed.
// A tier that crashes, times out or runs no test counts as (at least) one failure.
//
// Tiers:
//   unit         mocha in Node over out/test/unit/**/*.test.js            (test/runner/run-unit.mjs)
//   integration  mocha inside a real VS Code extension host (code-server)  (test/runner/run-integration.mjs)
//   e2e          UI tests driving the workbench in Chromium, test/e2e/*.test.mjs (test/runner/run-e2e.mjs)
//
// Options: --only unit,integration   run a subset of the tiers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printFailures } from './results.mjs';
import { runE2E } from './run-e2e.mjs';
import { runIntegration } from './run-integration.mjs';
import { runUnit } from './run-unit.mjs';

const TIERS = [
  { name: 'unit', title: 'unit tests (Node)', run: () => runUnit() },
  { name: 'integration', title: 'integration tests (VS Code extension host)', run: () => runIntegration() },
  { name: 'e2e', title: 'end-to-end tests (workbench UI)', run: () => runE2E() },
];

const RESULTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results');
const out = process.stdout;
fs.rmSync(path.join(RESULTS, 'totals.txt'), { force: true });
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? new Set(String(process.argv[onlyAt + 1] ?? '').split(',')) : undefined;

const totals = { passed: 0, failed: 0, pending: 0 };
const lines = [];
for (const tier of TIERS) {
  if (only && !only.has(tier.name)) continue;
  out.write(`\n${tier.title}\n`);
  const started = Date.now();
  let result;
  try {
    result = await tier.run();
  } catch (error) {
    result = { passed: 0, failed: 1, pending: 0, failures: [{ title: `${tier.name} tier`, error: String(error?.stack ?? error) }] };
  }
  if (result.passed + result.failed === 0) {
    result.failed = 1;
    result.failures = [{ title: `${tier.name} tier`, error: 'no test ran' }];
  }
  // The unit tier's spec reporter already lists its failures in detail.
  if (tier.name !== 'unit') printFailures(out, result.failures);
  totals.passed += result.passed;
  totals.failed += result.failed;
  totals.pending += result.pending ?? 0;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  lines.push(
    `  ${tier.name.padEnd(12)} ${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} pending` : ''} (${seconds} s)`,
  );
}

const totalsLine = `${totals.passed} passed, ${totals.failed} failed`;
// Also on disk, so a caller (.ci/run) can tell "tests ran" from "the build before them failed".
fs.mkdirSync(RESULTS, { recursive: true });
fs.writeFileSync(path.join(RESULTS, 'totals.txt'), `${totalsLine}\n`);
out.write(`\n${lines.join('\n')}\n`);
out.write(`${totalsLine}\n`);
// Unit tests may leave handles open; the totals line is the end.
process.exit(totals.failed > 0 ? 1 : 0);
