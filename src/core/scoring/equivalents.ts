/**
 * Equivalent spellings from a user's mapping file, applied to normalized words so that variants
 * score as the same word. One rule a line, `variant = canonical`, either side one or more words:
 *
 *     # spellings our transcribers disagree on
 *     okay = ok
 *     all right = alright
 *
 * Both sides go through the same normalizer (minus equivalents), so `O.K. = okay` works. Rules are
 * applied left to right, the longest variant first where several match, and not recursively: what a
 * rule writes is never rewritten again (`a = b` and `b = c` turn `a` into `b`, not `c`).
 */

import { ScoringInputError } from './types';

export interface Equivalents {
  /** Number of rules (distinct variants). */
  readonly size: number;
  /** The mapping file, as given: named in the normalizer's description. */
  readonly source: string;
  /** The words with every variant replaced by its canonical form; `words` itself when nothing matched. */
  apply(words: string[]): string[];
}

interface Rule {
  variant: readonly string[];
  canonical: readonly string[];
  line: number;
}

/**
 * Parses a mapping file. `#` starts a comment line; blank lines are ignored.
 * @throws ScoringInputError naming the file and line of a malformed rule.
 */
export function parseEquivalents(text: string, file: string, normalize: (text: string) => string[]): Equivalents {
  /** Rules by the first word of their variant, longest variant first. */
  const byFirstWord = new Map<string, Rule[]>();
  const byVariant = new Map<string, Rule>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    const fail = (message: string) => new ScoringInputError(file, line, message);
    const equals = content.indexOf('=');
    if (equals < 0) throw fail(`expected "variant = canonical", found no "=" in "${content}"`);
    if (content.indexOf('=', equals + 1) >= 0) throw fail(`more than one "=" in "${content}": write one rule a line`);
    const variant = normalize(content.slice(0, equals));
    const canonical = normalize(content.slice(equals + 1));
    if (variant.length === 0) throw fail(`nothing to replace before "=" (after normalization) in "${content}"`);
    if (canonical.length === 0) throw fail(`nothing to replace with after "=" (after normalization) in "${content}"`);
    const key = variant.join(' ');
    const earlier = byVariant.get(key);
    if (earlier) {
      if (earlier.canonical.join(' ') === canonical.join(' ')) return;
      throw fail(`"${key}" is mapped to "${earlier.canonical.join(' ')}" on line ${earlier.line} and to "${canonical.join(' ')}" here`);
    }
    const rule: Rule = { variant, canonical, line };
    byVariant.set(key, rule);
    const first = variant[0]!;
    const rules = byFirstWord.get(first);
    if (rules) rules.push(rule);
    else byFirstWord.set(first, [rule]);
  });
  for (const rules of byFirstWord.values()) rules.sort((a, b) => b.variant.length - a.variant.length);
  return { size: byVariant.size, source: file, apply: (words) => applyRules(words, byFirstWord) };
}

function applyRules(words: string[], byFirstWord: ReadonlyMap<string, readonly Rule[]>): string[] {
  let out: string[] | undefined;
  let i = 0;
  while (i < words.length) {
    const rule = matchAt(words, i, byFirstWord.get(words[i]!));
    if (!rule) {
      out?.push(words[i]!);
      i++;
      continue;
    }
    out ??= words.slice(0, i);
    for (const word of rule.canonical) out.push(word);
    i += rule.variant.length;
  }
  return out ?? words;
}

/** The longest rule whose variant is at `i` (rules come longest first). */
function matchAt(words: readonly string[], i: number, rules: readonly Rule[] | undefined): Rule | undefined {
  if (!rules) return undefined;
  for (const rule of rules) {
    const { variant } = rule;
    if (i + variant.length > words.length) continue;
    let k = 1;
    while (k < variant.length && words[i + k] === variant[k]) k++;
    if (k === variant.length) return rule;
  }
  return undefined;
}
