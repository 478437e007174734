/**
 * What each character is to the normalizer: part of a word, an apostrophe, white space or something
 * else (a word break). ASCII is a table lookup; other characters are classified once by a Unicode
 * property test and cached, so scanning text never runs a regular expression per character twice.
 */

/** A letter, combining mark or number (Unicode L, M, N). ASCII digits are told apart by the scanner. */
export const WORD = 1;
/** `'` and the typographic apostrophes ’ ‘ ʼ: kept only between two word characters. */
export const APOSTROPHE = 2;
/** Invisible format characters (ZWJ, ZWNJ, soft hyphen…): kept only between two word characters. */
export const JOINER = 3;
export const SPACE = 4;
export const OTHER = 5;

export type CharKind = typeof WORD | typeof APOSTROPHE | typeof JOINER | typeof SPACE | typeof OTHER;

const ASCII_KINDS = new Uint8Array(128).fill(OTHER);
for (let c = 0; c < 128; c++) {
  const char = String.fromCharCode(c);
  if (/[a-zA-Z0-9]/.test(char)) ASCII_KINDS[c] = WORD;
  else if (/\s/.test(char)) ASCII_KINDS[c] = SPACE;
}
ASCII_KINDS[0x27] = APOSTROPHE;

/** 0 = not classified yet. Filled lazily: most texts use few distinct non-ASCII characters. */
const BMP_KINDS = new Uint8Array(0x10000);
const ASTRAL_KINDS = new Map<number, CharKind>();

const TYPOGRAPHIC_APOSTROPHES = new Set([0x2019, 0x2018, 0x02bc]);

function classify(char: string, codePoint: number): CharKind {
  if (TYPOGRAPHIC_APOSTROPHES.has(codePoint)) return APOSTROPHE;
  if (/[\p{L}\p{M}\p{N}]/u.test(char)) return WORD;
  if (/\s/u.test(char)) return SPACE;
  if (/\p{Cf}/u.test(char)) return JOINER;
  return OTHER;
}

/** The kind of the character at `i` (both halves of a surrogate pair get the pair's kind). */
export function kindAt(text: string, i: number): CharKind {
  const c = text.charCodeAt(i);
  if (c < 0x80) return ASCII_KINDS[c] as CharKind;
  if (c >= 0xd800 && c <= 0xdfff) return surrogateKind(text, i, c);
  let kind = BMP_KINDS[c] as CharKind | 0;
  if (kind === 0) BMP_KINDS[c] = kind = classify(String.fromCharCode(c), c);
  return kind;
}

function surrogateKind(text: string, i: number, c: number): CharKind {
  const start = c <= 0xdbff ? i : i - 1;
  const codePoint = text.codePointAt(start);
  if (codePoint === undefined || codePoint < 0x10000) return OTHER; // a lone surrogate
  let kind = ASTRAL_KINDS.get(codePoint);
  if (kind === undefined) ASTRAL_KINDS.set(codePoint, (kind = classify(String.fromCodePoint(codePoint), codePoint)));
  return kind;
}

/** How many code units the character at `i` takes (2 for the high half of a surrogate pair). */
export function widthAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

export function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isDigitAt(text: string, i: number): boolean {
  return isAsciiDigit(text.charCodeAt(i));
}

/** A letter, mark or number at `i` (ASCII digits included). False past the end. */
export function isWordCharAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && kindAt(text, i) === WORD;
}
