import type { Fix, TextEdit } from '../problem';
import type { Rule, RuleContext } from '../rule';
import { lineRule } from '../rule';
import { isCommonEnglishWord } from '../common-words';
import { isEnglishLocale } from '../fast-text-checks';
import { MAX_PROBLEMS_PER_LINE, MB, addBomFix, fileSizeRule, formatCount, quote } from './shared';

/**
 * Pronunciation files (`.txt`): one entry per line, `<display form>\t<spoken form>`, e.g.
 * `3CPO\tthree c p o` or `IEEE\ti triple e`. The spoken form is lowercase words, letters or
 * syllables separated by spaces, with numbers spelled out. Files are small (≤ 1 MB), so these rules
 * favour clear messages over raw speed, but every check is still one linear pass over the line.
 */

// ---------------------------------------------------------------------------------------------
// Reading an entry

interface Entry {
  /** Column of the first tab. */
  tab: number;
  /** The display form without surrounding spaces, and where it is. */
  display: string;
  displayStart: number;
  displayEnd: number;
  /** Where the spoken form is, without surrounding spaces and tabs (start === end when empty). */
  spokenStart: number;
  spokenEnd: number;
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** The entry on a line, or undefined for a blank line or a line without a tab. */
function readEntry(text: string): Entry | undefined {
  const tab = text.indexOf('\t');
  if (tab < 0 || isBlank(text)) return undefined;
  let displayStart = 0;
  let displayEnd = tab;
  while (displayStart < displayEnd && text.charCodeAt(displayStart) === 0x20) displayStart++;
  while (displayEnd > displayStart && text.charCodeAt(displayEnd - 1) === 0x20) displayEnd--;
  let spokenStart = tab + 1;
  let spokenEnd = text.length;
  while (spokenStart < spokenEnd && isSeparator(text.charCodeAt(spokenStart))) spokenStart++;
  while (spokenEnd > spokenStart && isSeparator(text.charCodeAt(spokenEnd - 1))) spokenEnd--;
  return { tab, display: text.slice(displayStart, displayEnd), displayStart, displayEnd, spokenStart, spokenEnd };
}

function isSeparator(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

// ---------------------------------------------------------------------------------------------
// What a spoken form may hold, per locale

const enum Kind {
  Letter,
  Separator,
  Upper,
  Digit,
  Invalid,
}

interface Alphabet {
  /** Kind of the code point `char` (one code point). */
  kindOf(char: string): Kind;
  /** "the letters a–z" */
  description: string;
}

const LETTER = /^[\p{L}\p{M}]$/u;
const NUMBER = /^\p{N}$/u;

function alphabetFor(locale: string): Alphabet {
  const lang = locale.toLowerCase().split(/[-_]/)[0];
  const extra = lang === 'de' ? 'äöüß' : '';
  const anyLetter = !isEnglishLocale(locale) && lang !== 'de';
  const isLetter = (char: string): boolean => (char >= 'a' && char <= 'z') || extra.includes(char) || (anyLetter && LETTER.test(char));
  return {
    description: anyLetter ? 'lowercase letters' : extra ? 'the letters a–z, ä, ö, ü and ß' : 'the letters a–z',
    kindOf(char) {
      const code = char.charCodeAt(0);
      if (code < 0x80) {
        if (code >= 0x61 && code <= 0x7a) return Kind.Letter;
        if (code >= 0x41 && code <= 0x5a) return Kind.Upper;
        if (code >= 0x30 && code <= 0x39) return Kind.Digit;
        return code === 0x20 || code === 0x09 ? Kind.Separator : Kind.Invalid;
      }
      if (isLetter(char)) return Kind.Letter;
      const lower = char.toLowerCase();
      if (lower !== char) return isLetter(lower) ? Kind.Upper : Kind.Invalid;
      return NUMBER.test(char) ? Kind.Digit : Kind.Invalid;
    },
  };
}

const alphabets = new Map<string, Alphabet>();
function alphabetOf(context: RuleContext): Alphabet {
  const locale = context.options.locale;
  let alphabet = alphabets.get(locale);
  if (!alphabet) alphabets.set(locale, (alphabet = alphabetFor(locale)));
  return alphabet;
}

/** Kinds of ASCII characters, the same for every alphabet. */
const asciiKinds = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  asciiKinds[c] = c >= 0x61 && c <= 0x7a ? Kind.Letter : c >= 0x41 && c <= 0x5a ? Kind.Upper : c >= 0x30 && c <= 0x39 ? Kind.Digit : c === 0x20 || c === 0x09 ? Kind.Separator : Kind.Invalid;
}

/** Calls `visit` for each code point of `text[start, end)` with its kind, until it returns false. */
function forEachChar(text: string, start: number, end: number, alphabet: Alphabet, visit: (kind: Kind, at: number, width: number) => boolean | void): void {
  for (let i = start; i < end; ) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if (visit(asciiKinds[code]!, i, 1) === false) return;
      i++;
      continue;
    }
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < end ? 2 : 1;
    if (visit(alphabet.kindOf(width === 1 ? text[i]! : text.slice(i, i + 2)), i, width) === false) return;
    i += width;
  }
}

/** Which kinds of characters the spoken form of `entry` holds, as a bit set of `1 << Kind`. */
function spokenKinds(text: string, entry: Entry, alphabet: Alphabet): number {
  let kinds = 0;
  forEachChar(text, entry.spokenStart, entry.spokenEnd, alphabet, (kind) => {
    kinds |= 1 << kind;
  });
  return kinds;
}

function spokenOf(text: string, entry: Entry): string {
  return text.slice(entry.spokenStart, entry.spokenEnd);
}

/** Where the word around column `at` starts and ends (words are separated by spaces and tabs). */
function wordAround(text: string, at: number, min: number, max: number): [number, number] {
  let start = at;
  let end = at;
  while (start > min && !isSeparator(text.charCodeAt(start - 1))) start--;
  while (end < max && !isSeparator(text.charCodeAt(end))) end++;
  return [start, end];
}

// ---------------------------------------------------------------------------------------------
// Line structure

const missingTab = lineRule(
  {
    code: 'pronunciation/missing-tab',
    kind: 'pronunciation',
    severity: 'error',
    doc: 'A line without a tab: each entry is `<display form><TAB><spoken form>`, and the service cannot split this one.',
  },
  (text, line, context) => {
    if (text.indexOf('\t') >= 0 || isBlank(text)) return;
    const start = text.length - text.trimStart().length;
    const end = text.trimEnd().length;
    const content = text.slice(start, end);
    const intro = `No tab in ${quote(content)}: each entry is the display form, a tab, then the spoken form, and the service cannot split this line.`;
    const split = guessSplit(text, start, end, alphabetOf(context));
    if (!split) {
      const advice = content.indexOf(' ') < 0 ? ` Add a tab and how ${quote(content)} is said, e.g. "${content}\\t${exampleSpoken(content)}".` : ' Put a tab between the display form and the spoken form.';
      context.report({ line, start, end }, intro + advice);
      return;
    }
    const display = text.slice(start, split.start);
    context.report({ line, start: split.start, end: split.end }, `${intro} Use a tab after the display form ${quote(display)}.`, {
      title: `Use a tab after ${quote(display)}`,
      edits: [{ range: { line, start: split.start, end: split.end }, newText: '\t' }],
    });
  },
);

/**
 * Where the tab most likely belongs in a line written with spaces, or undefined when that is not
 * clear enough to offer a fix:
 * - one run of 2 or more spaces (columns aligned with spaces): the tab replaces that run, whatever
 *   the display form (`Contoso Bank    contoso bank`);
 * - otherwise single spaces only: the tab replaces the first space when the first token cannot be a
 *   spoken word (it has a capital, a digit or a symbol: `IEEE i triple e`, `3CPO three c p o`) and
 *   everything after it is a valid spoken form. An all-lowercase line (`new york new york`) is left
 *   alone: there the split cannot be told.
 */
function guessSplit(text: string, start: number, end: number, alphabet: Alphabet): { start: number; end: number } | undefined {
  const spaces = / {2,}/g;
  spaces.lastIndex = start;
  const run = spaces.exec(text);
  if (run && run.index < end) {
    const runEnd = run.index + run[0].length;
    const next = spaces.exec(text);
    if (next && next.index < end) return undefined; // two runs: no telling which one
    return { start: run.index, end: runEnd };
  }
  const space = text.indexOf(' ', start);
  if (space < 0 || space >= end) return undefined;
  let displayIsWord = true;
  forEachChar(text, start, space, alphabet, (kind) => (displayIsWord &&= kind === Kind.Letter));
  if (displayIsWord) return undefined;
  let spokenIsValid = true;
  forEachChar(text, space + 1, end, alphabet, (kind) => (spokenIsValid &&= kind === Kind.Letter || kind === Kind.Separator));
  return spokenIsValid ? { start: space, end: space + 1 } : undefined;
}

/** `IEEE` → `i e e e`: an example of a spoken form for a message. */
function exampleSpoken(display: string): string {
  return /^[A-Z]{2,5}$/.test(display) ? display.toLowerCase().split('').join(' ') : display.toLowerCase();
}

const extraTab = lineRule(
  {
    code: 'pronunciation/extra-tab',
    kind: 'pronunciation',
    severity: 'error',
    doc: 'More than one tab on a line: the display form and the spoken form cannot hold tabs, and the service cannot read the entry.',
  },
  (text, line, context) => {
    const first = text.indexOf('\t');
    if (first < 0) return;
    const last = text.lastIndexOf('\t');
    if (last === first) return;
    const second = text.indexOf('\t', first + 1);
    let fix: Fix | undefined;
    let advice: string;
    if (text.slice(second).trim() === '') {
      advice = 'Remove the tab at the end of the line.';
      fix = { title: 'Remove the trailing tab', edits: [{ range: { line, start: text.trimEnd().length, end: text.length }, newText: '' }] };
    } else if (/^\t+$/.test(text.slice(first, last + 1))) {
      advice = 'Keep a single tab between the display form and the spoken form.';
      fix = { title: 'Keep a single tab', edits: [{ range: { line, start: first + 1, end: last + 1 }, newText: '' }] };
    } else {
      advice = 'Keep one tab, between the display form and the spoken form; separate the words of the spoken form with spaces.';
    }
    const count = text.split('\t').length - 1;
    context.report({ line, start: second, end: last + 1 }, `${count} tabs on this line: an entry has exactly one, between the display form and the spoken form, and the service cannot read this one. ${advice}`, fix);
  },
);

const emptyForm = lineRule(
  {
    code: 'pronunciation/empty-form',
    kind: 'pronunciation',
    severity: 'error',
    doc: 'An entry whose display form or spoken form is empty: the service needs both.',
  },
  (text, line, context) => {
    const entry = readEntry(text);
    if (!entry) return;
    if (entry.display === '') {
      context.report({ line, start: 0, end: entry.tab + 1 }, `The display form is empty: each entry is the term as written, a tab, then how it is said; the service cannot use an entry without a display form. Write the term before the tab.`);
    }
    if (entry.spokenStart === entry.spokenEnd) {
      const what = entry.display === '' ? 'this entry' : quote(entry.display);
      context.report({ line, start: entry.tab, end: text.length }, `The spoken form of ${what} is empty: the service needs to know how the term is said. Write it after the tab, in lowercase words${entry.display ? `, e.g. "${entry.display}\\t${exampleSpoken(entry.display)}"` : ''}.`);
    }
  },
);

// ---------------------------------------------------------------------------------------------
// The spoken form

const uppercaseSpoken = lineRule(
  {
    code: 'pronunciation/uppercase-spoken',
    kind: 'pronunciation',
    severity: 'error',
    doc: 'Capital letters in the spoken form: it must be lowercase words, letters or syllables.',
  },
  (text, line, context) => {
    const entry = readEntry(text);
    if (!entry) return;
    const alphabet = alphabetOf(context);
    let first = -1;
    let last = -1;
    forEachChar(text, entry.spokenStart, entry.spokenEnd, alphabet, (kind, at, width) => {
      if (kind !== Kind.Upper) return;
      if (first < 0) first = at;
      last = at + width;
    });
    if (first < 0) return;
    const [start] = wordAround(text, first, entry.spokenStart, entry.spokenEnd);
    const [, end] = wordAround(text, last - 1, entry.spokenStart, entry.spokenEnd);
    const value = text.slice(start, end);
    const lower = value.toLowerCase();
    const only = (spokenKinds(text, entry, alphabet) & ~((1 << Kind.Letter) | (1 << Kind.Separator) | (1 << Kind.Upper))) === 0;
    const spoken = spokenOf(text, entry);
    context.report(
      { line, start, end },
      `Capital letters in the spoken form ${quote(spoken)}: the spoken form says how the term sounds, in lowercase words, letters or syllables; the service does not accept capitals there. Write ${quote(spoken.toLowerCase())}.`,
      only ? { title: `Change to ${quote(lower)}`, edits: [{ range: { line, start, end }, newText: lower }] } : undefined,
    );
  },
);

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/**
 * English words for a run of 1 or 2 digits: a cardinal number from 0 to 99 ("7" → "seven",
 * "42" → "forty two", words separated by spaces since a spoken form holds no hyphens); a leading
 * zero is read digit by digit ("07" → "zero seven"). Longer runs have no single right reading
 * ("2024" is a year, "101" a room or a course), so they get no fix.
 */
export function spellSmallNumber(digits: string): string | undefined {
  if (!/^[0-9]{1,2}$/.test(digits)) return undefined;
  const [a, b] = [Number(digits[0]), digits.length === 2 ? Number(digits[1]) : undefined];
  if (b === undefined) return ONES[a];
  if (a === 0) return `zero ${ONES[b]}`;
  if (a === 1) return TEENS[b];
  return b === 0 ? TENS[a] : `${TENS[a]} ${ONES[b]}`;
}

/** Calls `report` for each run of characters of `kind` in the spoken form, at most MAX_PROBLEMS_PER_LINE of them. */
function forEachRun(text: string, entry: Entry, alphabet: Alphabet, kind: Kind, report: (start: number, end: number) => void): void {
  let runStart = -1;
  let reported = 0;
  const flush = (end: number): void => {
    if (runStart < 0) return;
    const start = runStart;
    runStart = -1;
    reported++;
    report(start, end);
  };
  forEachChar(text, entry.spokenStart, entry.spokenEnd, alphabet, (found, at) => {
    if (found !== kind) flush(at);
    else if (runStart < 0) runStart = at;
    return reported < MAX_PROBLEMS_PER_LINE;
  });
  flush(entry.spokenEnd);
}

const digitsInSpoken = lineRule(
  {
    code: 'pronunciation/digits-in-spoken',
    kind: 'pronunciation',
    severity: 'error',
    doc: 'Digits in the spoken form: numbers must be spelled out as they are said ("three c p o").',
  },
  (text, line, context) => {
    const entry = readEntry(text);
    if (!entry) return;
    const alphabet = alphabetOf(context);
    const english = isEnglishLocale(context.options.locale);
    forEachRun(text, entry, alphabet, Kind.Digit, (start, end) => {
      const digits = text.slice(start, end);
      const words = english ? spellSmallNumber(digits) : undefined;
      const said = words ?? (english ? 'the words as they are said' : 'words');
      const message = `Digits ${quote(digits)} in the spoken form ${quote(spokenOf(text, entry))}: the spoken form spells numbers out, and the service does not accept digits there. Write ${words ? quote(words) : said} instead.`;
      if (!words) return context.report({ line, start, end }, message);
      // Keep the number apart from letters around it: "r2d2" → "r two d two".
      const before = start > entry.spokenStart && !isSeparator(text.charCodeAt(start - 1)) ? ' ' : '';
      const after = end < entry.spokenEnd && !isSeparator(text.charCodeAt(end)) ? ' ' : '';
      context.report({ line, start, end }, message, { title: `Spell out as ${quote(words)}`, edits: [{ range: { line, start, end }, newText: before + words + after }] });
    });
  },
);

const invalidSpokenChar = lineRule(
  {
    code: 'pronunciation/invalid-spoken-char',
    kind: 'pronunciation',
    severity: 'error',
    doc: 'Characters other than letters in the spoken form (punctuation, symbols, letters outside the locale\'s alphabet).',
  },
  (text, line, context) => {
    const entry = readEntry(text);
    if (!entry) return;
    const alphabet = alphabetOf(context);
    const english = isEnglishLocale(context.options.locale);
    forEachRun(text, entry, alphabet, Kind.Invalid, (start, end) => {
      const value = text.slice(start, end);
      const replacement = replaceInvalid(value, alphabet);
      const letters = english || alphabet.description !== 'lowercase letters' ? `${alphabet.description}` : 'letters';
      const message = `${quote(value)} in the spoken form ${quote(spokenOf(text, entry))} is not allowed: a spoken form is ${letters} in words separated by spaces${english ? ' (for en-US the legacy format lists a–z only)' : ''}, and the service rejects other characters. ${replacement === undefined ? 'Remove it, or write the sound with letters.' : replacement.trim() === '' ? 'Use a space instead.' : `Write ${quote(replacement)}.`}`;
      context.report(
        { line, start, end },
        message,
        replacement !== undefined ? { title: replacement.trim() === '' ? 'Use a space' : `Change to ${quote(replacement)}`, edits: [{ range: { line, start, end }, newText: replacement }] } : undefined,
      );
    });
  },
);

/**
 * A replacement for invalid characters when there is an obvious one: hyphens and underscores
 * between words become a space ("forty-two" → "forty two"); accented letters become their base
 * letter when that one is allowed ("café" → "cafe" in en-US). Undefined otherwise.
 */
function replaceInvalid(value: string, alphabet: Alphabet): string | undefined {
  let out = '';
  for (const char of value) {
    if (char === '-' || char === '_') {
      out += ' ';
      continue;
    }
    const base = char.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
    if (base.length === 0 || [...base].some((c) => alphabet.kindOf(c) !== Kind.Letter)) return undefined;
    out += base;
  }
  return out.trim() === '' ? ' ' : out;
}

// ---------------------------------------------------------------------------------------------
// The display form

const suspectDisplayChar = lineRule(
  {
    code: 'pronunciation/suspect-display-char',
    kind: 'pronunciation',
    severity: 'warning',
    doc: '`~` or `^` in the display form: the format guidance flags them; the term is most likely not written that way in the text people dictate.',
  },
  (text, line, context) => {
    const entry = readEntry(text);
    if (!entry) return;
    let reported = 0;
    for (let i = entry.displayStart; i < entry.displayEnd && reported < MAX_PROBLEMS_PER_LINE; i++) {
      const code = text.charCodeAt(i);
      if (code !== 0x7e && code !== 0x5e) continue;
      reported++;
      context.report(
        { line, start: i, end: i + 1 },
        `${quote(text[i]!)} in the display form ${quote(entry.display)}: the pronunciation guidance flags ~ and ^ in display forms, and the service matches the display form to the recognized text as written. Remove it unless the term is really written with it.`,
      );
    }
  },
);

/** Display forms seen so far; bounded so a huge file cannot take all memory. */
const MAX_REMEMBERED_ENTRIES = 200_000;

interface Seen {
  line: number;
  spoken: string;
}

function normalizeSpoken(spoken: string): string {
  return IRREGULAR_SPACING.test(spoken) ? spoken.replace(/[ \t]+/g, ' ') : spoken;
}

const IRREGULAR_SPACING = /\t| {2}/;

/** Both duplicate rules read entries the same way; each keeps its own map. */
function duplicateRule(meta: Omit<Rule, 'create'>, onDuplicate: (context: RuleContext, text: string, line: number, entry: Entry, spoken: string, first: Seen) => void): Rule {
  return {
    ...meta,
    create(context) {
      const seen = new Map<string, Seen>();
      return {
        line(text, line) {
          const entry = readEntry(text);
          if (entry && entry.display !== '' && entry.spokenStart < entry.spokenEnd) {
            const spoken = normalizeSpoken(spokenOf(text, entry));
            const first = seen.get(entry.display);
            if (first) onDuplicate(context, text, line, entry, spoken, first);
            else if (seen.size < MAX_REMEMBERED_ENTRIES) seen.set(entry.display, { line, spoken });
          }
        },
      };
    },
  };
}

const redefinedDisplay = duplicateRule(
  {
    code: 'pronunciation/redefined-display',
    kind: 'pronunciation',
    severity: 'warning',
    doc: 'A display form defined again with a different spoken form: check that both pronunciations are meant.',
  },
  (context, text, line, entry, spoken, first) => {
    if (spoken === first.spoken) return;
    context.report(
      { line, start: entry.displayStart, end: entry.displayEnd },
      `${quote(entry.display)} is already defined on line ${first.line + 1} as ${quote(first.spoken)}; here it is ${quote(spoken)}. The service keeps both pronunciations, so either may be recognized: remove the one that is wrong.`,
    );
  },
);

const duplicateEntry = duplicateRule(
  {
    code: 'pronunciation/duplicate-entry',
    kind: 'pronunciation',
    severity: 'info',
    doc: 'The same entry twice: the second one adds nothing.',
  },
  (context, text, line, entry, spoken, first) => {
    if (spoken !== first.spoken) return;
    const edit: TextEdit = { range: { line, start: 0, end: 0, endLine: line + 1 }, newText: '' };
    context.report(
      { line, start: entry.displayStart, end: text.length },
      `${quote(entry.display)} → ${quote(spoken)} is already on line ${first.line + 1}: this duplicate adds nothing. Remove it.`,
      { title: 'Remove the duplicate line', edits: [edit] },
    );
  },
);

const commonWord = lineRule(
  {
    code: 'pronunciation/common-word',
    kind: 'pronunciation',
    severity: 'info',
    doc: 'A common English word given a pronunciation: the service already knows it, and redefining it changes how it is recognized everywhere.',
  },
  (text, line, context) => {
    if (!isEnglishLocale(context.options.locale)) return;
    const entry = readEntry(text);
    if (!entry || entry.display === '' || entry.display.indexOf(' ') >= 0) return;
    // An all-capital form of two letters or more is an acronym (US, IT, WHO), not the common word.
    if (entry.display.length >= 2 && entry.display === entry.display.toUpperCase()) return;
    if (!isCommonEnglishWord(entry.display)) return;
    context.report(
      { line, start: entry.displayStart, end: entry.displayEnd },
      `${quote(entry.display)} is one of the most common English words: the service already knows how it is said, and a new pronunciation changes how it is recognized in every sentence. Remove this entry unless the usual pronunciation is really wrong for your audio.`,
    );
  },
);

// ---------------------------------------------------------------------------------------------
// The file

const fileTooLarge = fileSizeRule(
  {
    code: 'pronunciation/file-too-large',
    kind: 'pronunciation',
    severity: 'error',
    doc: 'The file is over 1 MB: the service rejects bigger pronunciation files (1 KB on the free F0 tier).',
  },
  1 * MB,
  'List only the words that are misrecognized (on the free F0 tier the limit is 1 KB).',
);

const NON_ASCII = /[^\x00-\x7F]/;

const missingBom: Rule = {
  code: 'pronunciation/missing-bom',
  kind: 'pronunciation',
  severity: 'warning',
  doc: 'No UTF-8 byte order mark: required for non-English locales; English files without one are read as ANSI, which garbles non-ASCII characters.',
  create(context) {
    if (context.options.hasBom !== false) return {};
    const locale = context.options.locale;
    if (!isEnglishLocale(locale)) {
      return {
        line(text, line) {
          if (line !== 0) return;
          context.report(
            { line: 0, start: 0, end: text.length },
            `The file has no UTF-8 byte order mark (BOM): for ${locale} the service expects pronunciation files in UTF-8 with BOM, and may misread letters outside ASCII. Save it as "UTF-8 with BOM".`,
            addBomFix,
          );
        },
      };
    }
    // English: ANSI (no BOM) is accepted, which is only a problem when the file is not ASCII.
    let firstLineLength = 0;
    let nonAsciiLine = -1;
    return {
      line(text, line) {
        if (line === 0) firstLineLength = text.length;
        if (nonAsciiLine < 0 && NON_ASCII.test(text)) nonAsciiLine = line;
      },
      end() {
        if (nonAsciiLine < 0) return;
        context.report(
          { line: 0, start: 0, end: firstLineLength },
          `The file has no UTF-8 byte order mark (BOM) but holds characters outside ASCII (first on line ${formatCount(nonAsciiLine + 1)}): without a BOM the service reads an English pronunciation file as ANSI, which garbles them. Save it as "UTF-8 with BOM".`,
          addBomFix,
        );
      },
    };
  },
};

export const pronunciationRules: readonly Rule[] = [
  missingTab,
  extraTab,
  emptyForm,
  uppercaseSpoken,
  digitsInSpoken,
  invalidSpokenChar,
  suspectDisplayChar,
  redefinedDisplay,
  duplicateEntry,
  commonWord,
  fileTooLarge,
  missingBom,
];
