import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { isProcessAlive, LOCK_FILE, readLockHolder, type LockHolder } from '../../core/connections/engine-lock';

export { LOCK_FILE, type LockHolder };

/**
 * Another live engine uses the data folder. Two engines on one folder would each keep their own view
 * of the entities, overwrite each other's records and run the same interrupted jobs twice.
 */
export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `Another local engine (process ${holder.pid}${holder.url ? `, serving ${holder.url}` : ''}, since ${holder.startedDateTime}) already uses the data folder ${dataDir}: ` +
        'another VS Code window, or `custom-speech serve`. Two engines on one folder would overwrite each other\'s work. ' +
        `Stop that engine first (close the other window, or end the serve command), or give this one another folder. If no engine runs, delete ${path.join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataFolderInUseError';
  }
}

/** A data folder this process holds until `release()`. */
export interface DataFolderLock {
  /** Adds the engine's URL to the lock, for the message another engine gets. */
  setUrl(url: string): Promise<void>;
  /** Frees the folder (only if the lock is still this process's). Safe to call twice. */
  release(): Promise<void>;
}

/**
 * Takes the data folder for this process, or throws DataFolderInUseError when a live process holds
 * it. A lock left by a process that died (kill -9, a crash) is taken over. The lock file appears
 * with its content in one step (a hard link of a finished file), so no engine reads a half-written
 * one and two engines starting at once cannot both win.
 */
export async function lockDataFolder(dataDir: string): Promise<DataFolderLock> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, startedDateTime: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    const temporary = await writeTemporary(file, holder);
    try {
      await link(temporary, file);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt === 2) throw error;
      const current = await readLockHolder(dataDir);
      if (current && isProcessAlive(current.pid)) throw new DataFolderInUseError(dataDir, current);
      // Its process is gone (or the file is not a lock): take the folder over.
      await rm(file, { force: true });
    } finally {
      await rm(temporary, { force: true });
    }
  }
  let released = false;
  return {
    async setUrl(url) {
      holder.url = url;
      const temporary = await writeTemporary(file, holder);
      await rename(temporary, file);
    },
    async release() {
      if (released) return;
      released = true;
      if ((await readLockHolder(dataDir))?.pid === process.pid) await rm(file, { force: true });
    },
  };
}

async function writeTemporary(file: string, holder: LockHolder): Promise<string> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, JSON.stringify(holder) + '\n');
  return temporary;
}
