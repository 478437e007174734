/**
 * Character-level checks shared by several file kinds. All are single linear scans, so a 10 MB line
 * costs milliseconds, not minutes.
 */

export interface Span {
  start: number;
  end: number;
}

const URI = /\b(?:(?:https?|ftp|file|mailto|wss?):\/\/?|www\.)[^\s"'<>]+/gi;

/** URIs (`https://…`, `www.…`): the service rejects or mis-trains on them. */
export function findUris(text: string): Span[] {
  return spans(URI, text);
}

export interface Repetition extends Span {
  /** The repeated unit: one character, a word or a few words. */
  unit: string;
  times: number;
}

// A word or group of up to 4 words, then the same group 3 more times or more (case-insensitive).
const REPEATED_WORDS = /(?<![\p{L}\p{N}'])([\p{L}\p{N}']+(?:[ \t]+[\p{L}\p{N}']+){0,3}?)(?:[ \t]+\1(?![\p{L}\p{N}'])){3,}/giu;
// A non-space, non-digit character 4 times or more in a row ("soooo", "!!!!"); numbers have their own rule.
const REPEATED_CHAR = /([^\s\d])\1{3,}/gu;

/** Characters, words or phrases repeated more than 3 times in a row: the service may drop such lines. */
export function findRepetitions(text: string): Repetition[] {
  const found: Repetition[] = [];
  for (const m of text.matchAll(REPEATED_WORDS)) {
    const unit = m[1]!;
    const words = unit.split(/[ \t]+/).length;
    const times = m[0].split(/[ \t]+/).length / words;
    found.push({ start: m.index!, end: m.index! + m[0].length, unit, times });
  }
  for (const m of text.matchAll(REPEATED_CHAR)) {
    found.push({ start: m.index!, end: m.index! + m[0].length, unit: m[1]!, times: [...m[0]].length });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Typographic characters that word processors insert, with the plain ASCII the service expects in
 * en-US transcripts (the documentation replaces an em dash by `--`).
 */
export const asciiReplacements: Readonly<Record<string, string>> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"',
  '\u2013': '-', '\u2014': '--', '\u2012': '-', '\u2010': '-', '\u2011': '-', '\u2212': '-',
  '\u2026': '...',
  '\u00A0': ' ', '\u2002': ' ', '\u2003': ' ', '\u2009': ' ', '\u202F': ' ', '\u200B': '',
};

export interface NonAscii extends Span {
  char: string;
  /** ASCII to write instead, when there is an unambiguous one. */
  replacement?: string;
}

/** Characters outside printable ASCII (and tab), grouped into runs of the same character. */
export function findNonAscii(text: string): NonAscii[] {
  return findCharsAbove(text, 0x7e);
}

/** Characters whose code point is above `max`, runs of one character merged. */
export function findCharsAbove(text: string, max: number): NonAscii[] {
  // Most lines have none: one native regular-expression test skips the character loop.
  if (!outsideRange(max).test(text)) return [];
  const found: NonAscii[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= max && (code >= 0x20 || code === 0x09)) continue;
    const char = String.fromCodePoint(text.codePointAt(i)!);
    let end = i + char.length;
    while (text.startsWith(char, end)) end += char.length;
    const replacement = asciiReplacements[char];
    found.push({ start: i, end, char, ...(replacement !== undefined ? { replacement: replacement.repeat((end - i) / char.length) } : {}) });
    i = end - 1;
  }
  return found;
}

const outsideRanges = new Map<number, RegExp>();

function outsideRange(max: number): RegExp {
  let pattern = outsideRanges.get(max);
  if (!pattern) {
    pattern = new RegExp(`[^\\t\\x20-\\u{${max.toString(16)}}]`, 'u');
    outsideRanges.set(max, pattern);
  }
  return pattern;
}

/** `U+2019 RIGHT SINGLE QUOTATION MARK`-style label for messages (name only for common ones). */
export function describeChar(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = charNames[char];
  return name ? `${code} ${name}` : code;
}

const charNames: Record<string, string> = {
  '\u2018': 'left single quotation mark', '\u2019': 'right single quotation mark',
  '\u201C': 'left double quotation mark', '\u201D': 'right double quotation mark',
  '\u2013': 'en dash', '\u2014': 'em dash', '\u2026': 'ellipsis', '\u00A0': 'no-break space',
  '\u200B': 'zero-width space', '\uFFFD': 'replacement character', '\u0000': 'NUL',
};

function spans(pattern: RegExp, text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(pattern)) out.push({ start: m.index!, end: m.index! + m[0].length });
  return out;
}
