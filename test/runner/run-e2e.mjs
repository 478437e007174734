#!/usr/bin/env node
// End-to-end tier: tests that drive the VS Code workbench UI in headless Chromium like a user
// (Quick Open, command palette, Problems panel, code action menu, token colours). `npm run test:e2e`.
//
// Needs a built extension (`npm run build`: dist/extension.js); installs code-server and Node 24 into
// ~/.cache/custom-speech on first use (scripts/install-code-server.mjs).
//
// How it works: one code-server for the tier (started without a folder) and one Chromium; each test
// of test/e2e/*.test.mjs gets a fresh copy of test/fixtures/e2e-workspace (plus silent WAV files for
// the audio names its transcript uses) and a fresh browser context whose page opens the workbench on
// that copy with the extension loaded through extensionDevelopmentPath (no extensionTestsPath: the
// extension runs as it does for a user). A test gets { page, workbench, workspace } (see
// test/e2e/workbench.mjs) and has 60 s, workbench start included; the tier stops starting tests
// after 8 minutes. Everything lands in test-results/e2e/: code-server.log, and per test
// <n>-<test>.steps.log (each user step with its timing), <n>-<test>.browser.log (the workbench
// console, with the extension host's console) and, when it fails, a <n>-<test>.png screenshot (its
// path is printed with the step that failed).
//
// Options: --grep <regexp> runs only the tests whose title matches.
// Environment: CUSTOM_SPEECH_E2E_BUDGET (seconds for the whole tier, default 480);
//              CUSTOM_SPEECH_E2E_SCREENSHOTS=1 also screenshots passing tests (to check selectors).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CODE_SERVER_VERSION } from '../../scripts/install-code-server.mjs';
import { registered, setCurrentFile } from '../e2e/harness.mjs';
import { Workbench } from '../e2e/workbench.mjs';
import { cleanupAll, makeTempDir } from './processes.mjs';
import { newTierResult, runTierFromCommandLine } from './results.mjs';
import { launchBrowser, remoteUri, startCodeServer, workbenchUrl } from './vscode-web.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SPEC_DIR = path.join(REPO, 'test', 'e2e');
const FIXTURE_WORKSPACE = path.join(REPO, 'test', 'fixtures', 'e2e-workspace');
/** Audio files the fixture's transcripts name: written as short silent WAVs into each copy. */
const FIXTURE_AUDIO = ['dataset/good.wav', 'dataset/smart.wav'];
const VIEWPORT = { width: 1400, height: 900 };

function preflight() {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const main = path.resolve(REPO, pkg.main ?? 'dist/extension.js');
  if (!fs.existsSync(main)) throw new Error(`not built: ${path.relative(REPO, main)} missing — run \`npm run build\` first`);
  if (!fs.existsSync(FIXTURE_WORKSPACE)) throw new Error(`fixture missing: ${path.relative(REPO, FIXTURE_WORKSPACE)}`);
}

/** A 16 kHz mono 16-bit PCM WAV of `seconds` of silence: what the service accepts. */
function silentWav(seconds = 0.5, rate = 16_000) {
  const data = Math.round(seconds * rate) * 2;
  const wav = Buffer.alloc(44 + data);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + data, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28); // byte rate
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(data, 40);
  return wav;
}

/** A fresh copy of the fixture workspace (removed at cleanup). */
function prepareWorkspace() {
  const workspace = path.join(makeTempDir('custom-speech-e2e-'), 'workspace');
  fs.cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  for (const file of FIXTURE_AUDIO) fs.writeFileSync(path.join(workspace, file), silentWav());
  return workspace;
}

function slug(index, title) {
  const words = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${String(index + 1).padStart(2, '0')}-${words}`;
}

async function loadSpecs() {
  const errors = [];
  const files = fs
    .readdirSync(SPEC_DIR)
    .filter((name) => name.endsWith('.test.mjs'))
    .sort();
  for (const name of files) {
    setCurrentFile(name);
    try {
      await import(pathToFileURL(path.join(SPEC_DIR, name)).href);
    } catch (error) {
      errors.push({ title: `test/e2e/${name}`, error: `could not load: ${error?.stack ?? error}` });
    }
  }
  setCurrentFile(undefined);
  return errors;
}

/** Writes the page's console (which carries the extension host's console too) to `file`. */
function logPage(page, file) {
  fs.writeFileSync(file, '');
  const write = (line) => fs.appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
  page.on('console', (message) => {
    const text = message.text().replace(/^%c\s*(\w+)\s+color:\s*#[0-9a-f]{3,6}\s/i, '$1 ');
    write(`[console.${message.type()}] ${text}`);
  });
  page.on('pageerror', (error) => write(`[pageerror] ${error.stack ?? error}`));
  page.on('crash', () => write('[crash] page crashed'));
}

/**
 * Wraps the Workbench's methods so that each call (a user step) is written with its start time and
 * duration to `file`; current() is the step under way, or the first one that failed (for failure messages).
 */
function traceSteps(workbench, file, t0) {
  fs.writeFileSync(file, '');
  const open = [];
  let failed = '';
  const at = () => `+${((Date.now() - t0) / 1000).toFixed(1)} s`;
  const proxy = new Proxy(workbench, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || key === 'constructor') return value;
      return (...args) => {
        const label = `${String(key)}(${args.map((a) => JSON.stringify(a)).join(', ')})`;
        const started = Date.now();
        fs.appendFileSync(file, `${at()} ${label}\n`);
        open.push(label);
        const done = (ok) => {
          open.splice(open.lastIndexOf(label), 1);
          fs.appendFileSync(file, `${at()} ${label} ${ok ? 'done' : 'FAILED'} in ${Date.now() - started} ms\n`);
        };
        const result = value.apply(target, args);
        if (!(result instanceof Promise)) {
          done(true);
          return result;
        }
        return result.then(
          (v) => (done(true), v),
          (e) => {
            done(false);
            failed ||= label;
            throw e;
          },
        );
      };
    },
  });
  workbench.note = (message) => fs.appendFileSync(file, `${at()}   note: ${message}\n`);
  return { workbench: proxy, current: () => open[0] ?? failed };
}

/** Like promise, but rejects after `ms` (and never leaves an unhandled rejection behind). */
function withTimeout(promise, ms, message) {
  let timer;
  promise.catch(() => undefined);
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Runs the end-to-end tests. Never throws: a crash or timeout is reported as a failure.
 * Returns { passed, failed, pending, failures: [{title, error}], resultsDir, durationMs }.
 */
export async function runE2E({
  out = process.stdout,
  resultsDir = path.join(REPO, 'test-results', 'e2e'),
  grep = undefined,
  budgetMs = Number(process.env.CUSTOM_SPEECH_E2E_BUDGET || 480) * 1000,
} = {}) {
  const started = Date.now();
  const { result, fail } = newTierResult(resultsDir);
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  try {
    preflight();
    for (const { title, error } of await loadSpecs()) fail(title, error);
    const pattern = grep ? new RegExp(grep) : undefined;
    const tests = registered.filter((t) => !pattern || pattern.test(t.title));
    if (!tests.length) return result;

    const server = await startCodeServer({ logDir: resultsDir });
    const { browser, context: firstContext } = await launchBrowser();
    await firstContext.close(); // every test gets its own context (fresh storage)
    out.write(`  (code-server ${CODE_SERVER_VERSION} on ${server.origin}, ready in ${seconds(Date.now() - started)})\n`);
    const serverExited = server.exited.then(({ code, signal }) => {
      throw new Error(`code-server exited (${signal ?? `exit ${code}`})\n--- code-server log (last 20 lines)\n${server.log.tail(20)}`);
    });
    serverExited.catch(() => undefined);

    for (const [index, t] of tests.entries()) {
      const name = slug(index, t.title);
      if (Date.now() - started > budgetMs) {
        fail(t.title, `not run: the tier's time budget (${budgetMs / 1000} s) was used up`);
        out.write(`  - ${t.title} (not run: time budget used up)\n`);
        continue;
      }
      const testStarted = Date.now();
      const workspace = prepareWorkspace();
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      const browserLog = path.join(resultsDir, `${name}.browser.log`);
      logPage(page, browserLog);
      const steps = traceSteps(new Workbench(page), path.join(resultsDir, `${name}.steps.log`), testStarted);
      const workbench = steps.workbench;
      const url = workbenchUrl(server, {
        folder: workspace,
        payload: [['extensionDevelopmentPath', remoteUri(server, REPO)]],
      });
      const body = (async () => {
        await workbench.open(url, 'dataset');
        await t.fn({ page, workbench, workspace });
      })();
      const crashed = new Promise((_, reject) => page.once('crash', () => reject(new Error('the browser page crashed'))));
      crashed.catch(() => undefined);
      try {
        await withTimeout(Promise.race([body, crashed, serverExited]), t.timeoutMs, `the test did not finish within its ${t.timeoutMs / 1000} s`);
        result.passed++;
        out.write(`  ✓ ${t.title} (${seconds(Date.now() - testStarted)})\n`);
        if (process.env.CUSTOM_SPEECH_E2E_SCREENSHOTS) await page.screenshot({ path: path.join(resultsDir, `${name}.png`), timeout: 10_000 }).catch(() => undefined);
      } catch (error) {
        let message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        // The stack of a UI wait says little beyond the message: keep the message and the spec's frames.
        if (error instanceof Error && error.stack) {
          const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line) && line.includes(`${path.sep}test${path.sep}e2e${path.sep}`));
          message = `${error.message}${frames.length ? `\n${frames.slice(0, 4).join('\n')}` : ''}`;
        }
        const screenshot = path.join(resultsDir, `${name}.png`);
        const shot = await page
          .screenshot({ path: screenshot, timeout: 10_000 })
          .then(() => path.relative(process.cwd(), screenshot) || screenshot)
          .catch((e) => `none (${String(e.message ?? e).split('\n')[0]})`);
        const during = steps.current() ? `step: ${steps.current().slice(0, 300)}\n` : '';
        const logs = `${during}screenshot: ${shot}\nbrowser log: ${path.relative(process.cwd(), browserLog) || browserLog}`;
        fail(t.title, `${message}\n${logs}`);
        out.write(`  ✗ ${t.title} (${seconds(Date.now() - testStarted)})\n    ${logs.replace(/\n/g, '\n    ')}\n`);
      } finally {
        // Closing the context makes whatever the test still waits on fail fast (its rejection is caught).
        await withTimeout(context.close(), 10_000, 'context.close timed out').catch(() => undefined);
      }
    }
  } catch (error) {
    fail('e2e tier', error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    await cleanupAll();
  }
  result.durationMs = Date.now() - started;
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runTierFromCommandLine('end-to-end tests (workbench UI)', runE2E);
}
