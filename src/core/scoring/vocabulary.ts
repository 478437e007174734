/** Words as small integers, in order of first use: alignments and n-gram counts compare numbers, and 1.5 M words share a few thousand strings. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];

  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
    }
    return id;
  }

  idsOf(words: readonly string[]): Int32Array {
    const out = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) out[i] = this.id(words[i]!);
    return out;
  }

  /** How many different words it holds (ids are 0 … size − 1). */
  get size(): number {
    return this.words.length;
  }

  word(id: number): string {
    return this.words[id]!;
  }

  text(ids: ArrayLike<number>): string {
    let text = '';
    for (let i = 0; i < ids.length; i++) text += (i ? ' ' : '') + this.words[ids[i]!]!;
    return text;
  }
}
