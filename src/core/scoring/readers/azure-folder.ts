import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { ScoringInputError, type Corpus, type Utterance } from '../types';
import { azureFileUtterances } from './azure-json';
import { corpusOf } from './corpus';
import { decodeUtf8 } from './decode-utf8';
import { readInput } from './input-path';

/**
 * A folder of Azure transcription result files, as downloaded from a batch transcription: every `.json`
 * file directly in it, in name order. Files that are clearly not results (the batch's `report.json`) are
 * listed in `skipped`; an id found in two files is an error naming both.
 */
export async function readAzureFolder(folder: string): Promise<Corpus> {
  const names = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.json'))
    .map((entry) => entry.name)
    .sort();
  const utterances: Utterance[] = [];
  const skipped: string[] = [];
  const firstFile = new Map<string, string>();
  // One file at a time: result files are small, and the first error stops the read anyway.
  for (const name of names) {
    const file = path.join(folder, name);
    const found = azureFileUtterances(decodeUtf8(await readInput(file), file), file);
    if (!found) {
      skipped.push(file);
      continue;
    }
    for (const utterance of found) {
      const first = firstFile.get(utterance.id);
      if (first !== undefined) throw new ScoringInputError(file, undefined, `duplicate id ${utterance.id} (first in ${first})`);
      firstFile.set(utterance.id, name);
      utterances.push({ ...utterance, file });
    }
  }
  return corpusOf(folder, 'azure-json', utterances, skipped);
}
