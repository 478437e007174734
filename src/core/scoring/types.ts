/** One utterance read from a reference or hypothesis file. */
export interface Utterance {
  /** Canonical id (see `canonicalId`): how references and hypotheses are matched. */
  id: string;
  /** The text as written in the file (normalization comes later). */
  text: string;
  /** 1-based line (transcript, trn) or entry number (JSON) where it was read, for messages. */
  line: number;
  /** For Azure JSON read from a folder: the file it came from. */
  file?: string;
}

export type CorpusFormat = 'transcript' | 'trn' | 'azure-json';

/** The utterances of one input (a file or, for Azure JSON, a folder), in file order, ids unique. */
export interface Corpus {
  /** Path as the user gave it. */
  path: string;
  format: CorpusFormat;
  utterances: Utterance[];
  /** Azure JSON folders: `.json` files left out because they are not transcription results (the batch `report.json`). */
  skipped?: string[];
}

/** Bad input for scoring: always names the file, and the line when there is one. */
export class ScoringInputError extends Error {
  constructor(readonly file: string, readonly line: number | undefined, readonly detail: string) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${detail}`);
    this.name = 'ScoringInputError';
  }
}
