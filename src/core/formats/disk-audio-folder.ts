import * as fs from 'node:fs';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { AudioFolder, AudioLookup } from './audio-folder';
import { parseWavHeader, WAV_HEADER_PREFIX_BYTES } from './wav';

/**
 * Most WAV headers are 44 bytes; a first small read settles nearly every file, and only files with
 * big chunks before `data` (long LIST/metadata chunks) get a second read of the full prefix.
 */
const FIRST_READ_BYTES = 4096;

// The callback API, promisified: about twice as fast as FileHandle for many small reads (measured on
// 10 000 files), and a transcript's audio check is exactly that.
const open = promisify(fs.open);
const fstat = promisify(fs.fstat);
const read = promisify(fs.read);
const close = promisify(fs.close);

/** Error codes meaning "there is no such file", as opposed to "it exists but cannot be read". */
const MISSING_CODES = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ERR_INVALID_ARG_VALUE', 'ERR_INVALID_ARG_TYPE']);

/**
 * The audio files in a folder on disk. Reads only the start of each file (a few KiB, at most
 * `WAV_HEADER_PREFIX_BYTES`) plus its size, never a whole file. Names may use `/` (or `\`) to reach
 * subfolders; a name that leaves the folder (`..`, an absolute path) is reported missing, never read.
 */
export class DiskAudioFolder implements AudioFolder {
  readonly folderPath: string;

  constructor(folderPath: string) {
    this.folderPath = path.resolve(folderPath);
  }

  async listWavFiles(): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(this.folderPath, { withFileTypes: true });
    } catch (error) {
      if (isMissingError(error)) return [];
      throw error;
    }
    return entries
      .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && /\.wav$/i.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  }

  async lookup(name: string): Promise<AudioLookup> {
    const filePath = this.resolve(name);
    if (filePath === undefined) return { kind: 'missing' };
    let fd: number;
    try {
      fd = await open(filePath, 'r');
    } catch (error) {
      if (isMissingError(error)) return { kind: 'missing' };
      return { kind: 'unreadable', reason: describeError(error) };
    }
    try {
      const stats = await fstat(fd);
      if (!stats.isFile()) return { kind: 'unreadable', reason: stats.isDirectory() ? 'it is a folder, not a file' : 'it is not a regular file' };
      const size = stats.size;
      let prefix = await readPrefix(fd, Math.min(size, FIRST_READ_BYTES));
      let parsed = parseWavHeader(prefix, size);
      const full = Math.min(size, WAV_HEADER_PREFIX_BYTES);
      if (!parsed.ok && prefix.byteLength < full) {
        prefix = await readPrefix(fd, full);
        parsed = parseWavHeader(prefix, size);
      }
      return parsed.ok ? { kind: 'found', header: parsed.header } : { kind: 'unreadable', reason: parsed.reason };
    } catch (error) {
      return { kind: 'unreadable', reason: describeError(error) };
    } finally {
      await close(fd).catch(() => undefined);
    }
  }

  /** The absolute path of `name` inside the folder, or undefined when it would leave the folder. */
  private resolve(name: string): string | undefined {
    if (!name || name.includes('\0')) return undefined;
    const relative = name.replace(/\\/g, '/');
    if (relative.startsWith('/') || /^[A-Za-z]:/.test(relative)) return undefined;
    const normal = path.posix.normalize(relative);
    if (normal === '..' || normal.startsWith('../') || normal === '.' || normal.endsWith('/')) return undefined;
    return path.join(this.folderPath, ...normal.split('/'));
  }
}

async function readPrefix(fd: number, length: number): Promise<Uint8Array> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await read(fd, buffer, filled, length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

function isMissingError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && MISSING_CODES.has(code);
}

function describeError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EMFILE' || code === 'ENFILE') return 'too many open files';
  return error instanceof Error ? error.message : String(error);
}
