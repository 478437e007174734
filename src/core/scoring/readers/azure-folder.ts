import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { Corpus } from '../types';
import { AzureResults } from './azure-results';
import { decodeUtf8 } from './decode-utf8';
import { readInput } from './input-path';

/**
 * A folder of Azure transcription result files, as downloaded from a batch transcription: every `.json`
 * file directly in it, in name order (see AzureResults for what is skipped and what is an error).
 */
export async function readAzureFolder(folder: string): Promise<Corpus> {
  const names = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.json'))
    .map((entry) => entry.name)
    .sort();
  const results = new AzureResults();
  // One file at a time: result files are small, and the first error stops the read anyway.
  for (const name of names) {
    const file = path.join(folder, name);
    results.add(file, decodeUtf8(await readInput(file), file), name);
  }
  return results.corpus(folder);
}
