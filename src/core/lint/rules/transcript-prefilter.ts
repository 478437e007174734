import type { LinePrefilter } from '../rule';
import { abbreviationWords, SPOKEN_FORM_CANDIDATE } from '../spoken-form';

/**
 * A 100,000-line transcript is almost all lines like `call-000123.wav<TAB>can you true my wheel`:
 * one pass over the line's bytes with a table lookup per byte proves that, so the text rules (and
 * the UTF-8 decode) run only on the few lines where something could be wrong. The rules that
 * remember every line's audio name (duplicates, the zip's file count, the audio checks) get the
 * line's head, `call-000123.wav<TAB>`, which is all they read of it.
 *
 * A line is clean when it is empty (every rule skips those), or plain printable ASCII with exactly
 * one tab and:
 * - before the tab, an audio name ending in `.wav` (any case) that starts with no space or `/` and
 *   holds no `\`, `:` or `..` (`transcript/audio-path`);
 * - after it, some text that is not all spaces, without control characters or non-ASCII bytes
 *   (`transcript/non-ascii`, invalid UTF-8, NUL), digits or the symbols `transcript/not-spoken-form`
 *   looks at (`& % + = @ # $ / * < > _ | ~ ^ \`, and `/` of every URI);
 * - no period that may end an abbreviation: after one letter (`U.S.`), or after a word of the
 *   abbreviation table (by hash), unless a letter, digit or `. @ / - '` comes just before the word;
 * - no `www.` (`transcript/uri`);
 * - no character 4 times in a row but spaces, and no word equal (case-insensitively, by hash) to the
 *   word k places before it for 3k words in a row, k = 1…4 (`transcript/repetition`);
 * - at most `LONG_LINE` bytes (`file/huge-line` is far beyond).
 */

const LONG_LINE = 10_000;

const WORD = 1; // [A-Za-z'], a word for `transcript/repetition`
const BLANK = 2; // space
const PLAIN = 3; // punctuation no rule looks at by itself
const TRIGGER = 4; // anything else: some rule may report it
const DOT = 5;

const bodyClass = new Uint8Array(256).fill(TRIGGER);
for (let c = 0x20; c < 0x7f; c++) {
  const char = String.fromCharCode(c);
  bodyClass[c] = /[A-Za-z']/.test(char) ? WORD : char === ' ' ? BLANK : char === '.' ? DOT : SPOKEN_FORM_CANDIDATE.test(char) ? TRIGGER : PLAIN;
}

/** Bytes an audio name may hold here: printable ASCII but `\` and `:`. */
const nameByte = new Uint8Array(256);
for (let c = 0x20; c < 0x7f; c++) nameByte[c] = c === 0x5c || c === 0x3a ? 0 : 1;

/** Letters folded to lower case, hashed. */
function wordHash(word: string): number {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = (Math.imul(hash, 31) + (word.charCodeAt(i) | 0x20)) | 0;
  return hash;
}

const abbreviationHashes = new Set(abbreviationWords.map(wordHash));

/** The longest word `abbreviationEndingAt` looks back over. */
const MAX_ABBREVIATION_LETTERS = 8;

/** Bytes before a word that keep its period from ending an abbreviation: letters, digits, `. @ / - '`. */
const shieldsWord = new Uint8Array(256);
for (let c = 0; c < 0x80; c++) shieldsWord[c] = /[A-Za-z0-9.@/\-']/.test(String.fromCharCode(c)) ? 1 : 0;

function isLetter(c: number): boolean {
  return ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

/** The tab ending the audio name of a clean non-empty line, or -1 when the name may have problems. */
function nameEnd(b: Uint8Array, start: number, end: number): number {
  const first = b[start];
  if (first === 0x20 || first === 0x2f) return -1;
  let p = start;
  for (; p < end; p++) {
    const c = b[p]!;
    if (c === 0x09) break;
    if (nameByte[c] === 0 || (c === 0x2e && b[p + 1] === 0x2e)) return -1;
  }
  if (p === end || p - start < 4) return -1;
  // `.wav`, any case.
  return b[p - 4] === 0x2e && (b[p - 3]! | 0x20) === 0x77 && (b[p - 2]! | 0x20) === 0x61 && (b[p - 1]! | 0x20) === 0x76 ? p : -1;
}

/**
 * The period at `dot` may end an abbreviation or a URI's `www.` (as `abbreviationEndingAt` and
 * `findUrisFast` see the text after the tab at `tab`).
 */
function mayEndAbbreviation(b: Uint8Array, dot: number, tab: number): boolean {
  let start = dot;
  let hash = 0;
  while (dot - start < MAX_ABBREVIATION_LETTERS && isLetter(b[start - 1]!)) start--;
  if (start < dot && shieldsWord[b[start - 1]!] === 0) {
    if (dot - start === 1) return true;
    for (let p = start; p < dot; p++) hash = (Math.imul(hash, 31) + (b[p]! | 0x20)) | 0;
    if (abbreviationHashes.has(hash)) return true;
  }
  // `www.`, any case.
  return dot - tab > 3 && (b[dot - 1]! | 0x20) === 0x77 && (b[dot - 2]! | 0x20) === 0x77 && (b[dot - 3]! | 0x20) === 0x77;
}

/** The tab after the audio name of the last line `isTranscriptLineClean` proved clean. */
let cleanTab = -1;

function isTranscriptLineClean(b: Uint8Array, start: number, end: number): boolean {
  if (end === start) return true;
  if (end - start > LONG_LINE) return false;
  const tab = nameEnd(b, start, end);
  if (tab < 0) return false;
  let text = false; // a byte other than a space after the tab
  // Hashes of the last 4 words (w1 the latest), and how many words in a row equalled the word k back.
  let w1 = 0, w2 = 0, w3 = 0, w4 = 0;
  let same1 = 0, same2 = 0, same3 = 0, same4 = 0;
  let p = tab + 1;
  while (p < end) {
    let c = b[p]!;
    const kind = bodyClass[c]!;
    if (kind === WORD) {
      // The word in a loop of its own, the line's hottest: its hash, and no letter 4 times in a row.
      let hash = c | 0x20;
      let run = 1;
      while (++p < end) {
        const next = b[p]!;
        if (bodyClass[next] !== WORD) break;
        if (next !== c) {
          c = next;
          run = 1;
        } else if (++run === 4) {
          return false;
        }
        hash = (Math.imul(hash, 31) + (next | 0x20)) | 0;
      }
      same1 = hash === w1 ? same1 + 1 : 0;
      same2 = hash === w2 ? same2 + 1 : 0;
      same3 = hash === w3 ? same3 + 1 : 0;
      same4 = hash === w4 ? same4 + 1 : 0;
      if (same1 >= 3 || same2 >= 6 || same3 >= 9 || same4 >= 12) return false;
      w4 = w3;
      w3 = w2;
      w2 = w1;
      w1 = hash;
      text = true;
      continue;
    }
    if (kind !== BLANK) {
      if (kind === TRIGGER) return false;
      // Punctuation 4 times in a row (`!!!!`, `....`).
      if (p - tab > 3 && b[p - 1] === c && b[p - 2] === c && b[p - 3] === c) return false;
      if (kind === DOT && mayEndAbbreviation(b, p, tab)) return false;
      text = true;
    }
    p++;
  }
  cleanTab = tab;
  return text;
}

/** The head of the clean line `isTranscriptLineClean` just saw: its audio name and the tab after it (nothing for an empty line). */
function transcriptLineHead(_b: Uint8Array, start: number, end: number): number {
  return end === start ? start : cleanTab + 1;
}

export const transcriptPrefilter: LinePrefilter = {
  kind: 'transcript',
  // Listed, not derived from the rule list: a new rule stays unskipped until this test knows its problems.
  // The locale rules of ja-JP and zh-CN are not listed: those transcripts are checked line by line.
  covers: new Set([
    'file/binary',
    'file/invalid-utf8',
    'file/huge-line',
    'transcript/whitespace-only-line',
    'transcript/missing-tab',
    'transcript/extra-tab',
    'transcript/missing-audio-name',
    'transcript/empty-text',
    'transcript/audio-name-whitespace',
    'transcript/audio-path',
    'transcript/audio-not-wav',
    'transcript/non-ascii',
    'transcript/missing-bom',
    'transcript/repetition',
    'transcript/not-spoken-form',
    'transcript/uri',
    // These read only the head of a clean line.
    'transcript/duplicate-audio',
    'transcript/too-many-files',
    'transcript/audio-missing',
    'transcript/audio-format',
    'transcript/audio-empty',
    'transcript/audio-too-long-for-training',
    'transcript/audio-too-long',
    'transcript/all-audio-too-long-for-training',
    'transcript/audio-without-transcript',
  ]),
  isClean: isTranscriptLineClean,
  headEnd: transcriptLineHead,
};
