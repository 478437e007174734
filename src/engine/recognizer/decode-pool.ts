import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DecodeReply, DecodeRequest, DecodeWorkerData } from './decode-protocol';
import type { ModelConfig } from './model-paths';
import type { Hypothesis } from './recognizer';

/** A file's hypothesis, or why it could not be decoded (not a WAV file, wrong format …). */
export type FileDecodeResult = { file: string; hypothesis: Hypothesis } | { file: string; error: string };

export interface PoolOptions {
  /** Worker threads, each with its own copy of the model (150–220 MB); default one per core. */
  concurrency?: number;
  /** The compiled worker; default decode-worker.js beside this file. */
  workerScript?: string;
}

export interface DecodeOptions {
  /** Stops handing out files; files being decoded finish (a decode cannot be interrupted). */
  signal?: AbortSignal;
  /** Called as each file is done, in completion order. */
  onResult?: (result: FileDecodeResult, index: number) => void;
}

/**
 * The worker beside this module: tsc compiles decode-worker.ts next to decode-pool.js (out/), and
 * esbuild.mjs bundles it as dist/decode-worker.js next to the bundles that include this code.
 */
export function defaultDecodeWorkerScript(): string {
  return path.join(__dirname, 'decode-worker.js');
}

interface Task {
  file: string;
  batch: object;
  settle(result: FileDecodeResult): void;
  fail(reason: unknown): void;
}

/**
 * Worker threads that each keep one Recognizer loaded and decode WAV files from a shared queue, so
 * many utterances are decoded in parallel and the model is loaded once per thread, not per file.
 * close() frees the models.
 */
export class DecodePool {
  private readonly queue: Task[] = [];
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, Task>();
  private readonly exited: Promise<void>[] = [];
  private failure: unknown;
  private closing = false;

  constructor(readonly model: ModelConfig, options: PoolOptions = {}) {
    const script = options.workerScript ?? defaultDecodeWorkerScript();
    if (!fs.existsSync(script)) {
      throw new Error(`The decode worker ${script} is missing: build it with \`npm run build\` (dist/) or \`npm run compile\` (out/).`);
    }
    const count = Math.max(1, Math.floor(options.concurrency ?? os.availableParallelism()));
    const workerData: DecodeWorkerData = { model };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script, { workerData });
      worker.on('message', (reply: DecodeReply) => this.answer(worker, reply));
      worker.on('error', (error) => this.fail(error));
      this.exited.push(
        new Promise((resolve) =>
          worker.once('exit', (code) => {
            if (!this.closing) this.fail(new Error(`A decode worker stopped unexpectedly (exit code ${code}).`));
            resolve();
          }),
        ),
      );
      this.idle.push(worker);
    }
  }

  /** Decodes `files` (16 kHz mono 16-bit WAV), results in the order of `files`; rejects only if a worker fails, on close() or on abort. */
  decode(files: readonly string[], options: DecodeOptions = {}): Promise<FileDecodeResult[]> {
    const { signal, onResult } = options;
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const batch = {};
    const results = files.map(
      (file, index) =>
        new Promise<FileDecodeResult>((resolve, reject) => {
          let done = false;
          const settle = (result: FileDecodeResult) => {
            if (done) return;
            done = true;
            try {
              onResult?.(result, index);
              resolve(result);
            } catch (error) {
              reject(error);
            }
          };
          const fail = (reason: unknown) => {
            if (done) return;
            done = true;
            reject(reason);
          };
          this.queue.push({ file, batch, settle, fail });
        }),
    );
    const onAbort = () => this.abort(batch, signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    this.dispatch();
    return Promise.all(results).finally(() => signal?.removeEventListener('abort', onAbort));
  }

  /** Frees every worker's model and waits for the threads to end; files not yet decoded are rejected. */
  async close(): Promise<void> {
    this.closing = true;
    this.fail(new Error('The decode pool was closed.'));
    for (const worker of [...this.idle, ...this.running.keys()]) worker.postMessage({ kind: 'close' } satisfies DecodeRequest);
    await Promise.all(this.exited);
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.running.set(worker, task);
      worker.postMessage({ kind: 'decode', file: path.resolve(task.file) } satisfies DecodeRequest);
    }
  }

  private answer(worker: Worker, reply: DecodeReply): void {
    const task = this.running.get(worker);
    this.running.delete(worker);
    this.idle.push(worker);
    if (task) task.settle(reply.kind === 'decoded' ? { file: task.file, hypothesis: reply.hypothesis } : { file: task.file, error: reply.error });
    this.dispatch();
  }

  // A worker that throws (a model that does not load, a crash) fails everything waiting: the others
  // load the same model and would fail the same way.
  private fail(reason: unknown): void {
    this.failure ??= reason;
    for (const task of this.queue.splice(0)) task.fail(reason);
    for (const task of this.running.values()) task.fail(reason);
  }

  // Files being decoded run to the end (a decode cannot be interrupted); their answers are dropped.
  private abort(batch: object, reason: unknown): void {
    const [dropped, kept] = partition(this.queue, (task) => task.batch === batch);
    this.queue.splice(0, this.queue.length, ...kept);
    for (const task of dropped) task.fail(reason);
    for (const task of this.running.values()) if (task.batch === batch) task.fail(reason);
  }
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
