import type { ModelConfig } from './model-paths';
import type { Hypothesis } from './recognizer';

/** The messages between decode-pool.ts and decode-worker.ts, typed once for both sides. */

/** `workerData` of a decode worker: the model it loads once. */
export interface DecodeWorkerData {
  model: ModelConfig;
}

/** Pool to worker: decode one file, or free the model and exit. */
export type DecodeRequest = { kind: 'decode'; file: string } | { kind: 'close' };

/** Worker to pool, one per decode request: a file that cannot be read or decoded is an answer too. */
export type DecodeReply = { kind: 'decoded'; hypothesis: Hypothesis } | { kind: 'failed'; error: string };
