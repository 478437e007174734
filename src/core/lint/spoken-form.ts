/**
 * Spoken-form checks for en-US transcripts: the service wants what was *said* ("three", "doctor",
 * "U S"), not what a writer would type ("3", "Dr.", "U.S."). One linear scan per text; no regular
 * expression ever runs over the whole text with backtracking.
 *
 * A quick-fix replacement is offered only where the spoken form is unambiguous:
 * - standalone integers 0–99 and ordinals 1st–99th ("3" → "three", "21st" → "twenty first");
 *   years, larger numbers, decimals, times and numbers glued to other characters get a suggestion only;
 * - the symbols & % + @ ("and", "percent", "plus", "at"); other symbols get a suggestion only;
 * - abbreviations with one reading (Mr. → mister, Mrs. → missus, Jr. → junior, vs. → versus …).
 *   "Dr." and "St." read "doctor"/"saint" before a name but "drive"/"street" after one, so they are
 *   fixed only in the unambiguous position: followed by a capitalized word and not preceded by one
 *   ("ask Dr. Smith" → "ask doctor Smith"; "Elm Dr. Then" is left alone);
 * - dotted letter abbreviations ("U.S." → "U S", "a.m." → "a m"), except "e.g." and "i.e.", which
 *   people read as "for example" / "that is" as often as letter by letter.
 * Word-like acronyms written without periods (NATO, RAM, UTF) are never flagged.
 */

import { cardinal, digitByDigit, MAX_CARDINAL, ONES, ordinal, yearWords } from '../text/number-words';
import type { Span } from './text-checks';

export interface SpokenFormIssue extends Span {
  kind: 'number' | 'symbol' | 'abbreviation';
  /** The text as written, e.g. `42`, `&`, `Dr.`. */
  written: string;
  message: string;
  /** The spoken form to write instead, when unambiguous (quick fix). */
  replacement?: string;
}

/**
 * Numbers in digits, symbols and abbreviations that are not written as spoken. `skip` spans (sorted,
 * e.g. URIs, reported by another rule) are not looked into. Stops after `limit` issues.
 */
export function findNotSpokenForms(text: string, skip: readonly Span[] = [], limit = Infinity): SpokenFormIssue[] {
  const found: SpokenFormIssue[] = [];
  let skipIndex = 0;
  const candidates = CANDIDATES;
  candidates.lastIndex = 0;
  for (let m = candidates.exec(text); m && found.length < limit; m = candidates.exec(text)) {
    const i = m.index;
    while (skipIndex < skip.length && skip[skipIndex]!.end <= i) skipIndex++;
    const skipped = skip[skipIndex];
    if (skipped && skipped.start <= i) {
      candidates.lastIndex = skipped.end;
      continue;
    }
    const char = m[0];
    const issue = char === '.' ? abbreviationEndingAt(text, i) : char >= '0' && char <= '9' ? numberAt(text, i) : symbolAt(text, i);
    if (!issue) continue;
    found.push(issue);
    candidates.lastIndex = issue.end;
  }
  return found;
}

/** Where an issue may start (digits, symbols) or end (the period of an abbreviation). */
export const SPOKEN_FORM_CANDIDATE = /[0-9.&%+=@#$/*<>_|~^\\]/;
const CANDIDATES = new RegExp(SPOKEN_FORM_CANDIDATE.source, 'g');

// ---------------------------------------------------------------------------------------------
// Numbers

function pluralizeLast(words: string): string {
  return words.endsWith('y') ? `${words.slice(0, -1)}ies` : `${words}s`;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isAsciiLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  if (c.charCodeAt(0) < 0x80) return isDigit(c) || isAsciiLetter(c);
  return NON_ASCII_WORD_CHAR.test(c);
}

/**
 * Characters around a number that leave it a word of its own (so replacing it is safe); the symbols
 * among them get a fix of their own that puts spaces around their word (`1+1` → `one plus one`).
 */
const OPENERS = new Set([' ', '\t', '(', '"', "'", '[', '+', '&']);
const CLOSERS = new Set([' ', '\t', '.', ',', '!', '?', ';', ':', ')', '"', "'", ']', '%', '+', '&']);

/** The number token around the digit at `at`: letters and digits, plus `.,:` between digits and `'s`. */
function numberAt(text: string, at: number): SpokenFormIssue {
  let start = at;
  while (start > 0 && isWordChar(text[start - 1])) start--;
  let end = at;
  while (end < text.length) {
    const c = text[end];
    if (isWordChar(c)) end++;
    else if ((c === '.' || c === ',' || c === ':') && isDigit(text[end - 1]) && isDigit(text[end + 1])) end++;
    else if (c === "'" && isDigit(text[end - 1]) && text[end + 1] === 's' && !isWordChar(text[end + 2])) end++;
    else break;
  }
  const written = text.slice(start, end);
  const before = text[start - 1];
  const after = text[end];
  const standalone = (before === undefined || OPENERS.has(before)) && (after === undefined || CLOSERS.has(after));
  const { spoken, exact } = spokenNumber(written);
  const issue: SpokenFormIssue = { kind: 'number', start, end, written, message: '' };
  if (exact && standalone) {
    issue.replacement = exact;
    issue.message = `Number "${quoteable(written)}" is written in digits: write it as spoken, "${exact}".`;
  } else if (spoken) {
    issue.message = `Number "${quoteable(written)}" is written in digits: write it as it was spoken, e.g. ${spoken}.`;
  } else {
    issue.message = `Number "${quoteable(written)}" is written in digits: write it as it was spoken, in words.`;
  }
  return issue;
}

/** How a number token may be said; `exact` when there is one obvious reading. */
function spokenNumber(t: string): { spoken?: string; exact?: string } {
  if (t.length > 40) return {};
  let m: RegExpExecArray | null;
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    if (t.length > 1 && t.startsWith('0')) return { spoken: `"${digitByDigit(t)}" or "${t.split('').map((d) => ONES[Number(d)]!).join(' ')}"` };
    if (t.length <= 2) {
      const words = cardinal(n);
      return { spoken: `"${words}"`, exact: words };
    }
    if (t.length === 3) return { spoken: n % 100 === 0 ? `"${cardinal(n)}"` : `"${digitByDigit(t)}" or "${cardinal(n)}"` };
    if (t.length === 4 && n >= 1100 && n < 2100 && n % 1000 !== 0) return { spoken: `"${yearWords(n)}" (a year) or "${cardinal(n)}"` };
    if (t.length <= 9) return { spoken: `"${cardinal(n)}", or digit by digit "${digitByDigit(t)}"` };
    return { spoken: `digit by digit, "${digitByDigit(t)}"` };
  }
  if ((m = /^(\d+)(st|nd|rd|th)$/i.exec(t))) {
    const digits = m[1]!;
    const n = Number(digits);
    if (digits.startsWith('0') || n === 0 || n > MAX_CARDINAL) return {};
    const words = ordinal(n);
    const lastTwo = n % 100;
    const expected = lastTwo >= 11 && lastTwo <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
    if (digits.length <= 2 && m[2]!.toLowerCase() === expected) return { spoken: `"${words}"`, exact: words };
    return { spoken: `"${words}"` };
  }
  if ((m = /^(\d+)'?s$/.exec(t))) {
    const n = Number(m[1]);
    if (m[1]!.length === 2 && n >= 20 && n % 10 === 0) return { spoken: `"${pluralizeLast(cardinal(n))}"` };
    if (m[1]!.length === 4 && n >= 1100 && n < 2100 && n % 10 === 0) return { spoken: `"${pluralizeLast(yearWords(n))}"` };
    return {};
  }
  if (/^\d{1,3}(?:,\d{3})+$/.test(t)) {
    const n = Number(t.replace(/,/g, ''));
    return n <= MAX_CARDINAL ? { spoken: `"${cardinal(n)}"` } : {};
  }
  if ((m = /^(\d+)\.(\d+)$/.exec(t))) {
    const whole = Number(m[1]);
    if (whole > MAX_CARDINAL || m[1]!.length > 12) return {};
    return { spoken: `"${cardinal(whole)} point ${digitByDigit(m[2]!).replace(/oh/g, 'zero')}"` };
  }
  if ((m = /^(\d{1,2}):(\d{2})$/.exec(t))) {
    const hours = Number(m[1]);
    const minutes = Number(m[2]);
    if (hours > 24 || minutes > 59) return {};
    if (minutes === 0) return { spoken: `"${cardinal(hours)} o'clock"` };
    return { spoken: `"${cardinal(hours)} ${minutes < 10 ? `oh ${ONES[minutes]!}` : cardinal(minutes)}"` };
  }
  if (/\p{L}/u.test(t) && /^[\p{L}\p{N}\p{M}]+$/u.test(t)) return { spoken: `"${spokenMixed(t)}"` };
  return {};
}

/** `MP3` → `M P three`, `4G` → `four G`: short capital runs read as letters, digit runs as words. */
function spokenMixed(t: string): string {
  const parts = t.match(/\d+|\p{Lu}+|[\p{L}\p{M}]+/gu) ?? [t];
  return parts
    .map((part) => {
      if (/^\d+$/.test(part)) return part.length <= 2 && !(part.length === 2 && part.startsWith('0')) ? cardinal(Number(part)) : digitByDigit(part);
      if (/^\p{Lu}+$/u.test(part) && part.length <= 3) return part.split('').join(' ');
      return part;
    })
    .join(' ');
}

// ---------------------------------------------------------------------------------------------
// Symbols

interface SymbolInfo {
  /** How it is said, for the message. */
  spoken: string;
  /** The word to write, when there is one obvious reading. */
  word?: string;
}

const symbols: Readonly<Record<string, SymbolInfo>> = {
  '&': { spoken: '"and"', word: 'and' },
  '%': { spoken: '"percent"', word: 'percent' },
  '+': { spoken: '"plus"', word: 'plus' },
  '@': { spoken: '"at"', word: 'at' },
  '=': { spoken: 'e.g. "equals" or "is"' },
  '#': { spoken: 'e.g. "number" ("#1" → "number one"), "hashtag" or "pound"' },
  $: { spoken: 'e.g. "dollars" after the amount ("$5" → "five dollars")' },
  '/': { spoken: 'e.g. "slash", "or", "per" or "over"' },
  '*': { spoken: 'e.g. "star" or "times"' },
  '<': { spoken: 'e.g. "less than"' },
  '>': { spoken: 'e.g. "greater than"' },
  _: { spoken: 'e.g. "underscore"' },
  '|': { spoken: 'e.g. "bar" or "pipe"' },
  '~': { spoken: 'e.g. "about" or "tilde"' },
  '^': { spoken: 'e.g. "caret" or "to the power of"' },
  '\\': { spoken: 'e.g. "backslash"' },
};

function symbolAt(text: string, at: number): SpokenFormIssue {
  const char = text[at]!;
  let end = at + 1;
  while (text[end] === char) end++;
  const info = symbols[char]!;
  const count = end - at;
  const written = text.slice(at, end);
  const issue: SpokenFormIssue = {
    kind: 'symbol',
    start: at,
    end,
    written,
    message: `${count > 1 ? 'Symbols' : 'Symbol'} "${quoteable(written)}" ${count > 1 ? 'are' : 'is'} not written as spoken: write ${info.word ? `"${Array(count).fill(info.word).join(' ')}"` : `the words said, ${info.spoken}`}.`,
  };
  if (info.word && count <= 3) {
    const space = (c: string | undefined) => (c === undefined || /\s/.test(c) ? '' : ' ');
    issue.replacement = `${space(text[at - 1])}${Array(count).fill(info.word).join(' ')}${space(text[end])}`;
  }
  return issue;
}

// ---------------------------------------------------------------------------------------------
// Abbreviations

interface Abbreviation {
  /** The spoken form(s), for the message. */
  spoken: string;
  /** Replacement when unambiguous. */
  word?: string;
  /** Only flagged before a number ("No. 5", "Fig. 3"): otherwise the word is ordinary ("no.", "fig."). */
  beforeNumber?: boolean;
  /** Title before a name, or something else after one ("Dr. Smith" vs "Elm Dr."): fixed only before a name. */
  beforeName?: boolean;
}

const abbreviations: Readonly<Record<string, Abbreviation>> = {
  mr: { spoken: '"mister"', word: 'mister' },
  mrs: { spoken: '"missus"', word: 'missus' },
  ms: { spoken: '"miz" or "miss"' },
  dr: { spoken: '"doctor" (before a name) or "drive" (in an address)', word: 'doctor', beforeName: true },
  st: { spoken: '"saint" (before a name) or "street" (in an address)', word: 'saint', beforeName: true },
  jr: { spoken: '"junior"', word: 'junior' },
  sr: { spoken: '"senior"', word: 'senior' },
  prof: { spoken: '"professor"', word: 'professor' },
  mt: { spoken: '"mount"', word: 'mount' },
  ave: { spoken: '"avenue"', word: 'avenue' },
  blvd: { spoken: '"boulevard"', word: 'boulevard' },
  rd: { spoken: '"road"', word: 'road' },
  hwy: { spoken: '"highway"', word: 'highway' },
  dept: { spoken: '"department"', word: 'department' },
  gov: { spoken: '"governor" or "government"' },
  gen: { spoken: '"general"', word: 'general' },
  capt: { spoken: '"captain"', word: 'captain' },
  lt: { spoken: '"lieutenant"', word: 'lieutenant' },
  sgt: { spoken: '"sergeant"', word: 'sergeant' },
  col: { spoken: '"colonel" or "column"' },
  approx: { spoken: '"approximately"', word: 'approximately' },
  vs: { spoken: '"versus"', word: 'versus' },
  etc: { spoken: '"et cetera"', word: 'et cetera' },
  inc: { spoken: '"incorporated" or "inc"' },
  ltd: { spoken: '"limited"', word: 'limited' },
  corp: { spoken: '"corporation"', word: 'corporation' },
  co: { spoken: '"company" or "co"' },
  est: { spoken: '"established" or "estimated"' },
  ft: { spoken: '"feet" or "foot"' },
  lb: { spoken: '"pound" or "pounds"' },
  lbs: { spoken: '"pounds"', word: 'pounds' },
  oz: { spoken: '"ounce" or "ounces"' },
  hrs: { spoken: '"hours"', word: 'hours' },
  mins: { spoken: '"minutes"', word: 'minutes' },
  no: { spoken: '"number"', word: 'number', beforeNumber: true },
  nos: { spoken: '"numbers"', word: 'numbers', beforeNumber: true },
  fig: { spoken: '"figure"', word: 'figure', beforeNumber: true },
  apt: { spoken: '"apartment"', word: 'apartment', beforeNumber: true },
};

/** The abbreviations flagged when written with a period, lower case without it (`mr`, `dr` …). */
export const abbreviationWords: readonly string[] = Object.keys(abbreviations);

/** Dotted letter abbreviations read otherwise than letter by letter as often as not. */
const dottedReadings: Readonly<Record<string, string>> = { 'e.g.': '"for example" or "e g"', 'i.e.': '"that is" or "i e"' };

/** An abbreviation whose period is at `dot`, or a dotted letter abbreviation starting just before it. */
function abbreviationEndingAt(text: string, dot: number): SpokenFormIssue | undefined {
  let start = dot;
  while (start > 0 && dot - start < 8 && isAsciiLetter(text[start - 1])) start--;
  if (start === dot) return undefined;
  const before = text[start - 1];
  if (isWordChar(before) || before === '.' || before === '@' || before === '/' || before === '-' || before === "'") return undefined;
  if (dot - start === 1) return dottedAt(text, start);
  if (isWordChar(text[dot + 1])) return undefined;
  const written = text.slice(start, dot + 1);
  const key = written.slice(0, -1).toLowerCase();
  const info = Object.hasOwn(abbreviations, key) ? abbreviations[key] : undefined;
  if (!info) return undefined;
  if (info.beforeNumber && !(text[dot + 1] === ' ' && isDigit(text[dot + 2]))) return undefined;
  const issue: SpokenFormIssue = {
    kind: 'abbreviation',
    start,
    end: dot + 1,
    written,
    message: `Abbreviation "${written}" is not written as spoken: write ${info.word && !info.beforeName ? `"${info.word}"` : `the word said, ${info.spoken}`}.`,
  };
  if (info.word && (!info.beforeName || isBeforeName(text, start, dot))) {
    issue.replacement = /^[A-Z]/.test(written) ? info.word[0]!.toUpperCase() + info.word.slice(1) : info.word;
  }
  return issue;
}

/** A capitalized word follows and none precedes: "… saw Dr. Smith", "St. Louis …". */
function isBeforeName(text: string, start: number, dot: number): boolean {
  const next = text[dot + 2];
  if (text[dot + 1] !== ' ' || next === undefined || !(next >= 'A' && next <= 'Z')) return false;
  let i = start - 1;
  while (i >= 0 && text[i] === ' ') i--;
  if (i < 0 || i === start - 1) return true;
  let wordStart = i;
  while (wordStart > 0 && isWordChar(text[wordStart - 1])) wordStart--;
  const first = text[wordStart]!;
  return !(first >= 'A' && first <= 'Z');
}

/** Longer runs of `x.y.z.` are not abbreviations someone reads letter by letter. */
const MAX_DOTTED_LETTERS = 8;

/** `U.S.`, `U.S.A`, `a.m.`: single letters each followed by a period (two or more letters). */
function dottedAt(text: string, start: number): SpokenFormIssue | undefined {
  const letters: string[] = [];
  let i = start;
  while (isAsciiLetter(text[i]) && text[i + 1] === '.') {
    if (letters.length === MAX_DOTTED_LETTERS) return undefined;
    letters.push(text[i]!);
    i += 2;
  }
  if (isAsciiLetter(text[i]) && !isWordChar(text[i + 1]) && text[i + 1] !== '.') {
    letters.push(text[i]!);
    i++;
  }
  if (letters.length < 2 || isWordChar(text[i])) return undefined;
  const written = text.slice(start, i);
  const reading = Object.hasOwn(dottedReadings, written.toLowerCase()) ? dottedReadings[written.toLowerCase()] : undefined;
  const spelled = letters.join(' ');
  const issue: SpokenFormIssue = {
    kind: 'abbreviation',
    start,
    end: i,
    written,
    message: reading
      ? `Abbreviation "${written}" is not written as spoken: write the words said, ${reading}.`
      : `Abbreviation "${written}" is not written as spoken: write the letters as separate tokens without periods, "${spelled}".`,
  };
  if (!reading) issue.replacement = spelled;
  return issue;
}

/** Long values are cut for messages. */
function quoteable(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
