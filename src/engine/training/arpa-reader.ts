/**
 * An ARPA language model read back for scoring text: P(w | history) with back-off, as a decoder
 * computes it. Used for the held-out perplexity in a model's report.
 */
export class ArpaModel {
  private readonly probs = new Map<string, number>();
  private readonly backoffs = new Map<string, number>();
  readonly order: number;

  constructor(text: string) {
    let order = 0;
    let highest = 0;
    for (const line of text.split('\n')) {
      const section = /^\\(\d)-grams:$/.exec(line);
      if (section) {
        order = Number(section[1]);
        highest = Math.max(highest, order);
        continue;
      }
      if (!order || !line.trim() || line.startsWith('\\')) continue;
      const [prob, ngram, backoff] = line.split('\t');
      this.probs.set(ngram!, Number(prob));
      if (backoff !== undefined) this.backoffs.set(ngram!, Number(backoff));
    }
    this.order = highest;
  }

  /** log10 P(word | history), backing off to shorter histories. */
  logProb(history: readonly string[], word: string): number {
    const context = history.slice(Math.max(0, history.length - this.order + 1));
    for (let start = 0; ; start++) {
      const ngram = [...context.slice(start), word].join(' ');
      const prob = this.probs.get(ngram);
      if (prob !== undefined) {
        let backoff = 0;
        for (let k = 0; k < start; k++) backoff += this.backoffs.get(context.slice(k).join(' ')) ?? 0;
        return prob + backoff;
      }
      if (start >= context.length) return -99;
    }
  }

  has(word: string): boolean {
    return this.probs.has(word);
  }

  /** Perplexity of sentences (</s> included, unknown words left out and counted). */
  perplexity(sentences: readonly (readonly string[])[]): { perplexity: number; words: number; unknown: number } {
    let logSum = 0;
    let words = 0;
    let unknown = 0;
    for (const sentence of sentences) {
      const history = ['<s>'];
      for (const word of [...sentence, '</s>']) {
        if (!this.has(word)) {
          unknown++;
          history.length = 0; // an unknown word breaks the context, as in SRILM
          history.push('<unk>');
          continue;
        }
        logSum += this.logProb(history, word);
        words++;
        history.push(word);
      }
    }
    return { perplexity: words ? 10 ** (-logSum / words) : 0, words, unknown };
  }
}
