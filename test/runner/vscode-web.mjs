// A real VS Code for tests: code-server (VS Code server + web workbench, run by Node 24) on a free
// 127.0.0.1 port with throw-away user data, opened in headless Chromium through playwright-core.
// Used by the integration tier (mocha inside the extension host) and meant for the e2e tier (UI).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CODE_SERVER_VERSION, ensureCodeServer } from '../../scripts/install-code-server.mjs';
import { childEnv, makeTempDir, onCleanup, trackGroup } from './processes.mjs';
import { QUIET_SETTINGS } from './settings.mjs';

export { QUIET_SETTINGS };

export const CHROMIUM = process.env.CUSTOM_SPEECH_CHROMIUM || '/usr/bin/chromium';

/** Keeps the last lines written to a stream, and copies everything to a file. */
class LogTail {
  constructor(file, keep = 200) {
    this.file = file;
    this.keep = keep;
    this.lines = [];
    this.partial = '';
    this.listeners = new Set();
    fs.writeFileSync(file, '');
  }

  write(chunk) {
    const text = chunk.toString();
    fs.appendFileSync(this.file, text);
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      this.lines.push(line);
      if (this.lines.length > this.keep) this.lines.shift();
      for (const listener of this.listeners) listener(line);
    }
  }

  tail(n = 40) {
    return [...this.lines, ...(this.partial ? [this.partial] : [])].slice(-n).join('\n');
  }
}

/**
 * Starts code-server. Returns { origin, port, dirs, log, exited, stop }.
 * `env` is added to the server's environment (the extension host inherits it).
 */
export async function startCodeServer({ workspace, env = {}, logDir, startTimeoutMs = 90_000 } = {}) {
  const install = await ensureCodeServer();
  const base = makeTempDir('custom-speech-code-server-');
  const dirs = {
    base,
    userData: path.join(base, 'user-data'),
    extensions: path.join(base, 'extensions'),
    config: path.join(base, 'config.yaml'),
    xdgData: path.join(base, 'xdg-data'),
    xdgConfig: path.join(base, 'xdg-config'),
  };
  dirs.tmp = path.join(base, 'tmp');
  for (const dir of [dirs.userData, dirs.extensions, dirs.xdgData, dirs.xdgConfig, dirs.tmp]) fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify(QUIET_SETTINGS, null, 2)}\n`);
  fs.writeFileSync(dirs.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');

  const args = [
    install.codeServerEntry,
    '--bind-addr',
    '127.0.0.1:0', // code-server picks a free port and logs it: no race between probing and binding
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--config',
    dirs.config,
    '--vscode-option',
    'enable-smoke-test-driver',
    // Safety net if this runner is SIGKILLed (no cleanup runs): Chromium exits with its pipe, and
    // code-server exits once it has had no connection for ~1 min (heartbeat) + this timeout.
    '--idle-timeout-seconds',
    '90',
    ...(workspace ? [workspace] : []),
  ];
  const log = new LogTail(path.join(logDir ?? base, 'code-server.log'));
  const child = spawn(install.node, args, {
    cwd: base,
    detached: true, // own process group: killed as a whole
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv({
      // code-server writes its own logs and a default config under XDG_DATA_HOME / XDG_CONFIG_HOME;
      // VS Code leaves IPC sockets and language-server files in the temp dir: keep all of it in `base`.
      XDG_DATA_HOME: dirs.xdgData,
      XDG_CONFIG_HOME: dirs.xdgConfig,
      TMPDIR: dirs.tmp,
      // No extension gallery (code-server defaults to open-vsx.org): no network, no update checks.
      EXTENSIONS_GALLERY: '{}',
      ...env,
    }),
  });
  trackGroup(child);
  child.stdout.on('data', (d) => log.write(d));
  child.stderr.on('data', (d) => log.write(d));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not start within ${startTimeoutMs / 1000} s\n${log.tail()}`)),
      startTimeoutMs,
    );
    const listener = (line) => {
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(line);
      if (match) {
        clearTimeout(timer);
        log.listeners.delete(listener);
        resolve(Number(match[1]));
      }
    };
    log.listeners.add(listener);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited during startup (${signal ?? `exit ${code}`})\n${log.tail()}`));
    });
  });
  const origin = `http://127.0.0.1:${port}`;
  const health = await fetch(`${origin}/healthz`).catch((error) => error);
  if (!(health instanceof Response) || !health.ok) {
    throw new Error(`code-server at ${origin} is not healthy: ${health instanceof Response ? health.status : health}`);
  }

  const stop = async (graceMs = 5000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, graceMs);
    await exited;
    clearTimeout(timer);
  };
  onCleanup(() => stop());
  return { origin, port, dirs, log, exited, stop, version: CODE_SERVER_VERSION };
}

/** `vscode-remote://` URI of an absolute server-side path, as the web workbench expects. */
export function remoteUri(server, absolutePath) {
  return `vscode-remote://127.0.0.1:${server.port}${encodeURI(absolutePath.split(path.sep).join('/'))}`;
}

/**
 * The workbench URL opening `folder`, with a payload (e.g. extensionDevelopmentPath /
 * extensionTestsPath as [key, value] pairs).
 */
export function workbenchUrl(server, { folder, payload } = {}) {
  const url = new URL(`${server.origin}/`);
  if (folder) url.searchParams.set('folder', folder);
  if (payload && payload.length) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

/**
 * Launches headless Chromium with a fresh profile. Returns { browser, context, page, stop }.
 * The page's console (with the extension host's console output), page errors and crashes are
 * written to `logFile`.
 */
export async function launchBrowser({ logFile, viewport = { width: 1400, height: 900 } } = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CUSTOM_SPEECH_CHROMIUM)`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // launch() already uses a fresh temporary profile (user-data-dir) and deletes it on close.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
    env: childEnv(),
    // The runner handles signals itself (processes.mjs) and closes the browser first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
  });
  const stop = async () => {
    await browser.close().catch(() => undefined);
  };
  onCleanup(stop);
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (logFile) fs.writeFileSync(logFile, '');
  const write = (line) => {
    if (logFile) fs.appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
  };
  // The workbench's console, which also carries the extension host's console.log/error (and
  // stdout) when extension tests run: VS Code prints them with %c styling, dropped here.
  page.on('console', (message) => {
    const text = message.text().replace(/^%c\s*(\w+)\s+color:\s*#[0-9a-f]{3,6}\s/i, '$1 ');
    write(`[console.${message.type()}] ${text}`);
  });
  page.on('pageerror', (error) => write(`[pageerror] ${error.stack ?? error}`));
  page.on('crash', () => write('[crash] page crashed'));
  return { browser, context, page, stop };
}
