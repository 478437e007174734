import * as assert from 'node:assert/strict';
import { formatScoreCsv } from '../../../src/core/scoring/format/csv';
import { formatPra, formatTrn } from '../../../src/core/scoring/format/sclite';
import { formatScoreText } from '../../../src/core/scoring/format/text';
import { createNormalizer } from '../../../src/core/scoring/normalize';
import { SCORE_SCHEMA, scoreCorpora, toScoreJson } from '../../../src/core/scoring/report';
import { ScoringInputError, type Corpus } from '../../../src/core/scoring/types';

function corpus(path: string, lines: Record<string, string>): Corpus {
  return { path, format: 'trn', utterances: Object.entries(lines).map(([id, text], i) => ({ id, text, line: i + 1 })) };
}

const normalizer = createNormalizer({ enabled: true, locale: 'en-US' });
const asWritten = createNormalizer({ enabled: false, locale: 'en-US' });

describe('scoreCorpora', () => {
  const ref = corpus('ref.trn', {
    spk1_a: 'The cat sat on the mat.',
    spk1_b: 'Hello world',
    spk2_c: 'one two three four five six seven eight nine ten',
    spk2_d: '',
  });

  it('computes WER over the whole set (sum of errors over sum of words), SER and CER', () => {
    const hyp = corpus('hyp.trn', { spk1_a: 'the bat sat on mat', spk1_b: 'hello world', spk2_c: 'one two three four five six seven eight nine ten eleven', spk2_d: '' });
    const { totals } = scoreCorpora(ref, [hyp], { normalizer }).systems[0]!;
    assert.deepEqual(
      { words: totals.words, correct: totals.correct, substitutions: totals.substitutions, deletions: totals.deletions, insertions: totals.insertions, errors: totals.errors },
      { words: 18, correct: 16, substitutions: 1, deletions: 1, insertions: 1, errors: 3 },
    );
    assert.equal(totals.wer, 3 / 18); // not the mean of per-utterance rates (2/6, 0, 1/10, 0)
    assert.equal(totals.sentences, 4);
    assert.equal(totals.sentencesWithErrors, 2);
    assert.equal(totals.ser, 0.5);
    // Characters (spaces excluded): "cat"->"bat" 1 substitution, "the" deleted 3, "eleven" inserted 6.
    assert.equal(totals.characterErrors, 10);
    assert.equal(totals.cer, 10 / totals.characters);
  });

  it('counts a reference without hypothesis as all deleted, and lists it', () => {
    const hyp = corpus('hyp.trn', { spk1_a: 'the cat sat on the mat', spk2_c: 'one two three four five six seven eight nine ten' });
    const system = scoreCorpora(ref, [hyp], { normalizer }).systems[0]!;
    assert.deepEqual(system.missingHypotheses, ['spk1_b', 'spk2_d']);
    const b = system.utterances.find((u) => u.id === 'spk1_b')!;
    assert.equal(b.missing, true);
    assert.equal(b.deletions, 2);
    assert.equal(system.totals.deletions, 2);
  });

  it('refuses a hypothesis without reference, naming its file and line', () => {
    const hyp = corpus('hyp.trn', { spk1_a: 'the cat', stray_1: 'who am i', stray_2: 'me too' });
    assert.throws(
      () => scoreCorpora(ref, [hyp], { normalizer }),
      (error: unknown) => error instanceof ScoringInputError && error.file === 'hyp.trn' && error.line === 2 && /stray_1.*no reference in ref\.trn.*1 more: stray_2/.test(error.message),
    );
  });

  it('gives per-speaker totals, confusion pairs, and the most deleted and inserted words', () => {
    const hyp = corpus('hyp.trn', { spk1_a: 'the bat sat on mat', spk1_b: 'hello word', spk2_c: 'one two tree four five six seven eight nine ten ten', spk2_d: 'uh' });
    const system = scoreCorpora(ref, [hyp], { normalizer }).systems[0]!;
    assert.deepEqual(system.speakers.map((s) => [s.speaker, s.sentences, s.words, s.errors]), [['spk1', 2, 8, 3], ['spk2', 2, 10, 3]]);
    assert.deepEqual(system.confusions.map((c) => `${c.ref}>${c.hyp}:${c.count}`), ['cat>bat:1', 'three>tree:1', 'world>word:1']);
    assert.deepEqual(system.deleted, [{ word: 'the', count: 1 }]);
    assert.deepEqual(system.inserted, [{ word: 'ten', count: 1 }, { word: 'uh', count: 1 }]);
    // An empty reference with an insertion: that utterance's rate is 100 %, the set's is not distorted.
    assert.equal(system.speakers[1]!.wer, 3 / 10);
  });

  it('uses a speaker pattern when given, and groups ids it does not match', () => {
    const hyp = corpus('hyp.trn', { spk1_a: 'x', spk1_b: 'x', spk2_c: 'x', spk2_d: 'x' });
    const system = scoreCorpora(ref, [hyp], { normalizer, speakerPattern: '_(a|b)$' }).systems[0]!;
    assert.deepEqual(system.speakers.map((s) => s.speaker), ['(unmatched)', 'a', 'b']);
    assert.throws(() => scoreCorpora(ref, [hyp], { normalizer, speakerPattern: '(' }), /speaker pattern "\(" is not a valid regular expression/);
  });

  it('compares two systems: a clearly better B is significant, the same system is not', () => {
    const many: Record<string, string> = {};
    const worse: Record<string, string> = {};
    const better: Record<string, string> = {};
    for (let i = 0; i < 200; i++) {
      many[`s${i % 5}_${i}`] = 'please book a service for my road bike';
      worse[`s${i % 5}_${i}`] = i % 2 ? 'please look a service for my rode bike' : 'please book a service for my road bike';
      better[`s${i % 5}_${i}`] = i % 10 === 0 ? 'please look a service for my road bike' : 'please book a service for my road bike';
    }
    const reference = corpus('ref', many);
    const run = scoreCorpora(reference, [corpus('a', worse), corpus('b', better)], { normalizer });
    assert.equal(run.comparison!.verdict, 'b-better');
    assert.ok(run.comparison!.werDifference > 0);
    assert.ok(run.comparison!.confidenceInterval[0] > 0);
    assert.equal(run.comparison!.probabilityBBetter, 1);
    const same = scoreCorpora(reference, [corpus('a', worse), corpus('b', worse)], { normalizer });
    assert.equal(same.comparison!.verdict, 'no-significant-difference');
    assert.equal(same.comparison!.werDifference, 0);
    // Reproducible: the bootstrap is seeded.
    assert.deepEqual(scoreCorpora(reference, [corpus('a', worse), corpus('b', better)], { normalizer }).comparison, run.comparison);
  });

  it('scores texts as written without normalization', () => {
    const hyp = corpus('hyp.trn', { spk1_a: 'The cat sat on the mat', spk1_b: 'Hello world', spk2_c: 'one two three four five six seven eight nine ten', spk2_d: '' });
    const system = scoreCorpora(ref, [hyp], { normalizer: asWritten }).systems[0]!;
    assert.equal(system.totals.substitutions, 1); // "mat." vs "mat"
    assert.equal(scoreCorpora(ref, [hyp], { normalizer }).systems[0]!.totals.errors, 0);
  });
});

describe('score outputs', () => {
  const ref = corpus('ref.trn', { spk1_a: 'The cat sat', spk1_b: '=1+1, "quoted"' });
  const hyp = corpus('hyp.trn', { spk1_a: 'the bat sat down', spk1_b: '=1+1, "quoted"' });

  it('JSON: versioned schema, normalization, totals and per-utterance alignments', () => {
    const json = toScoreJson(scoreCorpora(ref, [hyp], { normalizer }));
    assert.equal(json.schema, SCORE_SCHEMA);
    assert.equal(json.normalization.enabled, true);
    assert.match(json.normalization.version, /^custom-speech-normalization\/\d+$/);
    assert.equal(json.systems[0]!.name, 'A');
    assert.deepEqual(json.systems[0]!.utterances[0], {
      id: 'spk1_a',
      speaker: 'spk1',
      ref: 'the cat sat',
      hyp: 'the bat sat down',
      alignment: 'CSCI',
      correct: 2,
      substitutions: 1,
      deletions: 0,
      insertions: 1,
      wer: 2 / 3,
      characters: { correct: 8, substitutions: 1, deletions: 0, insertions: 4 },
    });
    assert.equal(JSON.parse(JSON.stringify(json)).systems[0].totals.wer, json.systems[0]!.totals.wer);
  });

  it('CSV: one row per utterance, quoted, formulas defused', () => {
    const csv = formatScoreCsv(scoreCorpora(ref, [hyp], { normalizer: asWritten }));
    const lines = csv.trimEnd().split('\n');
    assert.equal(lines[0], 'id,speaker,reference_words,reference,hypothesis,correct,substitutions,deletions,insertions,wer,cer,missing');
    assert.equal(lines[1], 'spk1_a,spk1,3,The cat sat,the bat sat down,1,2,0,1,1.0000,0.6667,false');
    assert.equal(lines[2], `spk1_b,spk1,2,"'=1+1, ""quoted""","'=1+1, ""quoted""",2,0,0,0,0.0000,0.0000,false`);
  });

  it('trn and pra: normalized texts sclite can score, and a readable alignment', () => {
    const run = scoreCorpora(ref, [hyp], { normalizer });
    const refTrn = formatTrn(run, 'reference').split('\n');
    assert.equal(refTrn[0], 'the cat sat (spk1_a)');
    assert.match(refTrn[1]!, /^[a-z ]+ \(spk1_b\)$/);
    assert.equal(formatTrn(run, run.systems[0]!).split('\n')[0], 'the bat sat down (spk1_a)');
    const pra = formatPra(run, run.systems[0]!);
    assert.match(pra, /^Reference: ref\.trn\nHypotheses: hyp\.trn\nNormalization: custom-speech-normalization\/1 en-US[^\n]*\n\nid: \(spk1_a\)\nScores: \(#C #S #D #I\) 2 1 0 1\nREF:  the CAT sat \*\*\*\*\nHYP:  the BAT sat DOWN\nEval:     S       I\n/);
  });

  it('text summary: WER, SER, CER and the normalization used', () => {
    const text = formatScoreText(scoreCorpora(ref, [hyp], { normalizer }));
    assert.match(text, /^Normalization: custom-speech-normalization\/\d+ en-US: /m);
    assert.match(text, /WER 28\.57%  \(2 errors in 7 words/); // "=1+1" reads "one plus one"
    assert.match(text, /SER 50\.00%/);
    assert.match(text, /cat -> bat/);
  });
});
