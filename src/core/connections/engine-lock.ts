import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { sleep } from '../api/retry';

/**
 * The lock a running local engine holds in its data folder, read by the engine (to refuse a second
 * one on the same folder) and by the extension (to use another window's engine instead).
 */

/** The file in the data folder that says which engine process uses it. */
export const LOCK_FILE = 'engine.lock';

/** The engine that holds a data folder. */
export interface LockHolder {
  pid: number;
  /** Where it serves the API, once it listens. */
  url?: string;
  startedDateTime: string;
}

/** The holder of `dataDir`'s lock as its file says, or undefined when there is none (or it is not a lock). */
export async function readLockHolder(dataDir: string): Promise<LockHolder | undefined> {
  try {
    const holder = JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')) as Partial<LockHolder>;
    return Number.isInteger(holder.pid) && (holder.pid as number) > 0 ? (holder as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The holder of `dataDir`'s lock once it listens (its lock names its URL). An engine takes the
 * folder before it opens its store and listens, so a second one refused meanwhile waits here for
 * the URL. Undefined when no live process holds the folder, or it does not listen within `timeoutMs`.
 */
export async function listeningLockHolder(dataDir: string, timeoutMs: number, pollMs = 100): Promise<LockHolder | undefined> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const holder = await readLockHolder(dataDir);
    if (!holder || !isProcessAlive(holder.pid)) return undefined;
    if (holder.url) return holder;
    if (Date.now() >= deadline) return undefined;
    await sleep(pollMs);
  }
}

/** Signal 0 tests that a process exists; EPERM means it does, under another user. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
