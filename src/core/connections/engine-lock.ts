import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

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

/** Signal 0 tests that a process exists; EPERM means it does, under another user. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
