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
  /**
   * Entities polled at once; more wait their turn. A list of hundreds of running entities must not
   * become hundreds of requests every few seconds (the service throttles at 100 per 10 s).
   */
  maxActive?: number;
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
  private readonly maxActive: number;
  private readonly waiting: { watched: Watched<T>; current: T }[] = [];

  constructor(
    private readonly events: WatchEvents<T>,
    options: WatcherOptions = {},
  ) {
    this.initialDelayMs = options.initialDelayMs ?? 2000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.maxFailures = options.maxFailures ?? 5;
    this.maxActive = options.maxActive ?? 20;
  }

  /** Starts watching `watched` unless it is watched already; `current` is what is known now. */
  watch(watched: Watched<T>, current: T): void {
    if (isFinalStatus(current.status) || this.watching.has(watched.key) || this.waiting.some((w) => w.watched.key === watched.key)) return;
    if (this.watching.size >= this.maxActive) {
      this.waiting.push({ watched, current });
      return;
    }
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
          this.release(watched.key);
          this.events.onSettled(watched.key, entity);
          return;
        }
        wait = retryAfterMs ?? delay;
      } catch (error) {
        if (entry.controller.signal.aborted) return;
        if (++failures >= this.maxFailures) {
          this.release(watched.key);
          this.events.onGaveUp?.(watched.key, error);
          return;
        }
        wait = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** failures);
      }
      entry.timer = setTimeout(() => void tick(), wait);
    };
    entry.timer = setTimeout(() => void tick(), this.initialDelayMs);
  }

  /** Being polled or waiting for its turn. */
  isWatching(key: string): boolean {
    return this.watching.has(key) || this.waiting.some((w) => w.watched.key === key);
  }

  /** Entities polled now (at most maxActive). */
  get size(): number {
    return this.watching.size;
  }

  unwatch(key: string): void {
    const at = this.waiting.findIndex((w) => w.watched.key === key);
    if (at >= 0) this.waiting.splice(at, 1);
    const entry = this.watching.get(key);
    if (!entry) return;
    entry.controller.abort();
    clearTimeout(entry.timer);
    this.release(key);
  }

  dispose(): void {
    this.waiting.length = 0;
    for (const key of [...this.watching.keys()]) this.unwatch(key);
  }

  private release(key: string): void {
    this.watching.delete(key);
    const next = this.waiting.shift();
    if (next) this.watch(next.watched, next.current);
  }
}

function fingerprint(entity: { status?: EntityStatus; lastActionDateTime?: string }): string {
  return JSON.stringify(entity);
}
