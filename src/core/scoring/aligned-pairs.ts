/** One aligned position: both words, or one side empty for a deletion (no hyp) or an insertion (no ref). */
export interface AlignedPair {
  op: 'C' | 'S' | 'D' | 'I';
  ref?: string;
  hyp?: string;
}

/**
 * Expands a stored alignment (one letter per pair, as ScoreJson writes it) against the space-separated
 * normalized words it was computed from. Cheap enough to run per visible row.
 */
export function alignedPairs(ref: string, hyp: string, alignment: string): AlignedPair[] {
  const refWords = ref === '' ? [] : ref.split(' ');
  const hypWords = hyp === '' ? [] : hyp.split(' ');
  const pairs: AlignedPair[] = [];
  let r = 0;
  let h = 0;
  for (const op of alignment) {
    if (op === 'C' || op === 'S') pairs.push({ op, ref: refWords[r++], hyp: hypWords[h++] });
    else if (op === 'D') pairs.push({ op, ref: refWords[r++] });
    else if (op === 'I') pairs.push({ op, hyp: hypWords[h++] });
    else throw new Error(`Unknown alignment letter '${op}'.`);
  }
  if (r !== refWords.length || h !== hypWords.length) {
    throw new Error(`The alignment covers ${r}/${refWords.length} reference and ${h}/${hypWords.length} hypothesis words.`);
  }
  return pairs;
}
