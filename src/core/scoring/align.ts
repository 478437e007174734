/**
 * Minimum edit distance alignment of two token sequences (word or character ids), the way NIST
 * sclite aligns, with its tie-breaking made explicit:
 *
 * 1. Fewest errors (substitutions + deletions + insertions): the WER the service defines.
 * 2. Among those, fewest substitutions — which is what sclite's weights (substitution 4, deletion
 *    and insertion 3) choose whenever its alignment also has the fewest errors: with E errors and S
 *    substitutions its cost is 3E + S. With equal E and S, deletions and insertions are fixed too
 *    (D − I = reference length − hypothesis length), so every alignment chosen here has the same
 *    counts; only where the words are paired may differ.
 * 3. Where several alignments still tie, equal leading and trailing tokens are paired, and then the
 *    backtrace (from the end) prefers the diagonal (correct or substitution), then a deletion, then
 *    an insertion.
 *
 * Memory is linear: pairs up to `FULL_TABLE_CELLS` cells use a table of backpointers; longer ones
 * are split Hirschberg-style (cost rows forwards and backwards meet at the best split) until the parts
 * fit, so a 10,000-word pair needs a few hundred kilobytes, not 100 M cells.
 */

export const CORRECT = 0;
export const SUBSTITUTION = 1;
export const DELETION = 2;
export const INSERTION = 3;
export type EditOp = typeof CORRECT | typeof SUBSTITUTION | typeof DELETION | typeof INSERTION;

export interface EditCounts {
  correct: number;
  substitutions: number;
  deletions: number;
  insertions: number;
}

export interface Alignment extends EditCounts {
  /** One op per aligned pair, in order: CORRECT/SUBSTITUTION pair a ref and a hyp token, DELETION a ref token, INSERTION a hyp token. */
  ops: Uint8Array;
}

type Tokens = ArrayLike<number>;

export const FULL_TABLE_CELLS = 1 << 22;

/** Aligns `ref` with `hyp` (token ids; equal ids are equal tokens). */
export function align(ref: Tokens, hyp: Tokens, fullTableCells = FULL_TABLE_CELLS): Alignment {
  const { start, refEnd, hypEnd } = unequalMiddle(ref, hyp);
  const ops: number[] = new Array<number>(start).fill(CORRECT);
  alignRange(ref, start, refEnd, hyp, start, hypEnd, ops, fullTableCells);
  for (let k = refEnd; k < ref.length; k++) ops.push(CORRECT);
  return withCounts(Uint8Array.from(ops));
}

/**
 * The part of `ref` and `hyp` left once their equal leading and trailing tokens are set aside
 * (`[start, refEnd)` and `[start, hypEnd)`). An optimal alignment can always pair those: pairing equal
 * first tokens never adds an error or a substitution.
 */
function unequalMiddle(ref: Tokens, hyp: Tokens): { start: number; refEnd: number; hypEnd: number } {
  let start = 0;
  let refEnd = ref.length;
  let hypEnd = hyp.length;
  while (start < refEnd && start < hypEnd && ref[start] === hyp[start]) start++;
  while (refEnd > start && hypEnd > start && ref[refEnd - 1] === hyp[hypEnd - 1]) {
    refEnd--;
    hypEnd--;
  }
  return { start, refEnd, hypEnd };
}

/** Counts of an op sequence. */
export function withCounts(ops: Uint8Array): Alignment {
  const counts = [0, 0, 0, 0];
  for (const op of ops) counts[op]!++;
  return { ops, correct: counts[CORRECT]!, substitutions: counts[SUBSTITUTION]!, deletions: counts[DELETION]!, insertions: counts[INSERTION]! };
}

// Costs: errors count K each and a substitution one more, with K larger than any number of
// substitutions, so a total orders alignments by errors, then substitutions.
function costs(n: number, m: number): { gap: number; sub: number } {
  const k = n + m + 1;
  return { gap: k, sub: k + 1 };
}

function alignRange(ref: Tokens, r0: number, r1: number, hyp: Tokens, h0: number, h1: number, out: number[], fullTableCells: number): void {
  const n = r1 - r0;
  const m = h1 - h0;
  if (n === 0 || m === 0) {
    for (let i = 0; i < n; i++) out.push(DELETION);
    for (let j = 0; j < m; j++) out.push(INSERTION);
    return;
  }
  if ((n + 1) * (m + 1) <= fullTableCells) return alignWithTable(ref, r0, r1, hyp, h0, h1, out);
  // Split the reference in half; find where the best path crosses that row.
  const mid = r0 + (n >> 1);
  const { gap, sub } = costs(ref.length, hyp.length);
  const forward = costRow(ref, r0, mid, hyp, h0, h1, gap, sub, false);
  const backward = costRow(ref, mid, r1, hyp, h0, h1, gap, sub, true);
  let best = 0;
  let bestCost = Infinity;
  for (let j = 0; j <= m; j++) {
    const total = forward[j]! + backward[m - j]!;
    if (total < bestCost) {
      bestCost = total;
      best = j;
    }
  }
  alignRange(ref, r0, mid, hyp, h0, h0 + best, out, fullTableCells);
  alignRange(ref, mid, r1, hyp, h0 + best, h1, out, fullTableCells);
}

/**
 * The last row of the cost table of `ref[r0, r1)` against `hyp[h0, h1)`: entry j is the cost of
 * aligning the reference range with the first j hypothesis tokens (or, `reversed`, the last j, both
 * sequences read backwards).
 */
function costRow(ref: Tokens, r0: number, r1: number, hyp: Tokens, h0: number, h1: number, gap: number, sub: number, reversed: boolean): Float64Array {
  const m = h1 - h0;
  let previous = new Float64Array(m + 1);
  let current = new Float64Array(m + 1);
  for (let j = 0; j <= m; j++) previous[j] = j * gap;
  for (let step = 0; step < r1 - r0; step++) {
    const token = ref[reversed ? r1 - 1 - step : r0 + step]!;
    current[0] = previous[0]! + gap;
    for (let j = 1; j <= m; j++) {
      const other = hyp[reversed ? h1 - j : h0 + j - 1]!;
      const diagonal = previous[j - 1]! + (token === other ? 0 : sub);
      const deletion = previous[j]! + gap;
      const insertion = current[j - 1]! + gap;
      current[j] = Math.min(diagonal, deletion, insertion);
    }
    [previous, current] = [current, previous];
  }
  return previous;
}

// Reused between calls: most utterances are short, and allocation would dominate.
let table = new Float64Array(1024);
let moves = new Uint8Array(1024);

function alignWithTable(ref: Tokens, r0: number, r1: number, hyp: Tokens, h0: number, h1: number, out: number[]): void {
  const n = r1 - r0;
  const m = h1 - h0;
  const width = m + 1;
  const cells = (n + 1) * width;
  if (table.length < cells) {
    table = new Float64Array(Math.max(cells, table.length * 2));
    moves = new Uint8Array(table.length);
  }
  const { gap, sub } = costs(ref.length, hyp.length);
  for (let j = 0; j <= m; j++) {
    table[j] = j * gap;
    moves[j] = INSERTION;
  }
  for (let i = 1; i <= n; i++) {
    const row = i * width;
    const above = row - width;
    const token = ref[r0 + i - 1]!;
    table[row] = i * gap;
    moves[row] = DELETION;
    for (let j = 1; j <= m; j++) {
      const same = token === hyp[h0 + j - 1];
      let best = table[above + j - 1]! + (same ? 0 : sub);
      let move: number = same ? CORRECT : SUBSTITUTION;
      // Strictly better only: the backtrace keeps the diagonal, then the deletion, on ties.
      const deletion = table[above + j]! + gap;
      if (deletion < best) {
        best = deletion;
        move = DELETION;
      }
      const insertion = table[row + j - 1]! + gap;
      if (insertion < best) {
        best = insertion;
        move = INSERTION;
      }
      table[row + j] = best;
      moves[row + j] = move;
    }
  }
  const start = out.length;
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const move = moves[i * width + j]!;
    out.push(move);
    if (move === INSERTION) j--;
    else if (move === DELETION) i--;
    else {
      i--;
      j--;
    }
  }
  // Pushed backwards: reverse this call's part.
  for (let a = start, b = out.length - 1; a < b; a++, b--) [out[a], out[b]] = [out[b]!, out[a]!];
}

/**
 * The counts `align` would give, without the alignment: for character counts, where only the
 * numbers matter. A common prefix and suffix are matched first (`unequalMiddle`), then two rows of
 * costs E·K + S give the errors E and substitutions S, and D − I = n − m fixes the rest.
 */
export function editCounts(ref: Tokens, hyp: Tokens): EditCounts {
  const { start, refEnd, hypEnd } = unequalMiddle(ref, hyp);
  const n = refEnd - start;
  const m = hypEnd - start;
  const matched = ref.length - n;
  if (n === 0 || m === 0) return { correct: matched, substitutions: 0, deletions: n, insertions: m };
  const k = n + m + 1;
  const total = costOfRange(ref, start, refEnd, hyp, start, hypEnd, k, (n + m) * (k + 1) < 2 ** 31);
  const errors = Math.floor(total / k);
  const substitutions = total - errors * k;
  const deletions = (errors - substitutions + n - m) / 2;
  const insertions = errors - substitutions - deletions;
  return { correct: matched + n - substitutions - deletions, substitutions, deletions, insertions };
}

let rowA = new Int32Array(256);
let rowB = new Int32Array(256);

function costOfRange(ref: Tokens, r0: number, r1: number, hyp: Tokens, h0: number, h1: number, gap: number, fitsInt32: boolean): number {
  const m = h1 - h0;
  if (!fitsInt32) return costRow(ref, r0, r1, hyp, h0, h1, gap, gap + 1, false)[m]!;
  if (rowA.length <= m) {
    rowA = new Int32Array(2 * (m + 1));
    rowB = new Int32Array(2 * (m + 1));
  }
  let previous = rowA;
  let current = rowB;
  const sub = gap + 1;
  for (let j = 0; j <= m; j++) previous[j] = j * gap;
  for (let i = r0; i < r1; i++) {
    const token = ref[i];
    let left = previous[0]! + gap;
    current[0] = left;
    for (let j = 1; j <= m; j++) {
      const diagonal = previous[j - 1]! + (token === hyp[h0 + j - 1] ? 0 : sub);
      const up = previous[j]! + gap;
      const best = diagonal < up ? diagonal : up;
      left = best < left + gap ? best : left + gap;
      current[j] = left;
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[m]!;
}
