import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

/**
 * Writes `data` to `file` so that a reader (or a restart after `kill -9`) sees the old content or the
 * new, never a torn file: write a temporary file beside it, flush it to disk, rename it over.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, file);
}

/**
 * writeFileAtomic's last steps for a file another program wrote beside `file`: flushed to disk, then
 * renamed over it, so a crash leaves the old content or the new, never a torn file.
 */
export async function moveIntoPlace(temporary: string, file: string): Promise<void> {
  const handle = await open(temporary, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}
