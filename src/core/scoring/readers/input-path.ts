import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { ScoringInputError } from '../types';

/** `stat` of a path the user gave; a missing or unreadable one is a ScoringInputError naming it. */
export function statInput(inputPath: string): Promise<Stats> {
  return stat(inputPath).catch((error: unknown) => failed(inputPath, error));
}

/** The bytes of an input file, with the same errors as `statInput`. */
export function readInput(file: string): Promise<Buffer> {
  return readFile(file).catch((error: unknown) => failed(file, error));
}

function failed(inputPath: string, error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  throw new ScoringInputError(inputPath, undefined, code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${String(error)}`);
}
