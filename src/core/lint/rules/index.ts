import type { Rule } from '../rule';
import { commonRules } from './common';
import { pronunciationRules } from './pronunciation';
import { relatedTextRules } from './related-text';
import { structuredTextRules } from './structured-text';
import { transcriptRules } from './transcript';

/** Every rule, in the order their problems are listed. Codes are unique (a unit test checks). */
export const allRules: readonly Rule[] = [
  ...commonRules,
  ...transcriptRules,
  ...pronunciationRules,
  ...relatedTextRules,
  ...structuredTextRules,
];
