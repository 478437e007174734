import { isFinalStatus } from '../api/wait';
import type { EntityStatus } from '../api/schemas';

/** Something running on the service that a watcher polls until it settles. */
export interface Watched<T extends { status?: EntityStatus }> {
  /** Unique among the watched, e.g. `datasets/<id>`. */
  key: string;
  poll: (signal: AbortSignal) => Promise<{ entity: T; retryAfterMs?: number }>;
}

export interface WatcherOptions {
  /** The first wait when the service gives no Retry-After; doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Consecutive polling failures after which an entity is no longer watched. */
  maxFailures?: number;
}

export interface WatchEvents<T> {
  /** The entity changed (status, or anything else). */
  onChange: (key: string, entity: T) => void;
  /** It reached Succeeded or Failed. */
  onSettled: (key: string, entity: T) => void;
  onGaveUp?: (key: string, error: unknown) => void;
}

/**
 * Polls running entities until they settle: each on its own schedule, honouring the service's
 * Retry-After, else backing off; several watches of the same key share one poll.
 */
export class StatusWatcher<T extends { status?: EntityStatus; lastActionDateTime?: string }> {
  private readonly watching = new Map<string, { controller: AbortController; timer?: ReturnType<typeof setTimeout> }>();
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxFailures: number;

  constructor(
    private readonly events: WatchEvents<T>,
    options: WatcherOptions = {},
  ) {
    this.initialDelayMs = options.initialDelayMs ?? 2000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.maxFailures = options.maxFailures ?? 5;
  }

  /** Starts watching `watched` unless it is watched already; `current` is what is known now. */
  watch(watched: Watched<T>, current: T): void {
    if (isFinalStatus(current.status) || this.watching.has(watched.key)) return;
    const entry: { controller: AbortController; timer?: ReturnType<typeof setTimeout> } = { controller: new AbortController() };
    this.watching.set(watched.key, entry);
    let last = fingerprint(current);
    let delay = this.initialDelayMs;
    let failures = 0;
    const tick = async () => {
      if (entry.controller.signal.aborted) return;
      let wait = delay;
      try {
        const { entity, retryAfterMs } = await watched.poll(entry.controller.signal);
        failures = 0;
        const now = fingerprint(entity);
        if (now !== last) {
          last = now;
          delay = this.initialDelayMs; // it moved: look again soon
          this.events.onChange(watched.key, entity);
        } else {
          delay = Math.min(this.maxDelayMs, delay * 2);
        }
        if (isFinalStatus(entity.status)) {
          this.watching.delete(watched.key);
          this.events.onSettled(watched.key, entity);
          return;
        }
        wait = retryAfterMs ?? delay;
      } catch (error) {
        if (entry.controller.signal.aborted) return;
        if (++failures >= this.maxFailures) {
          this.watching.delete(watched.key);
          this.events.onGaveUp?.(watched.key, error);
          return;
        }
        wait = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** failures);
      }
      entry.timer = setTimeout(() => void tick(), wait);
    };
    entry.timer = setTimeout(() => void tick(), this.initialDelayMs);
  }

  isWatching(key: string): boolean {
    return this.watching.has(key);
  }

  get size(): number {
    return this.watching.size;
  }

  unwatch(key: string): void {
    const entry = this.watching.get(key);
    if (!entry) return;
    entry.controller.abort();
    clearTimeout(entry.timer);
    this.watching.delete(key);
  }

  dispose(): void {
    for (const key of [...this.watching.keys()]) this.unwatch(key);
  }
}

function fingerprint(entity: { status?: EntityStatus; lastActionDateTime?: string }): string {
  return JSON.stringify(entity);
}
