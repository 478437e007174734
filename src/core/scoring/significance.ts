import type { UtteranceScore } from './score';

/**
 * Is system B really better than system A on the same utterances? A paired bootstrap (Bisani & Ney,
 * 2004): draw the test set's utterances with replacement `samples` times, and compute on each draw
 * the WER difference A − B (errors and words of the same drawn utterances). The share of draws where
 * B is better estimates the probability that it is; the 2.5th and 97.5th percentiles bound the
 * difference with 95 % confidence. The generator is seeded, so a report is reproducible.
 */

export interface Comparison {
  method: 'paired-bootstrap';
  samples: number;
  seed: number;
  /** WER of A minus WER of B on the whole set: positive when B makes fewer errors. */
  werDifference: number;
  /** 95 % confidence interval of that difference. */
  confidenceInterval: [number, number];
  /** Share of the draws in which B's WER is lower than A's. */
  probabilityBBetter: number;
  verdict: 'b-better' | 'a-better' | 'no-significant-difference';
}

export const BOOTSTRAP_SAMPLES = 1000;
export const BOOTSTRAP_SEED = 20041;

/** What the bootstrap reads of an utterance: a scored one, or one of a stored score (ScoreJson). */
export type UtteranceCounts = Pick<UtteranceScore, 'id' | 'correct' | 'substitutions' | 'deletions' | 'insertions'>;

export function compareSystems(a: readonly UtteranceCounts[], b: readonly UtteranceCounts[], samples = BOOTSTRAP_SAMPLES, seed = BOOTSTRAP_SEED): Comparison {
  if (a.length !== b.length) throw new Error('Both systems must be scored on the same utterances.');
  const n = a.length;
  const errorsA = new Float64Array(n);
  const errorsB = new Float64Array(n);
  const words = new Float64Array(n);
  let totalA = 0, totalB = 0, totalWords = 0;
  for (let i = 0; i < n; i++) {
    if (a[i]!.id !== b[i]!.id) throw new Error(`Utterance ${i} differs between the systems (${a[i]!.id}, ${b[i]!.id}).`);
    errorsA[i] = a[i]!.substitutions + a[i]!.deletions + a[i]!.insertions;
    errorsB[i] = b[i]!.substitutions + b[i]!.deletions + b[i]!.insertions;
    words[i] = a[i]!.correct + a[i]!.substitutions + a[i]!.deletions;
    totalA += errorsA[i]!;
    totalB += errorsB[i]!;
    totalWords += words[i]!;
  }
  const differences = new Float64Array(samples);
  let bBetter = 0;
  const random = mulberry32(seed);
  for (let s = 0; s < samples; s++) {
    let ea = 0, eb = 0, w = 0;
    for (let k = 0; k < n; k++) {
      const i = Math.floor(random() * n);
      ea += errorsA[i]!;
      eb += errorsB[i]!;
      w += words[i]!;
    }
    const difference = w > 0 ? (ea - eb) / w : 0;
    differences[s] = difference;
    if (difference > 0) bBetter++;
  }
  differences.sort();
  const low = differences[Math.floor(0.025 * (samples - 1))] ?? 0;
  const high = differences[Math.ceil(0.975 * (samples - 1))] ?? 0;
  return {
    method: 'paired-bootstrap',
    samples,
    seed,
    werDifference: totalWords > 0 ? (totalA - totalB) / totalWords : 0,
    confidenceInterval: [low, high],
    probabilityBBetter: samples ? bBetter / samples : 0,
    verdict: low > 0 ? 'b-better' : high < 0 ? 'a-better' : 'no-significant-difference',
  };
}

/** A small, fast, seedable generator (Mulberry32): Math.random cannot be seeded. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
