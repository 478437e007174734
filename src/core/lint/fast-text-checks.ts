/**
 * Faster versions of some `text-checks` helpers, with the same results (tests compare them on random
 * input), for rules that run on every line of files of hundreds of megabytes (related text,
 * structured text): one charCode (or, for ASCII lines, byte) loop, or a cheap pre-scan that skips
 * the shared regular expression on lines that cannot match.
 *
 * Measured on generated English text, one core of a busy 2-core VM (Node 20): `findRepetitions`
 * ≈ 16 MB/s, `findRepetitionsFast` ≈ 65–90 MB/s; `findUris` ≈ 100–175 MB/s, `findUrisFast` ≈ 1 GB/s
 * on lines without `:/` or `www.`.
 */

import { asciiReplacements, findCharsAbove, findUris, type NonAscii, type Repetition, type Span } from './text-checks';

/** ASCII punctuation that hardly appears in what people say: markup, code, decoration. */
const NOISE_SYMBOL = new Uint8Array(128);
for (const ch of '#$%&*+/<=>@\\^_`{|}~[]') NOISE_SYMBOL[ch.charCodeAt(0)] = 1;

const NOISE_SYMBOL_RE = /[#$%&*+/<=>@\\^_`{|}~[\]]/;

// ---------------------------------------------------------------------------------------------
// Word characters, as `[\p{L}\p{N}']` with the `u` flag: a lazily filled table for the BMP.

const WORD_CHAR = /^[\p{L}\p{N}']$/u;
/** 0 = not computed yet, 1 = word character, 2 = other. */
const bmpWordTable = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) bmpWordTable[c] = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x27 ? 1 : 2;

function isWordUnit(code: number): boolean {
  let kind = bmpWordTable[code]!;
  if (kind === 0) {
    // Lone surrogates are not letters; pairs are handled by the caller.
    kind = code >= 0xd800 && code <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
    bmpWordTable[code] = kind;
  }
  return kind === 1;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** `\s` of JavaScript regular expressions. */
function isJsSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Simple case folding of one code unit, good enough for comparing words case-insensitively. */
const foldTable = new Uint16Array(0x10000);
function fold(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
  let f = foldTable[c]!;
  if (f === 0) {
    // Upper then lower case, like Unicode simple case folding (ſ → s, ς → σ, K (Kelvin) → k);
    // dotless ı folds to itself there.
    const char = String.fromCharCode(c);
    const upper = char.toUpperCase();
    const lower = (upper.length === 1 && c !== 0x131 ? upper : char).toLowerCase();
    f = lower.length === 1 ? lower.charCodeAt(0) : c;
    foldTable[c] = f;
  }
  return f;
}

// Reused buffers for the words of a line: start, end, and whether the gap before is only [ \t]+.
let wordStarts = new Int32Array(1024);
let wordEnds = new Int32Array(1024);
let linked = new Uint8Array(1024);
/** Length and folded first character of each word: most different words differ there. */
let wordKeys = new Int32Array(1024);

function growWordBuffers(): void {
  const size = wordStarts.length * 2;
  const starts = new Int32Array(size);
  starts.set(wordStarts);
  const ends = new Int32Array(size);
  ends.set(wordEnds);
  const links = new Uint8Array(size);
  links.set(linked);
  const keys = new Int32Array(size);
  keys.set(wordKeys);
  wordStarts = starts;
  wordEnds = ends;
  linked = links;
  wordKeys = keys;
}

function sameWord(text: string, a: number, b: number): boolean {
  const aStart = wordStarts[a]!;
  const bStart = wordStarts[b]!;
  const length = wordEnds[a]! - aStart;
  if (wordEnds[b]! - bStart !== length) return false;
  const x = text.charCodeAt(aStart);
  const y = text.charCodeAt(bStart);
  if (x !== y && fold(x) !== fold(y)) return false;
  for (let i = 1; i < length; i++) {
    const x = text.charCodeAt(aStart + i);
    const y = text.charCodeAt(bStart + i);
    if (x !== y && fold(x) !== fold(y)) return false;
  }
  return true;
}

/** The gap before word `a` and the gap before word `b` are the same text. */
function sameGap(text: string, a: number, b: number): boolean {
  const aStart = wordEnds[a - 1]!;
  const bStart = wordEnds[b - 1]!;
  const length = wordStarts[a]! - aStart;
  if (wordStarts[b]! - bStart !== length) return false;
  for (let i = 0; i < length; i++) if (text.charCodeAt(aStart + i) !== text.charCodeAt(bStart + i)) return false;
  return true;
}

/** `sameGroup` for an ASCII line given as bytes (`bytes[PAD + i]` is `text[i]`). */
function sameAsciiGroup(bytes: Uint8Array, unit: number, copy: number, k: number): boolean {
  for (let j = 0; j < k; j++) {
    // Words: same length and letters, case-insensitive (`| 0x20` folds ASCII letters and keeps digits and ').
    let a = wordStarts[unit + j]! + PAD;
    let b = wordStarts[copy + j]! + PAD;
    const end = wordEnds[unit + j]! + PAD;
    if (wordEnds[copy + j]! + PAD - b !== end - a) return false;
    for (; a < end; a++, b++) if ((bytes[a]! | 0x20) !== (bytes[b]! | 0x20)) return false;
    if (j === 0) continue;
    // Gaps before the word: the very same characters.
    a = wordEnds[unit + j - 1]! + PAD;
    b = wordEnds[copy + j - 1]! + PAD;
    const gapEnd = wordStarts[unit + j]! + PAD;
    if (wordStarts[copy + j]! + PAD - b !== gapEnd - a) return false;
    for (; a < gapEnd; a++, b++) if (bytes[a] !== bytes[b]) return false;
  }
  return true;
}

/** Words `unit .. unit+k-1` equal words `copy .. copy+k-1`, with the same gaps between them. */
function sameGroup(text: string, unit: number, copy: number, k: number): boolean {
  for (let j = 0; j < k; j++) {
    if (!sameWord(text, unit + j, copy + j)) return false;
    if (j > 0 && !sameGap(text, unit + j, copy + j)) return false;
  }
  return true;
}

/**
 * Same result as `findRepetitions` (a word or group of up to 4 words repeated 4 times or more,
 * separated by spaces or tabs, case-insensitive; a non-space, non-digit character 4 times or more)
 * in one linear pass without regular expressions. The array is shared with the next caller for the
 * same line: read only.
 */
export function findRepetitionsFast(text: string): readonly Repetition[] {
  return scanLine(text).repetitions;
}

/**
 * Same result as `findLongTokens`; the word scan that `findRepetitionsFast` makes of the line tells
 * (for free) whether it has a stretch of `min` characters without a space or tab at all.
 */
export function findLongTokensFast(text: string, min: number): Span[] {
  if (text.length < min || scanLine(text).longestStretch < min) return [];
  return findLongTokens(text, min);
}

/** Same result as `findSymbolRuns`; skips lines whose word scan saw no markup or code symbol. */
export function findSymbolRunsFast(text: string): Span[] {
  return scanLine(text).hasNoise ? findSymbolRuns(text) : [];
}

/** Same result as `findSpecialChars`; skips lines whose word scan saw nothing above U+00A1 or below U+0020. */
export function findSpecialCharsFast(text: string, locale: string): NonAscii[] {
  return scanLine(text).hasSpecial ? findSpecialChars(text, locale) : [];
}

/**
 * What one pass over a line found, for the rules of a file kind that all look at every line
 * (related text): the `*Fast` functions above share it, so the line is scanned once for all of
 * them. The cost is that of `findRepetitionsFast`; a rule using only `findSpecialChars` or
 * `findSymbolRuns` is cheaper with those (a single regular-expression test).
 */
interface LineScan {
  text: string;
  repetitions: Repetition[];
  /** Longest stretch of the line without a space or tab (or the line's length, when not known). */
  longestStretch: number;
  /** Whether the line may have a character above U+00A1 or a control character. */
  hasSpecial: boolean;
  /** Whether the line may have one of the symbols of `findSymbolRuns`. */
  hasNoise: boolean;
}

// Rules of one file look at the same line one after the other: the last scan is kept for them (one
// object, updated in place: no allocation per line). Results are shared: never modify them.
const lastScan: LineScan = { text: '', repetitions: [], longestStretch: 0, hasSpecial: false, hasNoise: false };

function scanLine(text: string): LineScan {
  if (text === lastScan.text) return lastScan;
  const ascii = asciiBytes(text);
  const runs = ascii ? scanAsciiWords(text, ascii) : scanWords(text);
  lastScan.text = text;
  if (runs === SURROGATES) {
    // Rare (emoji, historic scripts): the general path, and conservative flags.
    lastScan.repetitions = findRepetitionsGeneral(text);
    lastScan.longestStretch = text.length;
    lastScan.hasSpecial = true;
    lastScan.hasNoise = true;
    return lastScan;
  }
  const words = findWordRepetitions(text, wordCount, ascii);
  lastScan.repetitions = !runs ? (words ?? NO_REPETITIONS) : !words ? runs : words.concat(runs).sort((a, b) => a.start - b.start);
  lastScan.longestStretch = scannedStretch;
  lastScan.hasSpecial = (scannedFlags & SPECIAL) !== 0;
  lastScan.hasNoise = (scannedFlags & NOISE) !== 0;
  return lastScan;
}

const SURROGATES: Repetition[] = [];
const NO_REPETITIONS: Repetition[] = Object.freeze([]) as unknown as Repetition[];
/** Number of words `scanWords` left in the word buffers, and the longest stretch without a blank. */
let wordCount = 0;
let scannedStretch = 0;
/** SPECIAL and NOISE bits of the characters `scanWords` saw. */
let scannedFlags = 0;

// Kinds of UTF-16 units (low 3 bits; 0 = not classified yet), plus flags.
const WORD = 1;
const OTHER = 2;
const BLANK = 3; // space or tab: what may separate repeated words
const SURROGATE = 4;
const KIND = 7;
/** Above U+00A1, or a control character other than tab. */
const SPECIAL = 8;
/** One of the symbols `findSymbolRuns` looks for. */
const NOISE = 16;
const unitKind = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) {
  const kind = bmpWordTable[c] === 1 ? WORD : c === 0x20 || c === 0x09 ? BLANK : OTHER;
  unitKind[c] = kind | (c < 0x20 && c !== 0x09 ? SPECIAL : 0) | (NOISE_SYMBOL[c] ? NOISE : 0);
}

function classify(c: number): number {
  const kind = (c >= 0xd800 && c <= 0xdfff ? SURROGATE : isWordUnit(c) ? WORD : OTHER) | (c > 0xa1 ? SPECIAL : 0);
  unitKind[c] = kind;
  return kind;
}

// Lines of plain ASCII, by far the most common, are scanned as bytes: `TextEncoder.encodeInto` copies
// them natively, and reading a typed array is about twice as fast as `charCodeAt` on the (sliced)
// strings of a split file.
const encoder = new TextEncoder();
const MAX_BYTES_LINE = 1 << 20;
/**
 * The line's bytes start at `PAD`: the bytes before are 0xFF (never ASCII), so the scan can look 4
 * bytes back without a bounds check.
 */
const PAD = 4;
let byteBuffer = new Uint8Array(4096 + PAD).fill(0xff, 0, PAD);
let byteView = byteBuffer.subarray(PAD);

/** The line as bytes (from `PAD` on) when it is all ASCII and not huge, else undefined. */
function asciiBytes(text: string): Uint8Array | undefined {
  const n = text.length;
  if (n > MAX_BYTES_LINE) return undefined;
  if (n > byteView.length) {
    byteBuffer = new Uint8Array(Math.min(MAX_BYTES_LINE, Math.max(n, byteView.length * 2)) + PAD).fill(0xff, 0, PAD);
    byteView = byteBuffer.subarray(PAD);
  }
  const { read, written } = encoder.encodeInto(text, byteView);
  return read === n && written === n ? byteBuffer : undefined;
}

/**
 * `scanWords` for an ASCII line given as bytes (`b[PAD + i]` is `text[i]`): same logic, without
 * surrogates or lazy classification, and with no writes per character in the common case.
 */
function scanAsciiWords(text: string, b: Uint8Array): Repetition[] | undefined {
  const end = text.length + PAD;
  // A line of n characters has at most n/2 + 1 words: room for all of them, then local references.
  while (wordStarts.length < (text.length >> 1) + 2) growWordBuffers();
  const starts = wordStarts;
  const ends = wordEnds;
  const links = linked;
  const keys = wordKeys;
  let runStarts: number[] | undefined;
  let count = 0;
  let pure = false;
  let lastBlank = PAD - 1;
  let longest = 0;
  let seen = 0;
  let p = PAD;
  while (p < end) {
    // A gap.
    for (; p < end; p++) {
      const c = b[p]!;
      const flags = unitKind[c]!;
      const kind = flags & KIND;
      if (kind === WORD) break;
      seen |= flags;
      // The 4th character of a run of one character.
      if (c === b[p - 1] && c === b[p - 2] && c === b[p - 3] && c !== b[p - 4] && kind !== BLANK && !isJsSpace(c)) (runStarts ??= []).push(p - 3 - PAD);
      if (kind !== BLANK) pure = false;
      else {
        if (p - lastBlank > longest) longest = p - lastBlank;
        lastBlank = p;
      }
    }
    if (p >= end) break;
    const start = p;
    starts[count] = p - PAD;
    links[count] = count > 0 && pure ? 1 : 0;
    // A word (ASCII word characters have no flags).
    for (; p < end; p++) {
      const c = b[p]!;
      if (unitKind[c]! !== WORD) break;
      if (c === b[p - 1] && c === b[p - 2] && c === b[p - 3] && c !== b[p - 4] && !(c >= 0x30 && c <= 0x39)) (runStarts ??= []).push(p - 3 - PAD);
    }
    keys[count] = ((p - start) << 16) | (b[start]! | 0x20);
    ends[count++] = p - PAD;
    pure = true;
  }
  wordCount = count;
  scannedStretch = Math.max(longest, end - lastBlank) - 1;
  scannedFlags = seen;
  if (!runStarts) return undefined;
  return runStarts.map((start) => {
    const c = b[start + PAD]!;
    let stop = start + 4;
    while (stop + PAD < end && b[stop + PAD] === c) stop++;
    return { start, end: stop, unit: text[start]!, times: stop - start };
  });
}

/**
 * Fills the word buffers and returns the runs of one character (or undefined): the fast path, for
 * lines without surrogate pairs; returns `SURROGATES` when it meets one.
 */
function scanWords(text: string): Repetition[] | undefined {
  const n = text.length;
  let runStarts: number[] | undefined;
  let count = 0;
  let pure = false; // the gap before the next word is only spaces and tabs
  let prev = -1;
  let run = 0;
  let lastBlank = -1;
  let longest = 0; // longest stretch between blanks, plus one
  let seen = 0; // flags of the characters seen
  let i = 0;
  while (i < n) {
    // A gap: anything but word characters.
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      const flags = unitKind[c] || classify(c);
      const kind = flags & KIND;
      if (kind === WORD) break;
      if (kind === SURROGATE) return SURROGATES;
      seen |= flags;
      if (c === prev) {
        if (++run === 4 && kind !== BLANK && !isJsSpace(c)) (runStarts ??= []).push(i - 3);
      } else {
        prev = c;
        run = 1;
      }
      if (kind !== BLANK) pure = false;
      else {
        if (i - lastBlank > longest) longest = i - lastBlank;
        lastBlank = i;
      }
    }
    if (i >= n) break;
    if (count === wordStarts.length) growWordBuffers();
    wordStarts[count] = i;
    linked[count] = count > 0 && pure ? 1 : 0;
    // A word.
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      const flags = unitKind[c] || classify(c);
      if ((flags & KIND) !== WORD) {
        if ((flags & KIND) === SURROGATE) return SURROGATES;
        break;
      }
      seen |= flags;
      if (c === prev) {
        if (++run === 4 && !(c >= 0x30 && c <= 0x39)) (runStarts ??= []).push(i - 3);
      } else {
        prev = c;
        run = 1;
      }
    }
    const start = wordStarts[count]!;
    wordKeys[count] = ((i - start) << 16) | fold(text.charCodeAt(start));
    wordEnds[count++] = i;
    pure = true;
  }
  wordCount = count;
  scannedStretch = Math.max(longest, n - lastBlank) - 1;
  scannedFlags = seen;
  if (!runStarts) return undefined;
  return runStarts.map((start) => {
    const c = text.charCodeAt(start);
    let end = start + 4;
    while (end < n && text.charCodeAt(end) === c) end++;
    return { start, end, unit: text[start]!, times: end - start };
  });
}

/** `findRepetitionsFast` for lines with surrogate pairs (emoji, rare scripts): one code point at a time. */
function findRepetitionsGeneral(text: string): Repetition[] {
  const n = text.length;
  let found: Repetition[] | undefined;
  let count = 0;
  let pure = false; // the gap since the last word is only spaces and tabs
  let inWord = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1));
    const isWord = pair ? WORD_CHAR.test(text.slice(i, i + 2)) : isWordUnit(c);
    // The run of this character (code point).
    let end = i + 1;
    let times = 1;
    if (!pair) {
      while (end < n && text.charCodeAt(end) === c) {
        end++;
        times++;
      }
    } else {
      const low = text.charCodeAt(i + 1);
      end = i + 2;
      while (end + 1 < n && text.charCodeAt(end) === c && text.charCodeAt(end + 1) === low) {
        end += 2;
        times++;
      }
    }
    if (times >= 4 && !isJsSpace(c) && !(c >= 0x30 && c <= 0x39)) {
      (found ??= []).push({ start: i, end, unit: text.slice(i, pair ? i + 2 : i + 1), times });
    }
    if (isWord) {
      if (!inWord) {
        if (count === wordStarts.length) growWordBuffers();
        wordStarts[count] = i;
        linked[count] = count > 0 && pure ? 1 : 0;
        inWord = true;
      }
    } else {
      if (inWord) {
        wordKeys[count] = ((i - wordStarts[count]!) << 16) | fold(text.charCodeAt(wordStarts[count]!));
        wordEnds[count++] = i;
        inWord = false;
        pure = true;
      }
      if (c !== 0x20 && c !== 0x09) pure = false;
    }
    i = end;
  }
  if (inWord) {
    wordKeys[count] = ((n - wordStarts[count]!) << 16) | fold(text.charCodeAt(wordStarts[count]!));
    wordEnds[count++] = n;
  }
  const words = findWordRepetitions(text, count);
  if (!words) return found ?? [];
  if (!found) return words;
  return words.concat(found).sort((a, b) => a.start - b.start);
}

/**
 * Groups of 1 to 4 words of the word buffers followed by 3 or more copies. `bytes` holds the line
 * when it is ASCII (then the words are compared there).
 */
function findWordRepetitions(text: string, count: number, bytes?: Uint8Array): Repetition[] | undefined {
  let found: Repetition[] | undefined;
  let w = 0;
  while (w + 3 < count) {
    // A repetition of k words needs word w again at w + k: most words have no twin that close.
    const key = wordKeys[w]!;
    if (key !== wordKeys[w + 1] && key !== wordKeys[w + 2] && key !== wordKeys[w + 3] && (w + 4 >= count || key !== wordKeys[w + 4])) {
      w++;
      continue;
    }
    let next = -1;
    for (let k = 1; k <= 4 && w + 4 * k <= count; k++) {
      if (k > 1 && !linked[w + k - 1]) break;
      let copies = 1;
      let at = w + k;
      while (at + k <= count && wordKeys[at] === wordKeys[w] && linked[at] && (bytes ? sameAsciiGroup(bytes, w, at, k) : sameGroup(text, w, at, k))) {
        copies++;
        at += k;
      }
      if (copies >= 4) {
        const start = wordStarts[w]!;
        (found ??= []).push({ start, end: wordEnds[at - 1]!, unit: text.slice(start, wordEnds[w + k - 1]!), times: copies });
        next = at;
        break;
      }
    }
    w = next >= 0 ? next : w + 1;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------

/** Same result as `findUris`; lines without `:/` or `www.` (any case) skip the regular expression. */
export function findUrisFast(text: string): Span[] {
  if (text.indexOf(':/') < 0 && !hasWww(text)) return [];
  return findUris(text);
}

function hasWww(text: string): boolean {
  for (let dot = text.indexOf('.', 3); dot >= 0; dot = text.indexOf('.', dot + 1)) {
    if ((text.charCodeAt(dot - 1) | 0x20) === 0x77 && (text.charCodeAt(dot - 2) | 0x20) === 0x77 && (text.charCodeAt(dot - 3) | 0x20) === 0x77) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------

const ABOVE_A1 = /[^\t\x20-\xA1]/;

/** Same result as `findCharsAbove(text, 0xA1)`; lines of plain Latin-1 text skip the scan. */
export function findCharsAboveA1(text: string): NonAscii[] {
  return ABOVE_A1.test(text) ? findCharsAbove(text, 0xa1) : [];
}

/** English locales (`en`, `en-US`, `en-GB` …). */
export function isEnglishLocale(locale: string): boolean {
  if (locale !== lastLocale) {
    lastLocale = locale;
    lastLocaleIsEnglish = /^en(?:[-_]|$)/i.test(locale);
  }
  return lastLocaleIsEnglish;
}

let lastLocale = 'en-US';
let lastLocaleIsEnglish = true;

// Above U+00A1 and not a letter, mark, number, punctuation or space; or a control character.
const SPECIAL_NON_ENGLISH = /[\0-\x08\x0A-\x1F]|(?![\0-\xA1])[^\p{L}\p{M}\p{N}\p{P}\p{Zs}]/gu;

/**
 * The "special characters above U+00A1" the service warns about in related text. For English
 * locales that is every code point above U+00A1 (and control characters), as documented. For other
 * locales, letters, marks, digits, punctuation and spaces of the language's own script are what the
 * text is made of, so only symbols, emoji, control, format and private-use characters are returned.
 * Runs of one character are merged; `replacement` comes from `asciiReplacements`.
 */
export function findSpecialChars(text: string, locale: string): NonAscii[] {
  if (!ABOVE_A1.test(text)) return [];
  if (isEnglishLocale(locale)) return findCharsAbove(text, 0xa1);
  let found: NonAscii[] | undefined;
  SPECIAL_NON_ENGLISH.lastIndex = 0;
  for (let m = SPECIAL_NON_ENGLISH.exec(text); m; m = SPECIAL_NON_ENGLISH.exec(text)) {
    const char = m[0];
    const start = m.index;
    let end = start + char.length;
    while (text.startsWith(char, end)) end += char.length;
    SPECIAL_NON_ENGLISH.lastIndex = end;
    const replacement = asciiReplacements[char];
    (found ??= []).push({ start, end, char, ...(replacement !== undefined ? { replacement: replacement.repeat((end - start) / char.length) } : {}) });
  }
  return found ?? [];
}

// ---------------------------------------------------------------------------------------------

function isAsciiSymbol(c: number): boolean {
  return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

/**
 * Runs of ASCII punctuation without spaces that hold 3 or more of `# $ % & * + / < = > @ \ ^ _ \` { | } ~ [ ]`:
 * `***`, `==>`, `|---|---|`, `#$%&`, `^_^`. Ordinary punctuation (`...`, `?!`, `."`, `--`, `C++.`, `:-)`)
 * never adds up to 3 of them.
 */
export function findSymbolRuns(text: string): Span[] {
  if (!NOISE_SYMBOL_RE.test(text)) return [];
  let found: Span[] | undefined;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || !NOISE_SYMBOL[c]) continue;
    // Found a noise symbol: take the whole run of symbols around it.
    let start = i;
    while (start > 0 && isAsciiSymbol(text.charCodeAt(start - 1))) start--;
    let end = i + 1;
    let noise = 1;
    for (; end < n; end++) {
      const d = text.charCodeAt(end);
      if (!isAsciiSymbol(d)) break;
      if (NOISE_SYMBOL[d]) noise++;
    }
    // Noise symbols before `i` in the run were seen already (they would have started the run).
    if (noise >= 3) (found ??= []).push({ start, end });
    i = end;
  }
  return found ?? [];
}

/** Runs of non-space characters of `min` characters or more (base64, hashes, glued words). */
export function findLongTokens(text: string, min: number): Span[] {
  const n = text.length;
  if (n < min) return [];
  let found: Span[] | undefined;
  // Jump from space to space (native search); only a stretch of `min` without one needs a look.
  let from = 0;
  while (from < n) {
    let to = text.indexOf(' ', from);
    if (to < 0) to = n;
    if (to - from >= min) found = longTokensIn(text, from, to, min, found);
    from = to + 1;
  }
  return found ?? [];
}

function longTokensIn(text: string, from: number, to: number, min: number, found: Span[] | undefined): Span[] | undefined {
  let start = -1;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 0x20;
    if (c === 0x20 || c === 0x09 || (c >= 0xa0 && isJsSpace(c))) {
      if (start >= 0 && i - start >= min) (found ??= []).push({ start, end: i });
      start = -1;
    } else if (start < 0) {
      start = i;
    }
  }
  return found;
}
