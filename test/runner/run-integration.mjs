#!/usr/bin/env node
// Integration tier: the mocha suites of out/test/integration/**/*.test.js, run inside the extension
// host of a real VS Code (code-server, driven by headless Chromium). `npm run test:integration`.
//
// Needs a compiled project (`npm run compile && npm run build`: out/ and dist/extension.js); installs
// code-server and Node 24 into ~/.cache/custom-speech on first use (scripts/install-code-server.mjs).
//
// How it works: code-server starts with the smoke-test driver enabled; the workbench URL carries
// extensionDevelopmentPath (this repo) and extensionTestsPath (out/test/integration/index.js) as
// `payload`; the extension host loads the extension, runs the test index, and the workbench reports
// the exit code through window.codeAutomationExit. The test index writes its results to files in
// $CUSTOM_SPEECH_TEST_RESULTS (the extension host's console is not visible), which this runner
// streams while tests run. Everything lands in test-results/integration/: tests.log, summary.json,
// code-server.log, browser.log (the workbench console, which also shows the extension host's
// console.log/console.error), vscode-logs/ and vscode-server-logs/ (exthost logs, output channels).
//
// Options: --grep <regexp> runs only the tests whose full title matches.
// Environment: CUSTOM_SPEECH_INTEGRATION_TIMEOUT (seconds, default 600).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_VERSION } from '../../scripts/install-code-server.mjs';
import { cleanupAll, makeTempDir } from './processes.mjs';
import { GREP_ENV, RESULTS_ENV, currentTest, follow, readSummary, newTierResult, runTierFromCommandLine, tailOfFile } from './results.mjs';
import { launchBrowser, remoteUri, startCodeServer, workbenchUrl } from './vscode-web.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TEST_INDEX = path.join(REPO, 'out', 'test', 'integration', 'index.js');
const FIXTURE_WORKSPACE = path.join(REPO, 'test', 'fixtures', 'workspace');

/** Patterns in code-server's output that mean the extension host died: no result will come. */
const EXTENSION_HOST_DIED = [
  /Extension host .*(?:terminated unexpectedly|exited with code|crashed)/i,
  /\[ExtensionHostConnection\].*(?:exited with code: (?!0\b)\d+|signal: SIG)/i,
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function preflight() {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const missing = [TEST_INDEX, path.resolve(REPO, pkg.main ?? 'dist/extension.js')].filter((f) => !fs.existsSync(f));
  if (missing.length) {
    throw new Error(
      `not built: ${missing.map((f) => path.relative(REPO, f)).join(', ')} missing — run \`npm run compile && npm run build\` first`,
    );
  }
}

/** Copies the VS Code server logs (user-data-dir/logs) into the results dir. */
function keepServerLogs(server, resultsDir) {
  const logs = path.join(server.dirs.userData, 'logs');
  if (!fs.existsSync(logs)) return;
  try {
    fs.cpSync(logs, path.join(resultsDir, 'vscode-server-logs'), { recursive: true });
  } catch {
    // best effort
  }
}

/** The last lines of the extension host logs we have, for error messages. */
function extensionHostLogTail(resultsDir, lines = 25) {
  const found = [];
  const walk = (dir) => {
    let entries = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/exthost\.log$/i.test(entry.name)) found.push(full);
    }
  };
  walk(resultsDir);
  return found
    .map((file) => `--- ${path.relative(resultsDir, file)} (last ${lines} lines)\n${tailOfFile(file, lines)}`)
    .join('\n');
}

/**
 * Runs the integration suites. Never throws: a crash, timeout or missing result is reported as a
 * failure. Returns { passed, failed, pending, failures: [{title, error}], resultsDir }.
 */
export async function runIntegration({
  out = process.stdout,
  timeoutMs = Number(process.env.CUSTOM_SPEECH_INTEGRATION_TIMEOUT || 600) * 1000,
  resultsDir = path.join(REPO, 'test-results', 'integration'),
  grep = undefined,
  /** Folder of compiled *.test.js suites to run instead of out/test/integration (benchmarks). */
  testsRoot = undefined,
  /** More environment for the extension host. */
  env: extraEnv = {},
} = {}) {
  const started = Date.now();
  const { result, fail } = newTierResult(resultsDir);
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  const testsLog = path.join(resultsDir, 'tests.log');
  let server;
  let tail;
  try {
    preflight();
    const workspace = path.join(makeTempDir('custom-speech-integration-'), 'workspace');
    if (fs.existsSync(FIXTURE_WORKSPACE)) fs.cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
    else fs.mkdirSync(workspace, { recursive: true });

    const env = { ...extraEnv, [RESULTS_ENV]: resultsDir, ...(grep ? { [GREP_ENV]: grep } : {}), ...(testsRoot ? { CUSTOM_SPEECH_TEST_ROOT: testsRoot } : {}) };
    server = await startCodeServer({ workspace, env, logDir: resultsDir });
    const { page } = await launchBrowser({ logFile: path.join(resultsDir, 'browser.log') });
    out.write(`  (code-server ${CODE_SERVER_VERSION} on ${server.origin}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

    let reportExit;
    const exited = new Promise((resolve) => (reportExit = resolve));
    // Called by the workbench when the extension host finishes the tests: (code, logs?) where logs
    // are the window's log files [{relativePath, contents}].
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      if (Array.isArray(logs)) {
        for (const log of logs) {
          const relative = String(log?.relativePath ?? '').replace(/^(\.\.(\/|\\|$))+/, '');
          if (!relative) continue;
          const file = path.join(resultsDir, 'vscode-logs', relative);
          if (!file.startsWith(path.join(resultsDir, 'vscode-logs'))) continue;
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, String(log.contents ?? ''));
        }
      }
      reportExit(Number(code));
    });

    const url = workbenchUrl(server, {
      folder: workspace,
      payload: [
        ['extensionDevelopmentPath', remoteUri(server, REPO)],
        ['extensionTestsPath', remoteUri(server, TEST_INDEX)],
      ],
    });
    fs.writeFileSync(path.join(resultsDir, 'url.txt'), `${url}\n`);
    tail = follow(testsLog, out);

    let timer;
    const outcome = await Promise.race([
      exited.then((code) => ({ kind: 'exit', code })),
      page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 }).then(
        () => new Promise(() => {}),
        (error) => ({ kind: 'error', message: `the workbench did not load: ${error.message}` }),
      ),
      new Promise((resolve) => page.once('crash', () => resolve({ kind: 'error', message: 'the browser page crashed' }))),
      new Promise((resolve) => page.once('close', () => resolve({ kind: 'error', message: 'the browser page closed' }))),
      server.exited.then(({ code, signal }) => ({ kind: 'error', message: `code-server exited (${signal ?? `exit ${code}`})` })),
      new Promise((resolve) => {
        server.log.listeners.add((line) => {
          if (EXTENSION_HOST_DIED.some((pattern) => pattern.test(line))) {
            // Give the workbench a moment to report an exit code, which is more precise.
            setTimeout(() => resolve({ kind: 'error', message: `the extension host died: ${line.trim()}` }), 3000);
          }
        });
      }),
      new Promise((resolve) => {
        timer = setTimeout(
          () => resolve({ kind: 'error', message: `no result within ${timeoutMs / 1000} s (timeout; set CUSTOM_SPEECH_INTEGRATION_TIMEOUT)` }),
          timeoutMs,
        );
      }),
    ]);
    clearTimeout(timer);
    await sleep(300); // last lines of tests.log
    tail.stop();
    tail = undefined;
    keepServerLogs(server, resultsDir);

    const summary = readSummary(resultsDir);
    if (summary) Object.assign(result, summary);
    const diagnostics = () =>
      [
        `--- code-server log (last 30 lines)\n${server.log.tail(30)}`,
        extensionHostLogTail(resultsDir),
        `--- browser.log: workbench + extension host console (last 15 lines)\n${tailOfFile(path.join(resultsDir, 'browser.log'), 15)}`,
        `(all logs: ${path.relative(process.cwd(), resultsDir) || resultsDir})`,
      ]
        .filter(Boolean)
        .join('\n');

    const current = summary ? '' : currentTest(resultsDir);
    const during = current ? ` during test "${current}"` : '';
    if (outcome.kind === 'error') {
      fail('integration tier', `${outcome.message}${summary ? '' : `${during} before the tests reported results`}\n${diagnostics()}`);
    } else if (!summary) {
      fail(
        'integration tier',
        `the extension host exited with code ${outcome.code}${during} without test results${current ? '' : ' (did the extension or the test index fail to load?)'}\n${diagnostics()}`,
      );
    } else if (outcome.code !== 0 && result.failed === 0 && result.passed === 0) {
      fail('integration tier', `no integration test ran (exit code ${outcome.code})\n${diagnostics()}`);
    } else if (outcome.code !== 0 && result.failed === 0) {
      fail('integration tier', `the extension host exited with code ${outcome.code} although no test failed\n${diagnostics()}`);
    } else if (result.passed + result.failed === 0) {
      fail('integration tier', 'no integration test ran');
    }
  } catch (error) {
    fail('integration tier', error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    tail?.stop();
    await cleanupAll();
  }
  result.durationMs = Date.now() - started;
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runTierFromCommandLine('integration tests (VS Code extension host)', runIntegration);
}
