import type { FileKind } from '../kinds';
import type { LinePrefilter, Rule } from '../rule';
import { commonRules } from './common';
import { pronunciationRules } from './pronunciation';
import { relatedTextRules } from './related-text';
import { relatedTextPrefilter } from './related-text-prefilter';
import { structuredTextRules } from './structured-text';
import { transcriptRules } from './transcript';
import { transcriptPrefilter } from './transcript-prefilter';

/** Every rule, in the order their problems are listed. Codes are unique (a unit test checks). */
export const allRules: readonly Rule[] = [
  ...commonRules,
  ...transcriptRules,
  ...pronunciationRules,
  ...relatedTextRules,
  ...structuredTextRules,
];

/** Byte-level prefilters that let the streaming linter skip clean lines of big files. */
export const linePrefilters: Partial<Record<FileKind, LinePrefilter>> = {
  'related-text': relatedTextPrefilter,
  transcript: transcriptPrefilter,
};
