// Mocha entry point loaded by VS Code's extension host (extensionTestsPath). Runs every
// out/test/integration/**/*.test.js inside the real extension host, so tests can `import 'vscode'`.
//
// Works under both runners:
// - code-server + Chromium (test/runner/run-integration.mjs): the extension host's console only
//   reaches the browser (test-results/integration/browser.log), so results go to files in
//   $CUSTOM_SPEECH_TEST_RESULTS (a directory):
//     tests.log     spec-like lines, appended as tests finish (the runner streams it)
//     current-test.txt  full title of the test last started
//     summary.json  {passed, failed, pending, failures: [{title, error, stack}], durationMs}
// - @vscode/test-electron (test/runner/run-desktop.mjs), or without the variable: spec reporter on
//   the console (and the same files when the variable is set).
// The returned promise rejects when a test failed or none ran, so VS Code exits non-zero either way.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha = require('mocha');

export const RESULTS_ENV = 'CUSTOM_SPEECH_TEST_RESULTS';
/** Optional: only run tests whose full title matches this regular expression (mocha --grep). */
export const GREP_ENV = 'CUSTOM_SPEECH_TEST_GREP';
/** Optional: run the *.test.js files under this folder instead of this one's (the benchmarks use it). */
export const ROOT_ENV = 'CUSTOM_SPEECH_TEST_ROOT';

interface Failure {
  title: string;
  error: string;
  stack?: string;
}

interface Summary {
  passed: number;
  failed: number;
  pending: number;
  failures: Failure[];
  durationMs: number;
}

function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

function describeError(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error) {
    const stack = error.stack ?? '';
    // Mocha assertion errors carry actual/expected; keep the message first, the stack after it.
    const message = `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
    return stack ? { message, stack } : { message };
  }
  return { message: String(error) };
}

/** Writes spec-like lines and the JSON summary for one mocha run. */
function attachFileReporter(runner: Mocha.Runner, dir: string, summary: Summary): void {
  fs.mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, 'tests.log');
  fs.writeFileSync(logFile, '');
  const write = (line: string) => fs.appendFileSync(logFile, `${line}\n`);
  let depth = 0;
  const indent = () => '  '.repeat(depth + 1);

  runner.on(Mocha.Runner.constants.EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
    if (suite.root) return;
    write(`${indent()}${suite.title}`);
    depth++;
  });
  runner.on(Mocha.Runner.constants.EVENT_SUITE_END, (suite: Mocha.Suite) => {
    if (!suite.root) depth--;
  });
  // The test in progress, for the runner's message when the extension host hangs or dies.
  runner.on(Mocha.Runner.constants.EVENT_TEST_BEGIN, (test: Mocha.Test) => {
    fs.writeFileSync(path.join(dir, 'current-test.txt'), `${test.fullTitle()}\n`);
  });
  runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test: Mocha.Test) => {
    summary.passed++;
    write(`${indent()}✔ ${test.title} (${test.duration ?? 0}ms)`);
  });
  runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test: Mocha.Test) => {
    summary.pending++;
    write(`${indent()}- ${test.title} (pending)`);
  });
  runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Runnable, error: unknown) => {
    summary.failed++;
    const { message, stack } = describeError(error);
    const title = test.fullTitle();
    summary.failures.push(stack ? { title, error: message, stack } : { title, error: message });
    write(`${indent()}✖ ${test.title} FAILED`);
    const raw = error instanceof Error ? error.message : message;
    for (const line of (stack && stack.includes(raw) ? stack : `${message}\n${stack ?? ''}`).trimEnd().split('\n')) {
      write(`${indent()}    ${line}`);
    }
  });
}

export async function run(): Promise<void> {
  const started = Date.now();
  // Stack traces point at the TypeScript sources (tsc emits source maps).
  (process as { setSourceMapsEnabled?: (on: boolean) => void }).setSourceMapsEnabled?.(true);
  const resultsDir = process.env[RESULTS_ENV];
  const summary: Summary = { passed: 0, failed: 0, pending: 0, failures: [], durationMs: 0 };
  const writeSummary = () => {
    if (!resultsDir) return;
    summary.durationMs = Date.now() - started;
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  };

  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60_000,
    color: false,
    // With a results dir the console is unused (and invisible under code-server).
    reporter: resultsDir ? Mocha.reporters.Base : 'spec',
  });
  const grep = process.env[GREP_ENV];
  if (grep) mocha.grep(new RegExp(grep));
  const root = process.env[ROOT_ENV] || __dirname;
  const files = findTests(root);
  for (const file of files) mocha.addFile(file);

  try {
    await mocha.loadFilesAsync();
  } catch (error) {
    const { message, stack } = describeError(error);
    summary.failed++;
    summary.failures.push({ title: 'loading integration test files', error: message, ...(stack ? { stack } : {}) });
    if (resultsDir) {
      fs.mkdirSync(resultsDir, { recursive: true });
      fs.appendFileSync(path.join(resultsDir, 'tests.log'), `  ✖ loading test files FAILED\n    ${stack ?? message}\n`);
    }
    writeSummary();
    throw error;
  }

  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    if (resultsDir) attachFileReporter(runner, resultsDir, summary);
    else {
      runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, () => summary.passed++);
      runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, () => summary.pending++);
      runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, () => summary.failed++);
    }
  });
  writeSummary();

  if (summary.failed > 0) throw new Error(`${summary.failed} integration test(s) failed`);
  if (summary.passed === 0) throw new Error(`no integration test passed (${files.length} file(s) found in ${root})`);
}
