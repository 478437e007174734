import { ScoringInputError, type Corpus, type CorpusFormat, type Utterance } from '../types';

/** The corpus read from `path`; an input without a single utterance is an error, not an empty score. */
export function corpusOf(path: string, format: CorpusFormat, utterances: Utterance[], skipped?: string[]): Corpus {
  if (utterances.length === 0) {
    const why = skipped?.length ? ` (skipped, not transcription results: ${skipped.join(', ')})` : '';
    throw new ScoringInputError(path, undefined, `no utterances${why}`);
  }
  return skipped ? { path, format, utterances, skipped } : { path, format, utterances };
}
