import { stat } from 'node:fs/promises';
import * as os from 'node:os';
import { DecodePool, type DecodeOptions, type FileDecodeResult, type PoolOptions } from './decode-pool';
import type { ModelConfig } from './model-paths';

/** Files to decode with one model. */
export interface DecodeJob {
  model: ModelConfig;
  files: readonly string[];
}

export interface DecodeJobsOptions extends PoolOptions {
  /** Stops handing out files; files being decoded finish (a decode cannot be interrupted). */
  signal?: AbortSignal;
  /** Called as each file is done, in completion order, with its job's and its own index. */
  onResult?: (result: FileDecodeResult, job: number, index: number) => void;
}

/**
 * A lane moves to another job's model only when this many of its files wait: loading a model
 * (0.3–0.9 s) costs about as much as decoding one utterance, and the lanes already on that job
 * finish a short tail soon anyway.
 */
const MIN_WAITING_TO_SWITCH = 3;

interface Task {
  file: string;
  index: number;
  bytes: number;
}

/**
 * Decodes several jobs — a test set with model 1 and with model 2 — on `concurrency` worker threads
 * (default one per core), each holding one model at a time (150–220 MB). The threads start on
 * different jobs, so the models load side by side rather than one after the other, and a thread
 * whose job runs out moves to the job with the most files left instead of idling through another's
 * tail. Each job's files are taken longest first, so the last ones are short. Gives each job's
 * results in the order of its files; rejects only if a worker fails or on abort.
 */
export async function decodeJobs(jobs: readonly DecodeJob[], options: DecodeJobsOptions = {}): Promise<FileDecodeResult[][]> {
  const results = jobs.map((job) => new Array<FileDecodeResult>(job.files.length));
  const queues = await Promise.all(jobs.map((job) => longestFirst(job.files)));
  const busy = jobs.map(() => 0);
  const starts = queues.flatMap((queue, job) => (queue.length > 0 ? [job] : []));
  const total = queues.reduce((sum, queue) => sum + queue.length, 0);
  const laneCount = Math.min(Math.max(1, Math.floor(options.concurrency ?? os.availableParallelism())), total);
  // One lane failing (a model that does not load) stops the others.
  const failed = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, failed.signal]) : failed.signal;

  const nextJob = (): number | undefined => {
    let best: number | undefined;
    queues.forEach((queue, job) => {
      if (queue.length === 0 || (busy[job]! > 0 && queue.length < MIN_WAITING_TO_SWITCH)) return;
      if (best === undefined || queue.length > queues[best]!.length) best = job;
    });
    return best;
  };

  const lane = async (first: number): Promise<void> => {
    for (let job: number | undefined = first; job !== undefined; job = nextJob()) {
      busy[job]!++;
      const pool = new DecodePool(jobs[job]!.model, { concurrency: 1, ...(options.workerScript ? { workerScript: options.workerScript } : {}) });
      try {
        for (let task = queues[job]!.shift(); task; task = queues[job]!.shift()) {
          signal.throwIfAborted();
          const [result] = await pool.decode([task.file], { signal });
          results[job]![task.index] = result!;
          options.onResult?.(result!, job, task.index);
        }
      } finally {
        busy[job]!--;
        await pool.close();
      }
    }
  };

  const outcomes = await Promise.allSettled(
    Array.from({ length: laneCount }, (_, i) =>
      lane(starts[i % starts.length]!).catch((error: unknown) => {
        failed.abort(error);
        throw error;
      }),
    ),
  );
  // The first failure, not the aborts it caused in the other lanes.
  if (failed.signal.aborted) throw failed.signal.reason;
  const rejected = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (rejected) throw rejected.reason;
  return results;
}

/** The files, longest (largest) first; a file that cannot be read is decoded last, to fail there. */
async function longestFirst(files: readonly string[]): Promise<Task[]> {
  const tasks = await Promise.all(files.map(async (file, index) => ({ file, index, bytes: (await stat(file).catch(() => undefined))?.size ?? -1 })));
  return tasks.sort((a, b) => b.bytes - a.bytes || a.index - b.index);
}

/** Decodes `files` with one model on `concurrency` worker threads (default: one per core, at most one per file), then frees them. */
export async function decodeFiles(files: readonly string[], model: ModelConfig, options: PoolOptions & DecodeOptions = {}): Promise<FileDecodeResult[]> {
  const { onResult, ...rest } = options;
  const [results] = await decodeJobs([{ model, files }], { ...rest, ...(onResult ? { onResult: (result, _job, index) => onResult(result, index) } : {}) });
  return results!;
}
