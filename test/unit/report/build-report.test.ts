import * as assert from 'node:assert/strict';
import { buildReport, MAX_LISTED_ERRORS } from '../../../src/core/report/build-report';
import { alignedPairs } from '../../../src/core/report/aligned-pairs';
import { REPORT_SCHEMA } from '../../../src/core/report/report-model';
import { meta, numbersIn, scoreJson } from './score-fixture';

const ref = {
  spk1_a: 'the cat sat on the mat',
  spk1_b: 'hello world',
  spk2_c: 'one two three four',
};
const hypA = { spk1_a: 'the bat sat on mat', spk1_b: 'hello word', spk2_c: 'one two three four five' };
const hypB = { spk1_a: 'the cat sat on the mat', spk1_b: 'hello world', spk2_c: 'one two three four' };

describe('buildReport', () => {
  it('summarizes one system with the score totals', () => {
    const score = scoreJson(ref, hypA);
    const model = buildReport({ score, meta: meta(1) });
    assert.equal(model.schema, REPORT_SCHEMA);
    assert.equal(model.systems.length, 1);
    const [a] = model.systems;
    // cat→bat (S), the (D), world→word (S), five (I): 4 errors in 12 words, 3 of 3 sentences wrong.
    assert.deepEqual(
      { words: a!.words, s: a!.substitutions, d: a!.deletions, i: a!.insertions, errors: a!.errors, sentences: a!.sentences, withErrors: a!.sentencesWithErrors },
      { words: 12, s: 2, d: 1, i: 1, errors: 4, sentences: 3, withErrors: 3 },
    );
    assert.equal(a!.wer, 4 / 12);
    assert.equal(a!.ser, 1);
    assert.equal(a!.cer, score.systems[0]!.totals.cer);
    assert.equal(a!.name, 'Base model');
    assert.equal(a!.path, 'hyp-a.trn');
    assert.equal(model.comparison, undefined);
    assert.deepEqual(model.speakers.map((s) => [s.speaker, s.words, s.wer.length]), [['spk1', 8, 1], ['spk2', 4, 1]]);
    assert.equal(model.speakers[0]!.wer[0], 3 / 8);
    assert.deepEqual(model.errors[0]!.confusions.map((c) => `${c.ref}>${c.hyp}`), ['cat>bat', 'world>word']);
    assert.deepEqual(model.errors[0]!.deleted, [{ word: 'the', count: 1 }]);
    assert.deepEqual(model.errors[0]!.inserted, [{ word: 'five', count: 1 }]);
  });

  it('rows hold each system’s hypothesis and alignment, and expand with alignedPairs', () => {
    const model = buildReport({ score: scoreJson(ref, hypA, hypB), meta: meta(2) });
    assert.equal(model.utterances.length, 3);
    const row = model.utterances[0]!;
    assert.equal(row.id, 'spk1_a');
    assert.equal(row.speaker, 'spk1');
    assert.equal(row.audio, undefined);
    assert.equal(row.systems.length, 2);
    assert.equal(row.systems[0]!.errors, 2);
    assert.equal(row.systems[1]!.errors, 0);
    const pairs = alignedPairs(row.ref, row.systems[0]!.hyp, row.systems[0]!.alignment);
    assert.deepEqual(pairs.filter((p) => p.op !== 'C'), [{ op: 'S', ref: 'cat', hyp: 'bat' }, { op: 'D', ref: 'the' }]);
  });

  it('compares two systems: relative change and a sentence with the verdict and interval', () => {
    const model = buildReport({ score: scoreJson(ref, hypA, hypB), meta: meta(2) });
    const c = model.comparison!;
    assert.equal(c.relativeWerChange, -1);
    assert.equal(c.werDifference, 4 / 12);
    assert.match(c.summary, /^(Custom model is significantly better than Base model|No significant difference between Base model and Custom model) \(WER 33\.3 % → 0\.0 %, −100 % relative; improvement 33\.3 points, 95 % CI [\d.−]+ to [\d.−]+ points; Custom model better in [\d.]+ % of 1,000 bootstrap draws\)\.$/);
    assert.deepEqual(model.speakers.map((s) => s.wer), [[3 / 8, 0], [1 / 4, 0]]);
  });

  it('computes the comparison when a hand-made score has none', () => {
    const score = scoreJson(ref, hypA, hypB);
    delete score.comparison;
    const model = buildReport({ score, meta: meta(2) });
    assert.equal(model.comparison?.method, 'paired-bootstrap');
    assert.deepEqual(model.comparison?.confidenceInterval, buildReport({ score: scoreJson(ref, hypA, hypB), meta: meta(2) }).comparison?.confidenceInterval);
  });

  it('has no NaN with zero reference words, an empty set, or A without errors', () => {
    const empty = { u1: '', u2: '' };
    for (const model of [
      buildReport({ score: scoreJson(empty, { u1: '', u2: 'noise' }, { u1: '', u2: '' }), meta: meta(2) }),
      buildReport({ score: scoreJson({}, {}), meta: meta(1) }),
      buildReport({ score: scoreJson({}, {}, {}), meta: meta(2) }),
      buildReport({ score: scoreJson(ref, hypB, hypA), meta: meta(2) }),
      buildReport({ score: { ...scoreJson(ref, hypA), systems: [] }, meta: meta(0) }),
    ]) {
      for (const n of numbersIn(model)) assert.ok(Number.isFinite(n), `${n} in ${JSON.stringify(model).slice(0, 200)}`);
      assert.ok(model.advice.length >= 1);
      assert.doesNotMatch(JSON.stringify(model), /NaN|Infinity/);
    }
    const zero = buildReport({ score: scoreJson(empty, { u1: '', u2: 'noise' }, { u1: '', u2: '' }), meta: meta(2) });
    assert.equal(zero.systems[0]!.wer, 1); // an insertion against no words is 100 %, as the scorer says
    const perfectA = buildReport({ score: scoreJson(ref, hypB, hypA), meta: meta(2) });
    assert.equal(perfectA.comparison!.relativeWerChange, undefined);
    assert.doesNotMatch(perfectA.comparison!.summary, /relative/);
  });

  it('names the audio: by audioOf, or the id when it is an audio file name (the local engine)', () => {
    const engine = buildReport({ score: scoreJson({ 'call-01.wav': 'hi there', 'call-02': 'bye' }, { 'call-01.wav': 'hi there', 'call-02': 'bye' }), meta: meta(1) });
    assert.deepEqual(engine.utterances.map((u) => u.audio), ['call-01.wav', undefined]);
    const lookedUp = buildReport({ score: scoreJson({ a: 'x', b: 'y' }, { a: 'x', b: 'y' }), meta: meta(1), audioOf: (id) => (id === 'a' ? 'audio/a.wav' : undefined) });
    assert.deepEqual(lookedUp.utterances.map((u) => u.audio), ['audio/a.wav', undefined]);
    assert.ok(!('audio' in lookedUp.utterances[1]!), 'no audio key when unknown (plain JSON)');
  });

  it(`caps each error list at ${MAX_LISTED_ERRORS}`, () => {
    const r: Record<string, string> = {};
    const h: Record<string, string> = {};
    // Digits would be normalized into number words: distinct words from letters only.
    const letters = (i: number) => String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + Math.floor(i / 26));
    for (let i = 0; i < 80; i++) {
      r[`u${i}`] = `ref${letters(i)} del${letters(i)}`;
      h[`u${i}`] = `hyp${letters(i)}`;
    }
    const model = buildReport({ score: scoreJson(r, h), meta: meta(1) });
    assert.equal(model.systems[0]!.substitutions, 80);
    assert.equal(model.errors[0]!.confusions.length, MAX_LISTED_ERRORS);
    assert.equal(model.errors[0]!.deleted.length, MAX_LISTED_ERRORS);
  });

  it('builds a report of 10,000 utterances in well under 200 ms', () => {
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
    const r: Record<string, string> = {};
    const a: Record<string, string> = {};
    const b: Record<string, string> = {};
    for (let i = 0; i < 10_000; i++) {
      const sentence = Array.from({ length: 12 }, (_, k) => words[(i * 7 + k * 3) % words.length]!);
      r[`spk${i % 40}_${i}`] = sentence.join(' ');
      a[`spk${i % 40}_${i}`] = sentence.map((w, k) => (k === i % 12 ? 'xray' : w)).join(' ');
      b[`spk${i % 40}_${i}`] = sentence.slice(1).join(' ');
    }
    const score = scoreJson(r, a, b);
    buildReport({ score, meta: meta(2) }); // warm up
    const start = performance.now();
    const model = buildReport({ score, meta: meta(2) });
    const elapsed = performance.now() - start;
    assert.equal(model.utterances.length, 10_000);
    assert.ok(elapsed < 200, `${elapsed.toFixed(0)} ms`);
  });
});
