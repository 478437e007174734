// Reading what test/integration/index.ts writes to $CUSTOM_SPEECH_TEST_RESULTS (tests.log,
// summary.json, current-test.txt), and printing failures; shared by the runners.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const RESULTS_ENV = 'CUSTOM_SPEECH_TEST_RESULTS';
export const GREP_ENV = 'CUSTOM_SPEECH_TEST_GREP';

/** Streams new lines of a growing file to `out` until stop() (which prints what is left). */
export function follow(file, out) {
  let offset = 0;
  let partial = '';
  const poll = (final) => {
    let size = 0;
    try {
      size = fs.statSync(file).size;
    } catch {
      return;
    }
    if (size < offset) offset = 0; // rewritten
    if (size > offset) {
      const fd = fs.openSync(file, 'r');
      const buffer = Buffer.alloc(size - offset);
      fs.readSync(fd, buffer, 0, buffer.length, offset);
      fs.closeSync(fd);
      offset = size;
      const lines = (partial + buffer.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) out.write(`${line}\n`);
    }
    if (final && partial) {
      out.write(`${partial}\n`);
      partial = '';
    }
  };
  const timer = setInterval(() => poll(false), 200);
  return {
    stop() {
      clearInterval(timer);
      poll(true);
    },
  };
}

export function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function tailOfFile(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** { passed, failed, pending, failures: [{title, error}] } from summary.json, or undefined. */
export function readSummary(resultsDir) {
  const summary = readJson(path.join(resultsDir, 'summary.json'));
  if (!summary) return undefined;
  return {
    passed: summary.passed ?? 0,
    failed: summary.failed ?? 0,
    pending: summary.pending ?? 0,
    failures: (summary.failures ?? []).map(({ title, error }) => ({ title, error })),
  };
}

/** The title of the test last started (empty if none). */
export function currentTest(resultsDir) {
  return tailOfFile(path.join(resultsDir, 'current-test.txt'), 1);
}

/** Prints the failures of a tier after its spec lines. */
export function printFailures(out, failures) {
  if (!failures.length) return;
  out.write(`\n  ${failures.length} failure(s):\n`);
  failures.forEach(({ title, error }, i) => {
    const [first, ...rest] = String(error).split('\n');
    out.write(`  ${i + 1}) ${title}: ${first}\n`);
    for (const line of rest) out.write(`     ${line}\n`);
  });
}

/**
 * Runs one tier from the command line (`node test/runner/run-<tier>.mjs [--grep REGEXP]`): prints a
 * title, the failures and the totals, and exits non-zero on any failure or when no test ran.
 */
export async function runTierFromCommandLine(title, run) {
  const out = process.stdout;
  if (title) out.write(`${title}\n`);
  const grepAt = process.argv.indexOf('--grep');
  const grep = grepAt > 0 ? process.argv[grepAt + 1] : undefined;
  const result = await run({ out, grep });
  printFailures(out, result.failures);
  if (result.pending) out.write(`  ${result.pending} pending\n`);
  const duration = result.durationMs ? ` (${(result.durationMs / 1000).toFixed(1)} s)` : '';
  out.write(`${result.passed} passed, ${result.failed} failed${duration}\n`);
  process.exit(result.failed > 0 || result.passed === 0 ? 1 : 0);
}

/** A tier's result counts, and `fail(title, error)` to record a failure in them. */
export function newTierResult(resultsDir) {
  const result = { passed: 0, failed: 0, pending: 0, failures: [], resultsDir };
  const fail = (title, error) => {
    result.failed++;
    result.failures.push({ title, error });
  };
  return { result, fail };
}
