import { align, CORRECT, DELETION, editCounts, INSERTION, type EditCounts } from './align';
import type { Vocabulary } from './vocabulary';

/**
 * Character edit counts for the CER: the code points of the normalized words, spaces excluded (so
 * languages written without spaces score the same way), aligned with the same rules as words.
 *
 * Utterances up to `WHOLE_UTTERANCE_CELLS` (about 4,000 × 4,000 characters) are aligned as one
 * character sequence. Longer ones are aligned stretch by stretch between the words the word alignment
 * found correct, which keeps a 10,000-word pair linear in time; the counts can then be a little
 * higher than a global character alignment would give.
 */

export const WHOLE_UTTERANCE_CELLS = 1 << 24;

export function characterCounts(ref: Int32Array, hyp: Int32Array, ops: Uint8Array, vocabulary: Vocabulary): EditCounts {
  const refChars = codePoints(ref, 0, ref.length, vocabulary);
  const hypChars = codePoints(hyp, 0, hyp.length, vocabulary);
  if (refChars.length * hypChars.length <= WHOLE_UTTERANCE_CELLS) return countsOf(refChars, hypChars);
  const total: EditCounts = { correct: 0, substitutions: 0, deletions: 0, insertions: 0 };
  let i = 0;
  let j = 0;
  let stretchRef = 0;
  let stretchHyp = 0;
  const flush = () => {
    if (i > stretchRef || j > stretchHyp) add(total, stretchCounts(ref, stretchRef, i, hyp, stretchHyp, j, vocabulary));
  };
  for (const op of ops) {
    if (op === CORRECT) {
      flush();
      total.correct += [...vocabulary.word(ref[i]!)].length;
      stretchRef = i + 1;
      stretchHyp = j + 1;
    }
    if (op !== INSERTION) i++;
    if (op !== DELETION) j++;
  }
  flush();
  return total;
}

function stretchCounts(ref: Int32Array, r0: number, r1: number, hyp: Int32Array, h0: number, h1: number, vocabulary: Vocabulary): EditCounts {
  const a = codePoints(ref, r0, r1, vocabulary);
  const b = codePoints(hyp, h0, h1, vocabulary);
  if (a.length * b.length <= WHOLE_UTTERANCE_CELLS) return countsOf(a, b);
  // A stretch without a single correct word, thousands of characters long: pair the characters of
  // each substituted word only.
  const total: EditCounts = { correct: 0, substitutions: 0, deletions: 0, insertions: 0 };
  const words = align(ref.subarray(r0, r1), hyp.subarray(h0, h1)).ops;
  let i = r0;
  let j = h0;
  for (const op of words) {
    const x = op !== INSERTION ? codePoints(ref, i, i + 1, vocabulary) : [];
    const y = op !== DELETION ? codePoints(hyp, j, j + 1, vocabulary) : [];
    add(total, countsOf(x, y));
    if (op !== INSERTION) i++;
    if (op !== DELETION) j++;
  }
  return total;
}

function countsOf(a: ArrayLike<number>, b: ArrayLike<number>): EditCounts {
  return editCounts(a, b);
}

function add(total: EditCounts, part: EditCounts): void {
  total.correct += part.correct;
  total.substitutions += part.substitutions;
  total.deletions += part.deletions;
  total.insertions += part.insertions;
}

function codePoints(words: Int32Array, from: number, to: number, vocabulary: Vocabulary): number[] {
  const out: number[] = [];
  for (let w = from; w < to; w++) {
    const word = vocabulary.word(words[w]!);
    for (let k = 0; k < word.length; k++) {
      const c = word.codePointAt(k)!;
      out.push(c);
      if (c > 0xffff) k++;
    }
  }
  return out;
}
