import type { Rule } from '../rule';

export const relatedTextRules: readonly Rule[] = [];
