// Connections inside a real VS Code: the local engine as a child process of the extension host
// (started on demand, restarted when killed), and Azure connections whose key lives in SecretStorage
// and nowhere else on disk.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Connection } from '../../src/core/connections/connection';
import { SpeechClient } from '../../src/core/api/client';
import { apiRootOf } from '../../src/core/api/service-target';
import { checkConnection } from '../../src/core/connections/check-connection';
import { isProcessAlive } from '../../src/core/connections/engine-lock';
import { LocalEngine } from '../../src/vscode/connections/local-engine';
import type { CustomSpeechTestApi } from '../../src/vscode/test-api';

const EXTENSION_ID = 'custom-speech-dev.custom-speech';

async function testApi(): Promise<CustomSpeechTestApi> {
  const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as CustomSpeechTestApi | undefined;
  assert.ok(api, 'activate() returns the test API under ExtensionMode.Test');
  return api;
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function runningEngine(api: CustomSpeechTestApi): { url: string; pid: number } | undefined {
  const state = api.connections.engine.state;
  return state.kind === 'running' ? state : undefined;
}

async function baseModelNames(api: CustomSpeechTestApi): Promise<string[]> {
  const client = await api.connections.client();
  const names: string[] = [];
  for await (const model of client.baseModels.list({ top: 1 })) names.push(model.displayName);
  return names;
}

/** Every file under `dir` (following no links), skipping nothing: settings, state databases, logs. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

/** Files among `files` that hold `secret`, as UTF-8 or UTF-16 text (SQLite and some logs use either). */
function filesHolding(files: string[], secret: string): string[] {
  const needles = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le')];
  return files.filter((file) => {
    try {
      const bytes = fs.readFileSync(file);
      return needles.some((needle) => bytes.includes(needle));
    } catch {
      return false; // removed while we looked (rotating logs, sockets)
    }
  });
}

/** The engine's key, from its own environment (the only place the extension puts it). */
function engineKeyOf(pid: number): string {
  const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  const entry = environ.find((line) => line.startsWith('CUSTOM_SPEECH_KEY='));
  assert.ok(entry, 'the engine gets its key through CUSTOM_SPEECH_KEY');
  return entry.slice('CUSTOM_SPEECH_KEY='.length);
}

/** The folders a key could leak into: the user data dir (settings, global state, logs) and the workspace. */
function searchedFiles(api: CustomSpeechTestApi): string[] {
  // globalStorageUri is <user data>/User/globalStorage/<extension id>.
  const userData = path.resolve(api.globalStorageUri.fsPath, '..', '..', '..');
  assert.ok(fs.existsSync(path.join(userData, 'User')), `user data dir ${userData}`);
  assert.ok(api.logUri.fsPath.startsWith(userData), `logs ${api.logUri.fsPath} are under the user data dir`);
  const workspace = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  return [...filesUnder(userData), ...filesUnder(path.join(workspace, '.vscode'))];
}

/** Waits until the "Custom Speech" log file on disk has a line matching `pattern`; returns the file. */
async function logFileWith(api: CustomSpeechTestApi, pattern: RegExp): Promise<string> {
  const userData = path.resolve(api.globalStorageUri.fsPath, '..', '..', '..');
  return waitFor(`a Custom Speech log file matching ${pattern}`, () => filesUnder(path.join(userData, 'logs')).find((file) => /Custom Speech\.log$/.test(file) && pattern.test(fs.readFileSync(file, 'utf8'))), 20_000);
}

describe('Connections: the local engine', function () {
  this.timeout(180_000);
  let api: CustomSpeechTestApi;
  before(async () => {
    api = await testApi();
    await vscode.commands.executeCommand('customSpeech.useLocalEngine');
  });

  it('is the default connection and shows in the status bar', () => {
    assert.equal(api.connections.active.id, 'local');
    assert.equal(api.statusBarText(), '$(server) Local engine');
  });

  it('starts on demand, keeps its data in global storage, and serves base models to the client', async () => {
    const names = await baseModelNames(api);
    assert.equal(names.length, 1, `base models: ${names.join(', ')}`);
    const engine = runningEngine(api);
    assert.ok(engine, `engine state ${api.connections.engine.state.kind}`);
    assert.match(engine.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(fs.existsSync(path.join(api.globalStorageUri.fsPath, 'engine')), 'the engine data dir is in global storage');
    assert.equal(await api.connections.client(), await api.connections.client(), 'the client is cached');
    // Each request is logged: method, path, status, time.
    await logFileWith(api, /Local engine: GET \/models\/base 200 \d+ ms/);
  });

  it('is restarted when it is killed, and the next request succeeds', async () => {
    const before = runningEngine(api) ?? (await api.connections.client(), runningEngine(api)!);
    const client = await api.connections.client();
    process.kill(before.pid, 'SIGKILL');
    const after = await waitFor('the restarted engine', () => {
      const engine = runningEngine(api);
      return engine && engine.pid !== before.pid ? engine : undefined;
    });
    assert.equal(after.url, before.url, 'restarted on the same port, so built clients keep working');
    for await (const model of client.baseModels.list({ top: 1 })) assert.ok(model.displayName);
    assert.equal((await baseModelNames(api)).length, 1);
    await logFileWith(api, /The local engine exited on SIGKILL; restarting it/);
  });

  it('restarts on command with a new process', async () => {
    const before = runningEngine(api)!;
    const url = await vscode.commands.executeCommand<string>('customSpeech.restartLocalEngine');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const after = runningEngine(api)!;
    assert.notEqual(after.pid, before.pid);
    assert.throws(() => process.kill(before.pid, 0), /ESRCH/, 'the old engine is gone');
    assert.equal((await baseModelNames(api)).length, 1);
  });

  it('stays down when it keeps dying (3 restarts a minute), says why, and comes back on command', async () => {
    // The restart command above started a fresh budget of 3 restarts.
    for (let kill = 1; kill <= 4; kill++) {
      const engine = await waitFor(`a running engine before kill ${kill}`, () => runningEngine(api));
      process.kill(engine.pid, 'SIGKILL');
      await waitFor(`the engine to react to kill ${kill}`, () => {
        const state = api.connections.engine.state;
        return state.kind === 'failed' || (state.kind === 'running' && state.pid !== engine.pid);
      });
    }
    assert.equal(api.connections.engine.state.kind, 'failed');
    assert.match(api.statusBarText(), /^\$\(error\) Local engine$/);
    await assert.rejects(api.connections.client(), /restarted 3 times within 60 s; it stays stopped/);
    await logFileWith(api, /\[error\] The local engine exited on SIGKILL and was restarted 3 times/);
    await vscode.commands.executeCommand('customSpeech.restartLocalEngine');
    assert.equal(api.connections.engine.state.kind, 'running');
    assert.equal((await baseModelNames(api)).length, 1);
  });

  /** `custom-speech serve` on this window's engine data folder, as another window (or a terminal) runs it. */
  async function otherEngine(key: string): Promise<ChildProcess> {
    const dataDir = path.join(api.globalStorageUri.fsPath, 'engine');
    const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
    const other = spawn(process.execPath, [cli, 'serve', '--data', dataDir], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', CUSTOM_SPEECH_KEY: key }, stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise<void>((resolve, reject) => {
      let output = '';
      other.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()) && /listening on/.test(output) && resolve());
      other.once('exit', (code) => reject(new Error(`the other engine exited with ${code}`)));
    });
    return other;
  }

  it("uses another window's engine on its data folder (the same key, from SecretStorage), and starts its own once that one stops", async () => {
    const own = runningEngine(api) ?? (await api.connections.client(), runningEngine(api)!);
    const key = engineKeyOf(own.pid);
    await api.connections.engine.stop();
    const other = await otherEngine(key);
    try {
      assert.equal((await baseModelNames(api)).length, 1);
      const shared = runningEngine(api);
      assert.ok(shared && shared.pid === other.pid && api.connections.engine.state.kind === 'running' && api.connections.engine.state.shared, JSON.stringify(api.connections.engine.state));
    } finally {
      const exited = new Promise((resolve) => other.once('exit', resolve));
      other.kill('SIGTERM');
      await exited;
    }
    const mine = await waitFor('this window\'s own engine', () => {
      const engine = runningEngine(api);
      return engine && engine.pid !== other.pid ? engine : undefined;
    }, 30_000);
    assert.equal(engineKeyOf(mine.pid), key, 'the same key, so clients built meanwhile keep working');
    assert.equal((await baseModelNames(api)).length, 1);
  });

  it("restarts another window's engine it uses when told to (after asking): that process stops, a fresh one runs", async () => {
    const own = runningEngine(api) ?? (await api.connections.client(), runningEngine(api)!);
    const key = engineKeyOf(own.pid);
    await api.connections.engine.stop();
    const other = await otherEngine(key);
    const exited = new Promise((resolve) => other.once('exit', resolve));
    try {
      assert.equal((await baseModelNames(api)).length, 1);
      assert.ok(api.connections.engine.isShared, JSON.stringify(api.connections.engine.state));
      const url = await vscode.commands.executeCommand<string>('customSpeech.restartLocalEngine', { confirmed: true });
      await exited;
      const mine = runningEngine(api)!;
      assert.ok(mine.pid !== other.pid && !api.connections.engine.isShared, JSON.stringify(api.connections.engine.state));
      assert.equal(url, mine.url);
      assert.equal(engineKeyOf(mine.pid), key);
      assert.equal((await baseModelNames(api)).length, 1);
    } finally {
      if (other.exitCode === null && other.signalCode === null) {
        other.kill('SIGKILL');
        await exited;
      }
    }
  });

  it('does not start beside an engine with another key on its data folder: says so at once, and starts on Restart once that one stops', async () => {
    await api.connections.engine.stop();
    const dataDir = path.join(api.globalStorageUri.fsPath, 'engine');
    const other = await otherEngine(randomBytes(24).toString('base64url'));
    try {
      const started = Date.now();
      await assert.rejects(api.connections.client(), (error: Error) => error.message.includes(`Another local engine (process ${other.pid}`) && error.message.includes(dataDir));
      assert.ok(Date.now() - started < 15_000, 'refused at once, not after three restarts');
      assert.equal(api.connections.engine.state.kind, 'failed');
      await assert.rejects(api.connections.client(), /already uses the data folder/, 'it stays down: no restart loop against the other engine');
    } finally {
      const exited = new Promise((resolve) => other.once('exit', resolve));
      other.kill('SIGTERM');
      await exited;
    }
    await vscode.commands.executeCommand('customSpeech.restartLocalEngine');
    assert.equal(api.connections.engine.state.kind, 'running');
    assert.equal((await baseModelNames(api)).length, 1);
  });

  it('two windows starting at once on a fresh machine agree on one key and share one engine, also after a restart', async () => {
    // Two LocalEngines as two windows' extensions have them, on a fresh data folder, sharing one
    // stand-in for the SecretStorage all windows of a user share (empty: no key made yet).
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custom-speech-race-'));
    const cliPath = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
    const stored = new Map<string, string>();
    const secrets = { get: async (name: string) => stored.get(name), store: async (name: string, value: string) => void stored.set(name, value) };
    const log = vscode.window.createOutputChannel('Custom Speech race test', { log: true });
    const windows = [0, 1].map(() => new LocalEngine({ cliPath, dataDir, log, secrets }));
    try {
      const [first, second] = await Promise.all(windows.map((window) => window.connection()));
      assert.equal(first!.url, second!.url, 'one engine');
      assert.equal(first!.key, second!.key, 'one key');
      assert.deepEqual([...stored.values()], [first!.key], 'the key kept is the engine\'s');
      assert.deepEqual(windows.map((window) => window.state.kind === 'running' && Boolean(window.state.shared)).sort(), [false, true]);
      const client = new SpeechClient({ apiRoot: apiRootOf({ kind: 'local', url: second!.url }), key: second!.key });
      try {
        await checkConnection(client, 'the local engine');
      } finally {
        await client.close();
      }
      // The window using the other's engine restarts it: that process stops, and both windows go on with one fresh engine.
      const pidOf = (window: LocalEngine) => (window.state.kind === 'running' ? window.state.pid : undefined);
      const old = pidOf(windows[0]!);
      await windows.find((window) => window.isShared)!.restart();
      await waitFor('both windows on one fresh engine', () => pidOf(windows[0]!) !== undefined && pidOf(windows[0]!) !== old && pidOf(windows[0]!) === pidOf(windows[1]!), 30_000);
      assert.equal(isProcessAlive(old!), false, 'the old engine is gone');
    } finally {
      await Promise.all(windows.map((window) => window.stop()));
      log.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('never writes its key to the log or anywhere else in user data', async () => {
    const engine = runningEngine(api) ?? (await api.connections.client(), runningEngine(api)!);
    const key = engineKeyOf(engine.pid);
    assert.ok(key.length >= 32, 'a long random key');
    await logFileWith(api, /\[engine\] Custom Speech local engine listening on/);
    assert.deepEqual(filesHolding(searchedFiles(api), key), []);
  });

  it('disconnects: the engine stops, the tree empties to its welcome, requests say how to connect; Use Local Engine comes back', async () => {
    const engine = runningEngine(api) ?? (await api.connections.client(), runningEngine(api)!);
    await vscode.commands.executeCommand('customSpeech.disconnect');
    assert.equal(api.connections.connected, false);
    await waitFor('the engine to stop', () => api.connections.engine.state.kind === 'stopped');
    assert.throws(() => process.kill(engine.pid, 0), /ESRCH/, 'the engine process is gone');
    assert.match(api.statusBarText(), /not connected/);
    assert.deepEqual(await api.workflow.tree.getChildren(), [], 'no connection node: the "not connected" welcome shows');
    await assert.rejects(api.connections.client(), /Not connected to a Speech service\. Run "Custom Speech: Connect…"/);
    assert.equal(runningEngine(api), undefined, 'asking for a client did not start the engine again');

    await vscode.commands.executeCommand('customSpeech.useLocalEngine');
    assert.equal(api.connections.connected, true);
    const [root] = await api.workflow.tree.getChildren();
    assert.equal(root?.type, 'connection');
    assert.ok(runningEngine(api), 'the engine started again for the tree');
    assert.equal(api.statusBarText(), '$(server) Local engine');
  });
});

describe('Connections: Azure', function () {
  this.timeout(120_000);
  let api: CustomSpeechTestApi;
  const key = `cs-integration-${randomBytes(16).toString('hex')}`;
  let id: string;

  before(async () => {
    api = await testApi();
  });

  it('adds a connection by region, makes it active and shows it in the status bar', async () => {
    const changes: Connection[] = [];
    const listener = api.connections.onDidChangeConnection((connection) => changes.push(connection));
    const added = await vscode.commands.executeCommand<string | undefined>('customSpeech.addAzureConnection', { region: 'westeurope', key, skipValidation: true });
    listener.dispose();
    assert.ok(added, 'addAzureConnection resolves with the new id');
    id = added;
    assert.deepEqual(
      changes.map((c) => c.id),
      [id],
    );
    assert.deepEqual(api.connections.active, { kind: 'azure', id, label: 'westeurope', region: 'westeurope' });
    assert.equal(api.statusBarText(), '$(azure) westeurope');
    const client = await api.connections.client();
    assert.match(client.transport.url('/models/base'), /^https:\/\/westeurope\.api\.cognitive\.microsoft\.com\/speechtotext\/models\/base\?/);
  });

  it('keeps the key in SecretStorage and nowhere else: not in settings, global state, logs or the workspace', async () => {
    assert.equal(await api.storedKey(id), key);
    // The log file is among the searched files, and it is current.
    await logFileWith(api, /Added the connection 'westeurope'/);
    const files = searchedFiles(api);
    assert.ok(files.some((file) => /settings\.json$/.test(file)), 'user settings are searched');
    assert.ok(files.some((file) => /Custom Speech\.log$/.test(file)), 'the log is searched');
    assert.deepEqual(filesHolding(files, 'westeurope').filter((file) => /Custom Speech\.log$/.test(file)).length, 1, 'the search finds what the log holds');
    assert.deepEqual(filesHolding(files, key), []);
    // Under code-server, global state lives with the workbench (in the browser), not on this disk: read it through the extension.
    const state = api.storageDump();
    assert.ok(state.includes(id), 'the connection itself is in global state');
    assert.ok(!state.includes(key), 'its key is not');
  });

  it('refuses an endpoint that is not https, and adds nothing', async () => {
    const count = api.connections.all().length;
    const added = await vscode.commands.executeCommand('customSpeech.addAzureConnection', { endpoint: 'http://my-speech.cognitiveservices.azure.com', key, skipValidation: true });
    assert.equal(added, undefined);
    assert.equal(api.connections.all().length, count);
    await logFileWith(api, /customSpeech\.addAzureConnection failed: .*must use https/);
  });

  it('switches to the local engine and back', async () => {
    await vscode.commands.executeCommand('customSpeech.switchConnection', 'local');
    assert.equal(api.statusBarText(), '$(server) Local engine');
    assert.equal((await baseModelNames(api)).length, 1);
    await vscode.commands.executeCommand('customSpeech.connect', id);
    assert.equal(api.connections.active.id, id);
    assert.equal(api.statusBarText(), '$(azure) westeurope');
  });

  it('removes the connection with its key; the local engine becomes active', async () => {
    await vscode.commands.executeCommand('customSpeech.removeConnection', id);
    assert.equal(api.connections.active.id, 'local');
    assert.equal(api.statusBarText(), '$(server) Local engine');
    assert.equal(await api.storedKey(id), undefined);
    assert.ok(!api.connections.all().some((c) => c.id === id));
  });
});
