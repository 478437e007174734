import type { Rule } from '../rule';

export const pronunciationRules: readonly Rule[] = [];
