import type { Rule } from '../rule';

export const transcriptRules: readonly Rule[] = [];
