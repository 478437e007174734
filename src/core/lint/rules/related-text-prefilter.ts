import type { LinePrefilter } from '../rule';
import { LONG_LINE, LONG_TOKEN } from './related-text';

/**
 * Related-text files run to 200 MB of ordinary sentences, and almost every line is clean: one pass
 * over the line's bytes with a table lookup per byte proves that, so the rules (and the UTF-8 decode)
 * run only on the few lines where something could be wrong.
 *
 * A line is clean when it is plain printable ASCII, none of it is something a rule looks for, and:
 * - no byte is a control character, non-ASCII (special characters, invalid UTF-8), a noise symbol
 *   (`# $ % & * + / < = > @ \ ^ _ \` { | } ~ [ ]`: symbol runs, markup, entities, `://` of URIs);
 * - no `www.` (URIs without a scheme);
 * - no character 4 times in a row, except spaces, tabs and digits (as `findRepetitions`);
 * - no word equal (case-insensitively, by hash) to the word k places before it for 3k words in a
 *   row, k = 1…4: what 4 copies of a group of k words need;
 * - no stretch of `LONG_TOKEN` characters without a space or tab, and at most `LONG_LINE` bytes.
 */

const WORD = 1; // [A-Za-z0-9']
const BLANK = 2; // space, tab
const PLAIN = 3; // punctuation no rule looks at by itself
const TRIGGER = 4; // anything else: some rule may report it
const DOT = 5;

const byteClass = new Uint8Array(256).fill(TRIGGER);
for (let c = 0x20; c < 0x7f; c++) {
  const char = String.fromCharCode(c);
  byteClass[c] = /[A-Za-z0-9']/.test(char) ? WORD : /[!"(),\-:;?]/.test(char) || c === 0x20 ? PLAIN : TRIGGER;
}
byteClass[0x20] = BLANK;
byteClass[0x09] = BLANK;
byteClass[0x2e] = DOT;

function isRelatedTextLineClean(b: Uint8Array, start: number, end: number): boolean {
  if (end - start > LONG_LINE) return false;
  let prev = -1;
  let run = 0;
  let token = 0; // characters since the last blank
  let hash = 0;
  let inWord = false;
  // Hashes of the last 4 words (w1 the latest), and how many words in a row equalled the word k back.
  let w1 = 0, w2 = 0, w3 = 0, w4 = 0;
  let same1 = 0, same2 = 0, same3 = 0, same4 = 0;
  for (let p = start; p <= end; p++) {
    const c = p < end ? b[p]! : 0x20;
    const kind = byteClass[c]!;
    if (c === prev) {
      if (++run === 4 && kind !== BLANK && !(c >= 0x30 && c <= 0x39)) return false;
    } else {
      prev = c;
      run = 1;
    }
    if (kind === WORD) {
      hash = (Math.imul(hash, 31) + (c | 0x20)) | 0;
      inWord = true;
      if (++token >= LONG_TOKEN) return false;
      continue;
    }
    if (inWord) {
      same1 = hash === w1 ? same1 + 1 : 0;
      same2 = hash === w2 ? same2 + 1 : 0;
      same3 = hash === w3 ? same3 + 1 : 0;
      same4 = hash === w4 ? same4 + 1 : 0;
      if (same1 >= 3 || same2 >= 6 || same3 >= 9 || same4 >= 12) return false;
      w4 = w3;
      w3 = w2;
      w2 = w1;
      w1 = hash;
      hash = 0;
      inWord = false;
    }
    if (kind === BLANK) {
      token = 0;
      continue;
    }
    if (kind === TRIGGER) return false;
    if (++token >= LONG_TOKEN) return false;
    // `www.`, any case.
    if (kind === DOT && p - start >= 3 && (b[p - 1]! | 0x20) === 0x77 && (b[p - 2]! | 0x20) === 0x77 && (b[p - 3]! | 0x20) === 0x77) return false;
  }
  return true;
}

export const relatedTextPrefilter: LinePrefilter = {
  kind: 'related-text',
  // Listed, not derived from the rule list: a new rule stays unskipped until this test knows its problems.
  covers: new Set([
    'file/binary',
    'file/invalid-utf8',
    'file/huge-line',
    'related-text/missing-bom',
    'related-text/special-char',
    'related-text/uri',
    'related-text/repetition',
    'related-text/markup',
    'related-text/symbol-run',
    'related-text/long-token',
    'related-text/long-line',
    'related-text/file-too-large',
  ]),
  isClean: isRelatedTextLineClean,
};
