import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { SpeechClient } from '../../core/api/client';
import { sleep } from '../../core/api/retry';
import { apiRootOf } from '../../core/api/service-target';
import { checkConnection } from '../../core/connections/check-connection';
import { FOLDER_IN_USE_EXIT_CODE, urlFromEngineBanner } from '../../core/connections/engine-banner';
import { isProcessAlive, listeningLockHolder } from '../../core/connections/engine-lock';
import { LineTail } from '../../core/connections/line-tail';
import { redact } from '../../core/connections/redact';
import { RestartBudget } from '../../core/connections/restart-budget';

/** Where the engine is in its life; `failed` means it crashed too often and stays down. */
export type EngineState =
  | { kind: 'stopped' }
  | { kind: 'starting' }
  /** `shared`: another window's engine on the same data folder, which this window uses. */
  | { kind: 'running'; url: string; pid: number; shared?: boolean }
  | { kind: 'failed'; reason: string };

export interface LocalEngineOptions {
  /** The extension's own `dist/cli.js`. */
  cliPath: string;
  /** Where the engine keeps projects, datasets and models (the extension's global storage). */
  dataDir: string;
  log: vscode.LogOutputChannel;
  /** How long a start may take before it counts as failed (the machine may be busy). */
  startTimeoutMs?: number;
  /** Grace between SIGTERM and SIGKILL when stopping. */
  stopGraceMs?: number;
  budget?: RestartBudget;
  /**
   * Where the engine's key is kept (the extension's SecretStorage, which every window of the user
   * shares): a window that finds another window's engine on the data folder uses that one with it.
   * Without it the key lives in memory only.
   */
  secrets?: Pick<vscode.SecretStorage, 'get' | 'store'>;
}

/** The SecretStorage entry of the local engine's key. */
const ENGINE_KEY_SECRET = 'customSpeech.localEngine.key';

/** How often a shared engine (another window's) is checked for still running. */
const SHARED_ENGINE_CHECK_MS = 2000;

/**
 * How often, and how far apart, a window refused by an engine with another key reads the stored key
 * again: two windows starting at once on a fresh machine may each have made a key, and the one whose
 * engine holds the folder stores its key again once the engine listens.
 */
const KEY_RECHECKS = 3;
const KEY_RECHECK_MS = 700;

/**
 * The local engine as a child process of the extension host (`custom-speech serve`), started the
 * first time a client needs it, restarted when it dies (bounded by a RestartBudget), stopped with the
 * extension. Its key is random, kept in SecretStorage and handed over only in the child's environment.
 * When another window's engine already holds the data folder, this window uses that engine (same
 * key) until it stops, then starts its own.
 */
export class LocalEngine implements vscode.Disposable {
  /** Only in SecretStorage: the engine gets it through CUSTOM_SPEECH_KEY, clients through `connection()`. */
  private key: string | undefined;
  private sharedWatch: NodeJS.Timeout | undefined;
  private readonly budget: RestartBudget;
  private readonly stderr = new LineTail(40);
  private readonly changed = new vscode.EventEmitter<EngineState>();
  readonly onDidChangeState = this.changed.event;
  private current: EngineState = { kind: 'stopped' };
  private child: ChildProcess | undefined;
  /** The port of the last engine, reused on restart so clients already built keep working. */
  private port = 0;
  private stopping: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly options: LocalEngineOptions) {
    this.budget = options.budget ?? new RestartBudget(3, 60_000);
  }

  get state(): EngineState {
    return this.current;
  }

  /** The running engine's URL and key; starts it first when it is not running. */
  async connection(): Promise<{ url: string; key: string }> {
    await this.stopping;
    if (this.disposed) throw new Error('The extension is shutting down: the local engine is not started again.');
    if (this.current.kind === 'stopped') this.spawn();
    const state = await this.settled();
    if (state.kind === 'running') return { url: state.url, key: this.key! };
    throw new Error(state.kind === 'failed' ? state.reason : 'The local engine was stopped.');
  }

  /**
   * Stops the engine if it runs and starts a fresh one, with a fresh restart budget. Another window's
   * engine, which this window uses, is stopped too (the caller asks the user first): a restart is
   * asked for when the engine misbehaves, and using the same process again would not help. That
   * window then uses this one's engine, or this window its.
   */
  async restart(): Promise<{ url: string; key: string }> {
    const shared = this.current.kind === 'running' && this.current.shared ? this.current.pid : undefined;
    await this.stop();
    if (shared !== undefined) await this.endSharedEngine(shared);
    this.budget.reset();
    return this.connection();
  }

  /** Whether the engine this window uses is another window's. */
  get isShared(): boolean {
    return this.current.kind === 'running' && this.current.shared === true;
  }

  /** SIGTERM, then SIGKILL after the grace period; resolves once the process is gone. */
  stop(): Promise<void> {
    this.stopping ??= this.terminate().finally(() => (this.stopping = undefined));
    return this.stopping;
  }

  dispose(): void {
    this.disposed = true;
    void this.stop().finally(() => this.changed.dispose());
  }

  private async terminate(): Promise<void> {
    // Another window's engine is that window's to stop: this one only stops using it.
    this.stopWatchingShared();
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), this.options.stopGraceMs ?? 5000);
      await exited;
      clearTimeout(timer);
      this.write('info', `Local engine stopped (pid ${child.pid}).`);
    }
    this.setState({ kind: 'stopped' });
  }

  /** Resolves with the next state that is not `starting`. */
  private settled(): Promise<EngineState> {
    if (this.current.kind !== 'starting') return Promise.resolve(this.current);
    return new Promise((resolve) => {
      const listener = this.onDidChangeState((state) => {
        if (state.kind === 'starting') return;
        listener.dispose();
        resolve(state);
      });
    });
  }

  private spawn(): void {
    this.setState({ kind: 'starting' });
    this.engineKey().then(
      (key) => {
        if (this.current.kind === 'starting' && !this.child && !this.disposed) this.fork(key);
      },
      (error: unknown) => this.setState({ kind: 'failed', reason: `The local engine's key could not be read from or kept in the secret storage: ${error instanceof Error ? error.message : String(error)}` }),
    );
  }

  /** The key every window's engine uses: made once and kept in SecretStorage. */
  private async engineKey(): Promise<string> {
    if (this.key) return this.key;
    const secrets = this.options.secrets;
    const stored = await secrets?.get(ENGINE_KEY_SECRET);
    if (stored) return (this.key = stored);
    const key = randomBytes(32).toString('base64url');
    await secrets?.store(ENGINE_KEY_SECRET, key);
    return (this.key = key);
  }

  private fork(key: string): void {
    const { cliPath, dataDir } = this.options;
    this.stderr.clear();
    const child = fork(cliPath, ['serve', '--data', dataDir, '--port', String(this.port)], {
      // The extension host's own runtime: Electron runs as Node with ELECTRON_RUN_AS_NODE, code-server's host is Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', CUSTOM_SPEECH_KEY: key },
      // Not the host's flags (--inspect would clash on its port).
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    this.write('info', `Starting the local engine (pid ${child.pid}, data in ${dataDir}).`);

    const stdout = new LineTail(5);
    let listening = false;
    const timer = setTimeout(() => {
      if (listening || this.child !== child) return;
      this.write('error', `The local engine did not start within ${Math.round((this.options.startTimeoutMs ?? 60_000) / 1000)} s; stopping it.`);
      child.kill('SIGKILL');
    }, this.options.startTimeoutMs ?? 60_000);

    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of stdout.push(chunk)) {
        this.write('info', `[engine] ${this.clean(line)}`);
        const url = urlFromEngineBanner(line);
        if (url && !listening && this.child === child && child.pid !== undefined) {
          listening = true;
          clearTimeout(timer);
          this.port = Number(new URL(url).port);
          this.setState({ kind: 'running', url, pid: child.pid });
          void this.keepKeyOfOwnEngine(key);
        }
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of this.stderr.push(chunk)) this.write('warn', `[engine] ${this.clean(line)}`);
    });
    child.once('error', (error) => {
      this.write('error', `The local engine process failed: ${error.message}`);
      // Not started at all (no pid): no 'exit' will follow.
      if (child.pid === undefined && this.child === child) {
        clearTimeout(timer);
        this.child = undefined;
        this.crashed('could not be started');
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      for (const line of this.stderr.flush()) this.write('warn', `[engine] ${this.clean(line)}`);
      if (this.child !== child) return; // stopped on purpose
      this.child = undefined;
      // Its port may be what failed (taken meanwhile): let the next one pick a free port.
      if (!listening) this.port = 0;
      // Its reason is the last line of its error output, which may arrive after 'exit'.
      if (code === FOLDER_IN_USE_EXIT_CODE && !listening) return void child.once('close', () => void this.refused());
      this.crashed(`exited ${signal ? `on ${signal}` : `with code ${code}`}${listening ? '' : ' before it listened'}`);
    });
  }

  /** The engine died without being asked to: restart it, unless it keeps dying. */
  private crashed(how: string): void {
    if (this.disposed) return;
    if (this.budget.tryTake(Date.now())) {
      this.write('warn', `The local engine ${how}; restarting it.`);
      this.spawn();
      return;
    }
    const tail = this.stderr.tail().map((line) => this.clean(line));
    const reason = `The local engine ${how} and was restarted ${this.budget.maxRestarts} times within ${this.budget.windowMs / 1000} s; it stays stopped. Its last output is in the log; run "Custom Speech: Restart Local Engine" to try again.`;
    this.write('error', `${reason}${tail.length ? `\nLast lines of its error output:\n${tail.join('\n')}` : ''}`);
    this.setState({ kind: 'failed', reason });
    void vscode.window.showErrorMessage(`Custom Speech: ${reason}`, 'Show Log', 'Restart').then((choice) => {
      if (choice === 'Show Log') this.options.log.show();
      if (choice === 'Restart') void vscode.commands.executeCommand('customSpeech.restartLocalEngine');
    });
  }

  /**
   * Another engine holds the data folder. Another window's answers to the same key: use it, and
   * start one's own once it stops. Any other (`custom-speech serve` with a key of its own): restarting
   * would be refused the same way until it stops, so say why at once and let the user retry.
   */
  private async refused(): Promise<void> {
    if (this.disposed) return;
    // The holder may have taken the folder a moment ago and not listen yet (two windows starting at once).
    const holder = await listeningLockHolder(this.options.dataDir, this.options.startTimeoutMs ?? 60_000);
    if (holder?.url && (await this.agreeOnKey(holder.url))) {
      if (this.disposed || this.current.kind !== 'starting') return;
      this.write('info', `Another window's local engine (pid ${holder.pid}, ${holder.url}) holds the data folder: using it until it stops.`);
      // Its port is taken again when this window starts its own, so clients already built keep working.
      this.port = Number(new URL(holder.url).port);
      this.setState({ kind: 'running', url: holder.url, pid: holder.pid, shared: true });
      this.watchShared(holder.pid);
      return;
    }
    if (this.disposed || this.current.kind !== 'starting') return;
    const said = this.stderr.tail().at(-1);
    const reason = said ? this.clean(said.replace(/^custom-speech serve: /, '')) : 'Another local engine already uses this data folder.';
    this.setState({ kind: 'failed', reason });
    void vscode.window.showErrorMessage(`Custom Speech: ${reason}`, 'Restart').then((choice) => {
      if (choice === 'Restart') void vscode.commands.executeCommand('customSpeech.restartLocalEngine');
    });
  }

  /**
   * Whether the engine at `url` takes this window's key — or, after a start race, the key the stored
   * one became (then this window uses that one from now on).
   */
  private async agreeOnKey(url: string): Promise<boolean> {
    if (await answersWithKey(url, this.key!)) return true;
    for (let check = 0; check < KEY_RECHECKS && !this.disposed; check++) {
      await sleep(KEY_RECHECK_MS);
      const stored = await this.options.secrets?.get(ENGINE_KEY_SECRET).then(undefined, () => undefined);
      if (stored && stored !== this.key && (await answersWithKey(url, stored))) {
        this.key = stored;
        return true;
      }
    }
    return false;
  }

  /**
   * The engine this window started holds the data folder, so its key is the one to share: stored
   * again if another window starting at the same time stored a key of its own meanwhile.
   */
  private async keepKeyOfOwnEngine(key: string): Promise<void> {
    const secrets = this.options.secrets;
    try {
      if (secrets && (await secrets.get(ENGINE_KEY_SECRET)) !== key) await secrets.store(ENGINE_KEY_SECRET, key);
    } catch (error) {
      this.write('warn', `The local engine's key could not be kept in the secret storage: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** When the shared engine's process ends (its window closed), this window starts its own on next use. */
  private watchShared(pid: number): void {
    this.stopWatchingShared();
    this.sharedWatch = setInterval(() => {
      if (isProcessAlive(pid)) return;
      this.stopWatchingShared();
      if (this.current.kind !== 'running' || this.current.pid !== pid) return;
      this.write('info', `The other window's local engine (pid ${pid}) stopped; this window starts its own.`);
      this.setState({ kind: 'stopped' });
      if (!this.disposed) this.spawn();
    }, SHARED_ENGINE_CHECK_MS);
    this.sharedWatch.unref();
  }

  /** SIGTERM to another window's engine (it finishes what it writes and frees the data folder), SIGKILL after the grace period. */
  private async endSharedEngine(pid: number): Promise<void> {
    if (!signal(pid, 'SIGTERM')) return; // already gone
    this.write('info', `Stopping the other window's local engine (pid ${pid}) to restart it.`);
    const gone = async (ms: number) => {
      for (const deadline = Date.now() + ms; isProcessAlive(pid) && Date.now() < deadline; ) await sleep(100);
      return !isProcessAlive(pid);
    };
    // Gone before this window's engine starts: a live holder would make the data folder refuse it.
    if (!(await gone(this.options.stopGraceMs ?? 5000)) && signal(pid, 'SIGKILL')) await gone(2000);
  }

  private stopWatchingShared(): void {
    clearInterval(this.sharedWatch);
    this.sharedWatch = undefined;
  }

  /** The engine never prints its key; this makes sure no line of it reaches the log with it. */
  private clean(line: string): string {
    return redact(line, this.key ? [this.key] : []);
  }

  /** The log channel is closed while the extension deactivates, yet the engine may still say goodbye. */
  private write(level: 'info' | 'warn' | 'error', message: string): void {
    try {
      this.options.log[level](message);
    } catch {
      // closed: nobody is listening any more
    }
  }

  private setState(state: EngineState): void {
    this.current = state;
    this.changed.fire(state);
  }
}

/** Sends `name` to `pid`; false when there is no such process. */
function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/** Whether the engine at `url` takes `key` (the connection check every connection gets), asked once: no retries. */
async function answersWithKey(url: string, key: string): Promise<boolean> {
  const client = new SpeechClient({ apiRoot: apiRootOf({ kind: 'local', url }), key }, { retry: { maxAttempts: 1 } });
  try {
    await checkConnection(client, 'the local engine', AbortSignal.timeout(5000));
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}
