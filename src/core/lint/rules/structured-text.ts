import type { Rule } from '../rule';

export const structuredTextRules: readonly Rule[] = [];
