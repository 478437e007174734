import { ScoringInputError, type Corpus, type Utterance } from '../types';
import { azureFileUtterances } from './azure-json';
import { corpusOf } from './corpus';

/**
 * Azure transcription result files gathered one at a time into one corpus, wherever they come from:
 * a folder on disk (`readAzureFolder`) or a transcription's files downloaded from the service. Files
 * that are clearly not results (the batch's `report.json`) are kept in `skipped`; an id found in two
 * files is an error naming both. One file at a time, so only the utterances stay in memory.
 */
export class AzureResults {
  private readonly utterances: Utterance[] = [];
  private readonly skipped: string[] = [];
  private readonly firstFile = new Map<string, string>();

  /** Adds the results of one file; `file` names it in errors (a path, or "transcription … file x.json"). */
  add(file: string, text: string, shortName = file): void {
    const found = azureFileUtterances(text, file);
    if (!found) {
      this.skipped.push(file);
      return;
    }
    for (const utterance of found) {
      const first = this.firstFile.get(utterance.id);
      if (first !== undefined) throw new ScoringInputError(file, undefined, `duplicate id ${utterance.id} (first in ${first})`);
      this.firstFile.set(utterance.id, shortName);
      this.utterances.push({ ...utterance, file });
    }
  }

  /** The corpus of every file added; none with a result is an error naming `origin`. */
  corpus(origin: string): Corpus {
    return corpusOf(origin, 'azure-json', this.utterances, this.skipped);
  }
}
