/**
 * A 3-gram language model with interpolated Kneser-Ney smoothing (Chen & Goodman), written as ARPA
 * for PocketSphinx. Built from the domain's sentences; at decode time it is interpolated with the
 * generic model, which keeps the rest of English recognizable (a domain model alone makes WER worse).
 *
 * - One discount per order, D = n1 / (n1 + 2·n2) from the counts of counts (0.5 when undefined).
 * - Highest order: P(w|uv) = max(c(uvw) − D, 0) / c(uv·) + D·N1+(uv·) / c(uv·) · P(w|v).
 * - Lower orders use continuation counts N1+(·vw) (how many different words precede), except
 *   n-grams that start with <s>, which nothing can precede: they keep their raw counts (as SRILM).
 * - ARPA lists each seen n-gram with its interpolated probability, and each context with its
 *   back-off weight (the interpolation weight γ), which is exactly what an unseen word gets.
 */

import { Vocabulary } from '../../core/scoring/vocabulary';

const BOS = '<s>';
const EOS = '</s>';

export interface LanguageModelStats {
  sentences: number;
  words: number;
  vocabulary: number;
  ngrams: [number, number, number];
}

export class LanguageModelBuilder {
  private readonly vocab = new Vocabulary();
  private readonly counts: Map<number, number>[] = [new Map(), new Map(), new Map()];
  private sentences = 0;
  private tokens = 0;

  constructor() {
    this.vocab.id(BOS);
    this.vocab.id(EOS);
  }

  /** Adds one sentence (its words, already normalized). */
  add(sentence: readonly string[]): void {
    if (sentence.length === 0) return;
    this.sentences++;
    this.tokens += sentence.length;
    const ids = [0, ...sentence.map((word) => this.vocab.id(word)), 1];
    for (let i = 1; i < ids.length; i++) {
      bump(this.counts[0]!, ids[i]!);
      bump(this.counts[1]!, this.key(ids[i - 1]!, ids[i]!));
      if (i >= 2) bump(this.counts[2]!, this.key3(ids[i - 2]!, ids[i - 1]!, ids[i]!));
    }
  }

  get stats(): LanguageModelStats {
    return { sentences: this.sentences, words: this.tokens, vocabulary: this.vocab.size - 2, ngrams: [this.vocab.size, this.counts[1]!.size, this.counts[2]!.size] };
  }

  /** The vocabulary (without <s> and </s>). */
  vocabulary(): string[] {
    return Array.from({ length: this.vocab.size - 2 }, (_, i) => this.vocab.word(i + 2));
  }

  /** The model in ARPA format. */
  toArpa(): string {
    const V = this.vocab.size;
    const S = SCALE;
    const [unigramCounts, bigramCounts, trigramCounts] = this.counts as [Map<number, number>, Map<number, number>, Map<number, number>];

    // Continuation counts: N1+(·w) for unigrams and N1+(·vw) for bigrams.
    const unigramContinuation = new Map<number, number>();
    for (const key of bigramCounts.keys()) bump(unigramContinuation, key % S);
    const bigramContinuation = new Map<number, number>();
    for (const key of trigramCounts.keys()) bump(bigramContinuation, key % (S * S));
    // Bigrams from <s>: raw counts (nothing precedes <s>).
    const bigramWeight = (key: number) => (Math.floor(key / S) === 0 ? bigramCounts.get(key)! : bigramContinuation.get(key) ?? 0);

    const d2 = discount([...bigramCounts.keys()].map(bigramWeight));
    const d3 = discount([...trigramCounts.values()]);

    // Unigrams: continuation counts over their total (<s> gets none: it is never predicted).
    let unigramTotal = 0;
    for (let w = 1; w < V; w++) unigramTotal += unigramContinuation.get(w) ?? 0;
    const p1 = new Float64Array(V);
    for (let w = 1; w < V; w++) p1[w] = (unigramContinuation.get(w) ?? 0) / unigramTotal;

    // Bigram contexts: total weight and how many followers.
    const bigramContextTotal = new Map<number, number>();
    const bigramContextTypes = new Map<number, number>();
    for (const key of bigramCounts.keys()) {
      const weight = bigramWeight(key);
      if (weight <= 0) continue;
      const v = Math.floor(key / S);
      bigramContextTotal.set(v, (bigramContextTotal.get(v) ?? 0) + weight);
      bump(bigramContextTypes, v);
    }
    const gamma2 = (v: number) => {
      const total = bigramContextTotal.get(v);
      return total ? (d2 * bigramContextTypes.get(v)!) / total : 1;
    };
    const p2 = (v: number, w: number) => {
      const total = bigramContextTotal.get(v);
      if (!total) return p1[w]!;
      return Math.max(bigramWeight(v * S + w) - d2, 0) / total + gamma2(v) * p1[w]!;
    };

    // Trigram contexts.
    const trigramContextTotal = new Map<number, number>();
    const trigramContextTypes = new Map<number, number>();
    for (const [key, count] of trigramCounts) {
      const uv = Math.floor(key / S);
      trigramContextTotal.set(uv, (trigramContextTotal.get(uv) ?? 0) + count);
      bump(trigramContextTypes, uv);
    }
    const gamma3 = (uv: number) => (d3 * trigramContextTypes.get(uv)!) / trigramContextTotal.get(uv)!;

    const lines: string[] = ['\\data\\', `ngram 1=${V}`, `ngram 2=${bigramCounts.size}`, `ngram 3=${trigramCounts.size}`, '', '\\1-grams:'];
    for (let w = 0; w < V; w++) {
      const prob = w === 0 ? '-99' : log10(p1[w]!);
      lines.push(`${prob}\t${this.vocab.word(w)}${bigramContextTotal.has(w) ? `\t${log10(gamma2(w))}` : ''}`);
    }
    lines.push('', '\\2-grams:');
    for (const key of sortedKeys(bigramCounts)) {
      const v = Math.floor(key / S);
      const w = key % S;
      const backoff = trigramContextTotal.has(key) ? `\t${log10(gamma3(key))}` : '';
      lines.push(`${log10(p2(v, w))}\t${this.vocab.word(v)} ${this.vocab.word(w)}${backoff}`);
    }
    lines.push('', '\\3-grams:');
    for (const key of sortedKeys(trigramCounts)) {
      const uv = Math.floor(key / S);
      const u = Math.floor(uv / S);
      const v = uv % S;
      const w = key % S;
      const p = Math.max(trigramCounts.get(key)! - d3, 0) / trigramContextTotal.get(uv)! + gamma3(uv) * p2(v, w);
      lines.push(`${log10(p)}\t${this.vocab.word(u)} ${this.vocab.word(v)} ${this.vocab.word(w)}`);
    }
    lines.push('', '\\end\\', '');
    return lines.join('\n');
  }

  // n-grams as one number in base 2^20 words (exact in a double for up to 1 M words per model).
  private key(a: number, b: number): number {
    return a * SCALE + b;
  }

  private key3(a: number, b: number, c: number): number {
    return (a * SCALE + b) * SCALE + c;
  }
}

const SCALE = 2 ** 20;

function bump(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** D = n1 / (n1 + 2·n2), clamped to a sane range. */
function discount(counts: readonly number[]): number {
  let n1 = 0;
  let n2 = 0;
  for (const count of counts) {
    if (count === 1) n1++;
    else if (count === 2) n2++;
  }
  const d = n1 + 2 * n2 > 0 ? n1 / (n1 + 2 * n2) : 0.5;
  return Math.min(0.95, Math.max(0.05, d));
}

function sortedKeys(map: Map<number, number>): number[] {
  return [...map.keys()].sort((a, b) => a - b);
}

function log10(p: number): string {
  return p > 0 ? Math.log10(p).toFixed(6) : '-99';
}
