/**
 * Numbers, money and times written in digits, read as en-US words for scoring. Each reader starts at
 * a position in lowercased text, pushes the words said onto `out` and returns where the written form
 * ends; the word scanner calls them. The rules are listed in `normalize.ts` and `docs/scoring.md`.
 * Words are pushed one by one rather than built as phrases and split: numbers are frequent enough in
 * references for the difference to show in a 3-million-word scoring run.
 */

import { cardinalWords, MAX_CARDINAL, ONES, ordinal, yearWords } from '../text/number-words';
import { isDigitAt, isWordCharAt } from './char-kinds';

/** Digit strings longer than this are beyond `MAX_CARDINAL` and read digit by digit. */
const MAX_CARDINAL_DIGITS = String(MAX_CARDINAL).length;

/** Digit words for codes: 0 is "oh", as in `digitByDigit`. */
const CODE_DIGITS = ['oh', ...ONES.slice(1, 10)];

/** A number as written: integer digits (thousands separators removed) and any `.` groups after it. */
interface WrittenNumber {
  digits: string;
  /** Written with thousands separators (`1,200`). */
  grouped: boolean;
  /** Digit groups after each `.`: one for a decimal (`3.14`), more for a version (`1.2.3`). */
  fractions: readonly string[];
  end: number;
}

/** Shared by the many numbers without a point, so reading them allocates no array. */
const NO_FRACTIONS: readonly string[] = [];

function digitsEnd(text: string, i: number): number {
  while (isDigitAt(text, i)) i++;
  return i;
}

/** `1,200.50` → digits `1200`, fractions `['50']`. A comma counts only before exactly three digits. */
function parseNumber(text: string, start: number): WrittenNumber {
  let end = digitsEnd(text, start);
  let digits = text.slice(start, end);
  let grouped = false;
  if (end - start <= 3 && text.charCodeAt(start) !== 48) {
    while (text.charCodeAt(end) === 44 && isDigitAt(text, end + 1) && isDigitAt(text, end + 2) && isDigitAt(text, end + 3) && !isDigitAt(text, end + 4)) {
      digits += text.slice(end + 1, end + 4);
      end += 4;
      grouped = true;
    }
  }
  let fractions = NO_FRACTIONS;
  while (text.charCodeAt(end) === 46 && isDigitAt(text, end + 1)) {
    const groupEnd = digitsEnd(text, end + 1);
    fractions = [...fractions, text.slice(end + 1, groupEnd)];
    end = groupEnd;
  }
  return { digits, grouped, fractions, end };
}

/** Pushes the words of a phrase such as `ordinal(n)`. */
function pushPhrase(out: string[], phrase: string): void {
  for (const word of phrase.split(' ')) out.push(word);
}

function hasLeadingZero(digits: string): boolean {
  return digits.length > 1 && digits.charCodeAt(0) === 48;
}

/** `101` → `one oh one`. */
function pushDigitByDigit(out: string[], digits: string): void {
  for (let i = 0; i < digits.length; i++) out.push(CODE_DIGITS[digits.charCodeAt(i) - 48]!);
}

/** `14` → `one four`: digits after a decimal point, 0 read "zero". */
function pushFractionDigits(out: string[], digits: string): void {
  for (let i = 0; i < digits.length; i++) out.push(ONES[digits.charCodeAt(i) - 48]!);
}

/** Cardinal, or digit by digit past `MAX_CARDINAL`. */
function pushCardinal(out: string[], digits: string): void {
  if (digits.length > MAX_CARDINAL_DIGITS) pushDigitByDigit(out, digits);
  else cardinalWords(Number(digits), out);
}

function isYear(n: number): boolean {
  return n >= 1100 && n <= 2099;
}

/** A standalone integer: `007` digit by digit, `1999` as a year, others as cardinals. */
function pushInteger(out: string[], digits: string, grouped: boolean): void {
  if (!grouped && hasLeadingZero(digits)) pushDigitByDigit(out, digits);
  else if (!grouped && digits.length === 4 && isYear(Number(digits))) pushPhrase(out, yearWords(Number(digits)));
  else pushCardinal(out, digits);
}

/** Digits right after letters (`mp3`, `b2b`, `a380`): a model or code, 3+ digits read one by one. */
function pushCode(out: string[], digits: string): void {
  if (digits.length <= 2 && !hasLeadingZero(digits)) cardinalWords(Number(digits), out);
  else pushDigitByDigit(out, digits);
}

/** `3.14` → `three point one four`; a 3-digit whole part is read digit by digit (`102.7`), unless round (`100.5`). */
function pushDecimal(out: string[], digits: string, fraction: string): void {
  const radioStyle = digits.length === 3 && !digits.endsWith('00');
  if (hasLeadingZero(digits) || radioStyle) pushDigitByDigit(out, digits);
  else pushCardinal(out, digits);
  out.push('point');
  pushFractionDigits(out, fraction);
}

/** `1.10.2` → `one point ten point two`. */
function pushVersion(out: string[], digits: string, fractions: readonly string[]): void {
  [digits, ...fractions].forEach((part, i) => {
    if (i) out.push('point');
    if (hasLeadingZero(part)) pushDigitByDigit(out, part);
    else pushCardinal(out, part);
  });
}

/** End of a letter suffix `suffix` at `i` that ends the token (no letter or digit follows), else -1. */
function suffixEnd(text: string, i: number, suffix: string): number {
  if (!text.startsWith(suffix, i)) return -1;
  const end = i + suffix.length;
  return isWordCharAt(text, end) ? -1 : end;
}

const ORDINAL_SUFFIXES = ['st', 'nd', 'rd', 'th'];

function ordinalEnd(text: string, i: number): number {
  for (const suffix of ORDINAL_SUFFIXES) {
    const end = suffixEnd(text, i, suffix);
    if (end >= 0) return end;
  }
  return -1;
}

/** `1990s`, `1990's`, `90s`: a decade, read `nineteen nineties`, `nineties`. */
function decadeWords(digits: string): string | undefined {
  const n = Number(digits);
  if (n % 10 !== 0 || hasLeadingZero(digits)) return undefined;
  if (digits.length === 2 && n >= 20) return pluralize(cardinalWords(n).join(' '));
  if (digits.length === 4 && isYear(n)) return pluralize(yearWords(n));
  return undefined;
}

function pluralize(words: string): string {
  return words.endsWith('y') ? `${words.slice(0, -1)}ies` : `${words}s`;
}

/** `10:30` → `ten thirty`, `9:05` → `nine oh five`, `10:00` → `ten o'clock` (just `ten` before am/pm). */
function readTime(text: string, digits: string, colon: number, out: string[]): number {
  if (digits.length > 2 || text.charCodeAt(colon) !== 58 || !isDigitAt(text, colon + 1) || !isDigitAt(text, colon + 2) || isDigitAt(text, colon + 3)) return -1;
  const hours = Number(digits);
  const minutes = Number(text.slice(colon + 1, colon + 3));
  if (hours > 24 || minutes > 59) return -1;
  cardinalWords(hours, out);
  if (minutes >= 10) cardinalWords(minutes, out);
  else if (minutes > 0) out.push('oh', ONES[minutes]!);
  else if (!isAmPmAt(text, colon + 3)) out.push("o'clock");
  return colon + 3;
}

/** ` am`, `pm`, ` a.m.`, ` p.m` after a time. */
function isAmPmAt(text: string, i: number): boolean {
  while (text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  if (c !== 97 && c !== 112) return false;
  if (text.charCodeAt(i + 1) === 46) i++;
  return text.charCodeAt(i + 1) === 109 && !isWordCharAt(text, i + 2);
}

/**
 * Reads the number whose first digit is at `start`. `afterLetters`: glued to the end of a word
 * (`mp3`), so it is a code, not a quantity. Letters glued after it are left to the scanner
 * (`4g` → `four` then `g`), except ordinal and decade suffixes.
 */
export function readNumber(text: string, start: number, out: string[], afterLetters: boolean): number {
  const { digits, grouped, fractions, end } = parseNumber(text, start);
  if (fractions.length === 1) {
    pushDecimal(out, digits, fractions[0]!);
    return end;
  }
  if (fractions.length > 1) {
    pushVersion(out, digits, fractions);
    return end;
  }
  if (afterLetters && !grouped) {
    pushCode(out, digits);
    return end;
  }
  if (!grouped) {
    const timeEnd = readTime(text, digits, end, out);
    if (timeEnd >= 0) return timeEnd;
  }
  if (digits.length <= MAX_CARDINAL_DIGITS) {
    const ordinalAt = ordinalEnd(text, end);
    if (ordinalAt >= 0) {
      pushPhrase(out, ordinal(Number(digits)));
      return ordinalAt;
    }
  }
  const decadeAt = grouped ? -1 : Math.max(suffixEnd(text, end, 's'), suffixEnd(text, end, "'s"));
  const decade = decadeAt >= 0 ? decadeWords(digits) : undefined;
  if (decade) {
    pushPhrase(out, decade);
    return decadeAt;
  }
  pushInteger(out, digits, grouped);
  return end;
}

/** `.5` (no digit before the point) → `point five`. `start` is the point. */
export function readBareFraction(text: string, start: number, out: string[]): number {
  const end = digitsEnd(text, start + 1);
  out.push('point');
  pushFractionDigits(out, text.slice(start + 1, end));
  return end;
}

interface Currency {
  one: string;
  many: string;
  /** The hundredth: cent, penny. */
  oneCent: string;
  manyCents: string;
}

/** Currency symbols written before the amount, by character code. */
export const CURRENCIES: ReadonlyMap<number, Currency> = new Map([
  [0x24, { one: 'dollar', many: 'dollars', oneCent: 'cent', manyCents: 'cents' }],
  [0x20ac, { one: 'euro', many: 'euros', oneCent: 'cent', manyCents: 'cents' }],
  [0xa3, { one: 'pound', many: 'pounds', oneCent: 'penny', manyCents: 'pence' }],
]);

const MONEY_SCALES = ['thousand', 'million', 'billion', 'trillion'];

/** A scale word such as `million` (after optional spaces) at `i`: the scale of `$1.5 million`. */
function moneyScaleAt(text: string, i: number): { word: string; end: number } | undefined {
  while (text.charCodeAt(i) === 32) i++;
  for (const word of MONEY_SCALES) {
    const end = suffixEnd(text, i, word);
    if (end >= 0) return { word, end };
  }
  return undefined;
}

/**
 * Reads an amount of money whose first digit is at `start`, just after the currency symbol:
 * `$5` → `five dollars`, `$5.50` → `five dollars fifty cents`, `$0.99` → `ninety nine cents`,
 * `$1.5 million` → `one point five million dollars`. Amounts are always cardinals (`$1999`).
 */
export function readMoney(text: string, start: number, currency: Currency, out: string[]): number {
  const { digits, fractions, end } = parseNumber(text, start);
  if (fractions.length > 1) return readNumber(text, start, out, false);
  const fraction = fractions[0];
  const scale = moneyScaleAt(text, end);
  if (scale) {
    pushCardinal(out, digits);
    if (fraction !== undefined) {
      out.push('point');
      pushFractionDigits(out, fraction);
    }
    out.push(scale.word, currency.many);
    return scale.end;
  }
  const whole = Number(digits);
  if (fraction !== undefined && fraction.length !== 2) {
    pushCardinal(out, digits);
    out.push('point');
    pushFractionDigits(out, fraction);
    out.push(currency.many);
    return end;
  }
  const cents = fraction === undefined ? 0 : Number(fraction);
  if (whole > 0 || cents === 0) {
    pushCardinal(out, digits);
    out.push(whole === 1 ? currency.one : currency.many);
  }
  if (cents > 0) {
    cardinalWords(cents, out);
    out.push(cents === 1 ? currency.oneCent : currency.manyCents);
  }
  return end;
}
