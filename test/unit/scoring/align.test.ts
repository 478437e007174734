import * as assert from 'node:assert/strict';
import { align, CORRECT, DELETION, editCounts, INSERTION, SUBSTITUTION, type Alignment } from '../../../src/core/scoring/align';

function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function randomTokens(rnd: () => number, length: number, vocabulary: number): number[] {
  return Array.from({ length }, () => Math.floor(rnd() * vocabulary));
}

/** A hypothesis made from `ref` by random substitutions, deletions and insertions. */
function corrupt(rnd: () => number, ref: readonly number[], vocabulary: number, rate = 0.2): number[] {
  const out: number[] = [];
  for (const token of ref) {
    const p = rnd();
    if (p < rate / 3) continue;
    out.push(p < (2 * rate) / 3 ? Math.floor(rnd() * vocabulary) : token);
    if (rnd() < rate / 3) out.push(Math.floor(rnd() * vocabulary));
  }
  return out;
}

/** Plain Levenshtein distance and, among the cheapest alignments, the fewest substitutions. */
function reference(a: readonly number[], b: readonly number[]): { errors: number; substitutions: number } {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const cost: [number, number][][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => [i + j, 0] as [number, number]));
  const less = (x: [number, number], y: [number, number]) => x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const same = a[i - 1] === b[j - 1];
      let best: [number, number] = [cost[i - 1]![j - 1]![0] + (same ? 0 : 1), cost[i - 1]![j - 1]![1] + (same ? 0 : 1)];
      for (const other of [cost[i - 1]![j]!, cost[i]![j - 1]!]) {
        const candidate: [number, number] = [other[0] + 1, other[1]];
        if (less(candidate, best)) best = candidate;
      }
      cost[i]![j] = best;
    }
  }
  const [errors, substitutions] = cost[a.length]![b.length]!;
  return { errors, substitutions };
}

/** The alignment is a valid edit script from ref to hyp, and its counts are its ops. */
function assertConsistent(ref: readonly number[], hyp: readonly number[], alignment: Alignment): void {
  let i = 0;
  let j = 0;
  const counts = [0, 0, 0, 0];
  for (const op of alignment.ops) {
    counts[op]!++;
    if (op === CORRECT) assert.equal(ref[i], hyp[j]);
    if (op === SUBSTITUTION) assert.notEqual(ref[i], hyp[j]);
    if (op !== INSERTION) i++;
    if (op !== DELETION) j++;
  }
  assert.equal(i, ref.length);
  assert.equal(j, hyp.length);
  assert.deepEqual(counts, [alignment.correct, alignment.substitutions, alignment.deletions, alignment.insertions]);
}

const errorsOf = (a: Alignment) => a.substitutions + a.deletions + a.insertions;

describe('align', () => {
  it('gives no errors for identical texts', () => {
    const rnd = random(1);
    for (let k = 0; k < 200; k++) {
      const ref = randomTokens(rnd, Math.floor(rnd() * 30), 20);
      const alignment = align(ref, ref);
      assert.equal(errorsOf(alignment), 0);
      assert.equal(alignment.correct, ref.length);
    }
  });

  it('counts every reference word deleted against an empty hypothesis, and inserted the other way', () => {
    const ref = [1, 2, 3, 2];
    assert.deepEqual({ ...align(ref, []), ops: undefined }, { ops: undefined, correct: 0, substitutions: 0, deletions: 4, insertions: 0 });
    assert.deepEqual({ ...align([], ref), ops: undefined }, { ops: undefined, correct: 0, substitutions: 0, deletions: 0, insertions: 4 });
    assert.deepEqual(align([], []).ops, new Uint8Array(0));
  });

  it('swapping reference and hypothesis swaps deletions and insertions', () => {
    const rnd = random(2);
    for (let k = 0; k < 500; k++) {
      const ref = randomTokens(rnd, Math.floor(rnd() * 25), 8);
      const hyp = corrupt(rnd, ref, 8, 0.5);
      const forward = align(ref, hyp);
      const backward = align(hyp, ref);
      assert.equal(forward.deletions, backward.insertions);
      assert.equal(forward.insertions, backward.deletions);
      assert.equal(forward.substitutions, backward.substitutions);
    }
  });

  it('finds the minimum edit distance, and the fewest substitutions among those (sclite weights)', () => {
    const rnd = random(3);
    for (let k = 0; k < 2000; k++) {
      const ref = randomTokens(rnd, Math.floor(rnd() * 12), 4);
      const hyp = rnd() < 0.5 ? corrupt(rnd, ref, 4, 0.6) : randomTokens(rnd, Math.floor(rnd() * 12), 4);
      const alignment = align(ref, hyp);
      assertConsistent(ref, hyp, alignment);
      const expected = reference(ref, hyp);
      assert.equal(errorsOf(alignment), expected.errors, JSON.stringify({ ref, hyp }));
      assert.equal(alignment.substitutions, expected.substitutions, JSON.stringify({ ref, hyp }));
    }
  });

  it('prefers a deletion and an insertion to two substitutions when both cost two errors', () => {
    // "a b" -> "b c": sclite aligns a:deleted, b:correct, c:inserted (cost 6) over two substitutions (cost 8).
    const alignment = align([1, 2], [2, 3]);
    assert.deepEqual([...alignment.ops], [DELETION, CORRECT, INSERTION]);
  });

  it('gives the same counts when long pairs are split (linear memory) as with the full table', () => {
    const rnd = random(4);
    for (let k = 0; k < 100; k++) {
      const ref = randomTokens(rnd, 20 + Math.floor(rnd() * 200), 30);
      const hyp = corrupt(rnd, ref, 30, 0.4);
      const full = align(ref, hyp);
      const split = align(ref, hyp, 16);
      assertConsistent(ref, hyp, split);
      assert.deepEqual([split.correct, split.substitutions, split.deletions, split.insertions], [full.correct, full.substitutions, full.deletions, full.insertions]);
    }
  });

  it('aligns a 10,000-word pair without a quadratic table', () => {
    const rnd = random(5);
    const ref = randomTokens(rnd, 10_000, 2000);
    const hyp = corrupt(rnd, ref, 2000, 0.15);
    const before = process.memoryUsage().arrayBuffers;
    const alignment = align(ref, hyp);
    assertConsistent(ref, hyp, alignment);
    // A full table of doubles would be 800 MB; the split keeps the biggest piece at FULL_TABLE_CELLS.
    assert.ok(process.memoryUsage().arrayBuffers - before < 100e6, 'used a quadratic amount of memory');
    assert.ok(errorsOf(alignment) > 1000 && errorsOf(alignment) < 2500, String(errorsOf(alignment)));
  });
});

describe('editCounts', () => {
  it('gives the counts of align without the alignment', () => {
    const rnd = random(6);
    for (let k = 0; k < 3000; k++) {
      const ref = randomTokens(rnd, Math.floor(rnd() * 30), 4);
      const hyp = rnd() < 0.5 ? corrupt(rnd, ref, 4, 0.5) : randomTokens(rnd, Math.floor(rnd() * 30), 4);
      const { correct, substitutions, deletions, insertions } = align(ref, hyp);
      assert.deepEqual(editCounts(ref, hyp), { correct, substitutions, deletions, insertions }, JSON.stringify({ ref, hyp }));
    }
  });
});
