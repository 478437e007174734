/**
 * Text normalization before scoring, the way Azure Custom Speech normalizes en-US references, so
 * that "Tune to 102.7!" and "tune to one oh two point seven" score as the same words. Explicit and
 * versioned: `NORMALIZATION_VERSION` changes whenever any rule below changes, and every result
 * prints the normalizer's `description`. Documented for users in docs/scoring.md (## Normalization).
 *
 * Enabled, in this order:
 * 1. Lowercase (Unicode; locale-aware for Turkish, Azerbaijani and Lithuanian: `I` → `ı` in tr).
 * 2. Words are runs of letters, marks and numbers; anything else breaks words, so punctuation goes
 *    and hyphenated words split (`double-jointed` → `double jointed`). Apostrophes (' ’ ‘ ʼ, all
 *    written ') are kept only inside a word (`don't`, `rock'n'roll`; `'cause` → `cause`). Words with
 *    non-ASCII characters are put in Unicode NFC, so composed and decomposed `é` match.
 * 3. English locales (`en`, `en-*`) only — numbers and symbols as spoken:
 *    - cardinals: `42` → `forty two`; `1,200` → `one thousand two hundred` (a comma counts only
 *      before exactly three digits); longer than 999,999,999,999 → digit by digit (`oh` for 0);
 *    - leading zeros: `007` → `oh oh seven`, `05` → `oh five` (codes are read digit by digit);
 *    - years: a 4-digit integer 1100–2099 → `yearWords`: `1999` → `nineteen ninety nine`,
 *      `1905` → `nineteen oh five`, `1900` → `nineteen hundred`, `2024` → `twenty twenty four`,
 *      2000–2009 as cardinals (`two thousand five`); other 4-digit numbers are cardinals;
 *    - decades: `1990s`, `1990's`, `90s` → `nineteen nineties`, `nineties`;
 *    - ordinals: `1st 2nd 3rd 21st 100th` → `first second third twenty first one hundredth`;
 *    - decimals: `3.14` → `three point one four` (decimal digits one by one, 0 → `zero`); a 3-digit
 *      whole part is read digit by digit, as radio frequencies are (`102.7` → `one oh two point
 *      seven`) unless it is a round hundred (`100.5` → `one hundred point five`); `.5` → `point five`;
 *    - versions: `1.10.2` → `one point ten point two`;
 *    - times: `10:30` → `ten thirty`, `9:05` → `nine oh five`, `10:00` → `ten o'clock` (just `ten`
 *      before am/pm); hours 0–24, minutes 00–59;
 *    - money, symbol before the amount, always cardinals: `$5` → `five dollars`, `$1` → `one dollar`,
 *      `$5.50` → `five dollars fifty cents`, `$0.99` → `ninety nine cents`, `€20` → `twenty euros`,
 *      `£3.50` → `three pounds fifty pence`, `$1.5 million` → `one point five million dollars`
 *      (also thousand, billion, trillion); other decimals `$1.5` → `one point five dollars`;
 *    - `%` → `percent` (`2.5%` → `two point five percent`), `&` → `and` (`R&D` → `r and d`),
 *      `+` between words or numbers, spaced on both sides or neither → `plus` (`1+1`, `a + b`;
 *      not `c++` or `call +1`), `@` standing alone → `at` (`ann@example.com` → `ann example com`);
 *    - digits glued to letters are split off: after a number, letters are their own word
 *      (`4g` → `four g`, `5pm` → `five pm`); digits after letters are a code: one or two digits as a
 *      number, more digit by digit (`mp3` → `mp three`, `b2b` → `b two b`, `a380` → `a three eight oh`);
 *    - minus signs and dashes are punctuation (`-5` → `five`, `1990-1995` → two years).
 *    Other locales keep digits as written (`3,14`, `mp3` stay one word) and symbols break words.
 * 4. Equivalents from a user's mapping file (`okay = ok`), applied last, on the normalized words.
 *    Parse them with the normalizer they will join, minus equivalents:
 *    `parseEquivalents(text, file, (t) => createNormalizer({ enabled, locale }).words(t))`.
 *
 * Disabled: texts are compared as written, split on white space (case and punctuation kept);
 * equivalents, if given, still apply.
 */

import type { Equivalents } from './equivalents';
import { WordScanner } from './word-scanner';

export const NORMALIZATION_VERSION = 'custom-speech-normalization/1';

export interface NormalizationOptions {
  enabled: boolean;
  /** BCP 47 locale of the texts, e.g. `en-US`: decides lowercasing and whether numbers are spelled. */
  locale: string;
  equivalents?: Equivalents;
}

export interface Normalizer {
  /** e.g. "custom-speech-normalization/1 en-US: lowercase, punctuation, hyphens, numbers; 3 equivalents from okay.txt" or "none (texts compared as written, split on white space)" */
  readonly description: string;
  readonly enabled: boolean;
  /** The words of one utterance after normalization. */
  words(text: string): string[];
}

/** Languages whose lowercasing differs from the default Unicode mapping (Turkish dotless ı…). */
const LOCALE_SENSITIVE_CASE = new Set(['tr', 'az', 'lt']);

/** Plain lowercase ASCII words and in-word apostrophes, single spaces: `split(' ')` is the answer. */
const PLAIN_WORDS = /^[a-z]+(?:'[a-z]+)*(?: [a-z]+(?:'[a-z]+)*)*$/;

/** @throws RangeError for a locale that is not a BCP 47 tag. */
export function createNormalizer(options: NormalizationOptions): Normalizer {
  const locale = canonicalLocale(options.locale);
  const equivalents = options.equivalents;
  const suffix = equivalents ? `; ${equivalents.size} ${equivalents.size === 1 ? 'equivalent' : 'equivalents'} from ${equivalents.source}` : '';
  const withEquivalents = (words: string[]) => (equivalents ? equivalents.apply(words) : words);

  if (!options.enabled) {
    return {
      description: `none (texts compared as written, split on white space)${suffix}`,
      enabled: false,
      words: (text) => withEquivalents(splitOnWhiteSpace(text)),
    };
  }

  const language = locale.split('-')[0]!.toLowerCase();
  const english = language === 'en';
  const scanner = new WordScanner(english);
  const lowercase = LOCALE_SENSITIVE_CASE.has(language) ? (text: string) => text.toLocaleLowerCase(locale) : (text: string) => text.toLowerCase();
  return {
    description: `${NORMALIZATION_VERSION} ${locale}: lowercase, punctuation, hyphens${english ? ', numbers' : ''}${suffix}`,
    enabled: true,
    words(text) {
      const lower = lowercase(text);
      return withEquivalents(PLAIN_WORDS.test(lower) ? lower.split(' ') : scanner.scan(lower));
    },
  };
}

/** `en_us` → `en-US`. */
function canonicalLocale(locale: string): string {
  let canonical: string | undefined;
  try {
    [canonical] = Intl.getCanonicalLocales(locale.replace(/_/g, '-'));
  } catch {
    // reported below
  }
  if (!canonical) throw new RangeError(`"${locale}" is not a locale such as en-US`);
  return canonical;
}

function splitOnWhiteSpace(text: string): string[] {
  const trimmed = text.trim();
  return trimmed ? trimmed.split(/\s+/) : [];
}
