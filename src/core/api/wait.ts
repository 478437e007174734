import { sleep } from './retry';
import type { EntityStatus } from './schemas';

export interface WaitOptions<T> {
  signal?: AbortSignal;
  /** Each state seen, for progress. */
  onProgress?: (entity: T, elapsedMs: number) => void;
  /** The first wait when the service gives no `Retry-After`; doubles up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Gives up (throws) after this long; unlimited by default. */
  timeoutMs?: number;
}

export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
}

/** True for the statuses nothing follows. */
export function isFinalStatus(status: EntityStatus | undefined): boolean {
  return status === 'Succeeded' || status === 'Failed';
}

/**
 * Polls until the entity is Succeeded or Failed, and returns it (a Failed entity is returned, not
 * thrown: its `properties.error` is the caller's to show). Honours the service's `Retry-After`,
 * else backs off from `initialDelayMs` to `maxDelayMs`; cancelled by the signal.
 */
export async function waitForStatus<T extends { status?: EntityStatus }>(poll: (signal?: AbortSignal) => Promise<{ entity: T; retryAfterMs?: number }>, options: WaitOptions<T> = {}): Promise<T> {
  const started = Date.now();
  let delay = options.initialDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  for (;;) {
    const { entity, retryAfterMs } = await poll(options.signal);
    const elapsed = Date.now() - started;
    options.onProgress?.(entity, elapsed);
    if (isFinalStatus(entity.status)) return entity;
    const wait = retryAfterMs ?? delay;
    if (options.timeoutMs !== undefined && elapsed + wait > options.timeoutMs) {
      throw new WaitTimeoutError(`Still ${entity.status ?? 'pending'} after ${Math.round(elapsed / 1000)} s.`);
    }
    await sleep(wait, options.signal);
    delay = Math.min(maxDelay, delay * 2);
  }
}
