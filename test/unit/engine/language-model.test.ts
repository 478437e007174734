import * as assert from 'node:assert/strict';
import { LanguageModelBuilder } from '../../../src/engine/training/language-model';

/** Reads an ARPA model and answers P(w | history) with back-off, as a decoder does. */
function arpaModel(text: string) {
  const probs = new Map<string, number>();
  const backoffs = new Map<string, number>();
  let order = 0;
  for (const line of text.split('\n')) {
    const section = /^\\(\d)-grams:$/.exec(line);
    if (section) {
      order = Number(section[1]);
      continue;
    }
    if (!order || !line.trim() || line.startsWith('\\')) continue;
    const [prob, ngram, backoff] = line.split('\t');
    probs.set(ngram!, Number(prob));
    if (backoff !== undefined) backoffs.set(ngram!, Number(backoff));
  }
  const logP = (history: string[], word: string): number => {
    const ngram = [...history, word].join(' ');
    if (probs.has(ngram)) return probs.get(ngram)!;
    if (history.length === 0) return -99;
    return (backoffs.get(history.join(' ')) ?? 0) + logP(history.slice(1), word);
  };
  return { probs, logP };
}

describe('LanguageModelBuilder (interpolated Kneser-Ney 3-gram)', () => {
  const sentences = [
    'book a service for my road bike',
    'book a service for my gravel bike',
    'can you true a wheel',
    'can you true my wheel while i wait',
    'my road bike needs new brake pads',
    'a new chain for my road bike',
  ].map((s) => s.split(' '));

  function build() {
    const builder = new LanguageModelBuilder();
    for (const sentence of sentences) builder.add(sentence);
    return builder;
  }

  it('writes a well-formed ARPA model with the right n-gram counts', () => {
    const builder = build();
    const arpa = builder.toArpa();
    const header = /ngram 1=(\d+)\nngram 2=(\d+)\nngram 3=(\d+)/.exec(arpa)!;
    const { probs } = arpaModel(arpa);
    const listed = [1, 2, 3].map((n) => [...probs.keys()].filter((k) => k.split(' ').length === n).length);
    assert.deepEqual(listed, [Number(header[1]), Number(header[2]), Number(header[3])]);
    assert.deepEqual(builder.stats.ngrams, listed);
    assert.equal(builder.stats.sentences, 6);
    assert.ok(builder.vocabulary().includes('derailleur') === false && builder.vocabulary().includes('gravel'));
    assert.match(arpa, /^-99\t<s>\t/m);
    assert.match(arpa, /\\end\\\n$/);
  });

  it('gives distributions that sum to one in every context, seen or not', () => {
    const { logP } = arpaModel(build().toArpa());
    const vocabulary = [...build().vocabulary(), '</s>'];
    for (const history of [['<s>'], ['<s>', 'book'], ['my', 'road'], ['road', 'bike'], ['for', 'my'], ['wheel', 'while'], ['gravel', 'new'], ['a']]) {
      const total = vocabulary.reduce((sum, word) => sum + 10 ** logP(history, word), 0);
      assert.ok(Math.abs(total - 1) < 1e-3, `${history.join(' ')}: ${total}`);
    }
  });

  it('prefers what the domain says', () => {
    const { logP } = arpaModel(build().toArpa());
    assert.ok(logP(['my', 'road'], 'bike') > logP(['my', 'road'], 'wheel'));
    assert.ok(logP(['<s>'], 'book') > logP(['<s>'], 'bike'));
  });
});
