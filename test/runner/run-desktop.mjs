#!/usr/bin/env node
// `npm run test:desktop`: the same integration suites (out/test/integration/index.js) in desktop
// VS Code (Electron) through @vscode/test-electron, for developers with a display and network.
// On machines that cannot download VS Code (like our CI) use `npm run test:integration`, which runs
// them in code-server instead.
//
// Environment:
//   CUSTOM_SPEECH_VSCODE_EXECUTABLE  use this VS Code binary instead of downloading one
//   CUSTOM_SPEECH_VSCODE_VERSION     version to download (default: stable), cached in .vscode-test/
// Options: --grep <regexp>
// Needs a compiled project (`npm run compile && npm run build`). On Linux without a display run it
// under `xvfb-run -a`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { GREP_ENV, RESULTS_ENV, currentTest, follow, printFailures, readSummary } from './results.mjs';
import { QUIET_SETTINGS } from './settings.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TEST_INDEX = path.join(REPO, 'out', 'test', 'integration', 'index.js');
const FIXTURE_WORKSPACE = path.join(REPO, 'test', 'fixtures', 'workspace');
const resultsDir = path.join(REPO, 'test-results', 'desktop');
const out = process.stdout;

const grepAt = process.argv.indexOf('--grep');
const grep = grepAt > 0 ? process.argv[grepAt + 1] : undefined;

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'custom-speech-desktop-'));
process.on('exit', () => fs.rmSync(temp, { recursive: true, force: true }));

async function main() {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  for (const file of [TEST_INDEX, path.resolve(REPO, pkg.main ?? 'dist/extension.js')]) {
    if (!fs.existsSync(file)) throw new Error(`not built: ${path.relative(REPO, file)} missing — run \`npm run compile && npm run build\` first`);
  }
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  const workspace = path.join(temp, 'workspace');
  if (fs.existsSync(FIXTURE_WORKSPACE)) fs.cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  else fs.mkdirSync(workspace, { recursive: true });
  const userData = path.join(temp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), `${JSON.stringify(QUIET_SETTINGS, null, 2)}\n`);

  let vscodeExecutablePath = process.env.CUSTOM_SPEECH_VSCODE_EXECUTABLE;
  if (!vscodeExecutablePath) {
    const version = process.env.CUSTOM_SPEECH_VSCODE_VERSION || 'stable';
    try {
      vscodeExecutablePath = await downloadAndUnzipVSCode({
        version,
        cachePath: path.join(REPO, '.vscode-test'),
        timeout: 30_000,
      });
    } catch (error) {
      throw new Error(
        `could not download VS Code ${version} for desktop tests: ${error?.message ?? error}\n` +
          'Set CUSTOM_SPEECH_VSCODE_EXECUTABLE to an installed VS Code binary, or run the same suites in ' +
          'code-server with `npm run test:integration` (works offline apart from the npm registry).',
      );
    }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    out.write('  (no DISPLAY: if VS Code fails to start, run this under `xvfb-run -a`)\n');
  }

  const tail = follow(path.join(resultsDir, 'tests.log'), out);
  let exitCode;
  try {
    exitCode = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: TEST_INDEX,
      extensionTestsEnv: { [RESULTS_ENV]: resultsDir, ...(grep ? { [GREP_ENV]: grep } : {}) },
      launchArgs: [
        workspace,
        '--user-data-dir',
        userData,
        '--extensions-dir',
        path.join(temp, 'extensions'),
        '--disable-extensions', // other extensions; the one under development still loads
        '--disable-gpu',
      ],
    });
  } catch (error) {
    // runTests rejects with TestRunFailedError {code, signal} when VS Code exits non-zero (a failed
    // test, a crash), and with other errors when it cannot start.
    exitCode = error?.signal ?? error?.code;
    if (exitCode === undefined && !readSummary(resultsDir)) throw error;
  } finally {
    tail.stop();
  }
  const summary = readSummary(resultsDir);
  if (!summary) {
    const current = currentTest(resultsDir);
    throw new Error(`VS Code exited (${exitCode ?? 'crashed'})${current ? ` during test "${current}"` : ''} without test results`);
  }
  if (exitCode !== 0 && summary.failed === 0) {
    summary.failed++;
    summary.failures.push({ title: 'desktop tier', error: `VS Code exited with code ${exitCode} although no test failed` });
  }
  return summary;
}

out.write('integration tests in desktop VS Code (@vscode/test-electron)\n');
let result;
try {
  result = await main();
} catch (error) {
  result = { passed: 0, failed: 1, pending: 0, failures: [{ title: 'desktop tier', error: error?.message ?? String(error) }] };
}
printFailures(out, result.failures);
if (result.pending) out.write(`  ${result.pending} pending\n`);
out.write(`${result.passed} passed, ${result.failed} failed\n`);
process.exit(result.failed > 0 || result.passed === 0 ? 1 : 0);
