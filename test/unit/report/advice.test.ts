import * as assert from 'node:assert/strict';
import { adviseData } from '../../../src/core/report/advice';
import { buildReport } from '../../../src/core/report/build-report';
import { soundex, soundsAlike } from '../../../src/core/report/sounds-alike';
import { meta, scoreJson } from './score-fixture';

let next = 0;

/** n utterances of `ref` heard as `hyp`, each with an id of `speaker` (ids unique across calls). */
function many(n: number, ref: string, hyp: string, speaker = 'spk'): [Record<string, string>, Record<string, string>] {
  const r: Record<string, string> = {};
  const h: Record<string, string> = {};
  for (let i = 0; i < n; i++, next++) {
    r[`${speaker}_${next}`] = ref;
    h[`${speaker}_${next}`] = hyp;
  }
  return [r, h];
}

function merge(...sets: [Record<string, string>, Record<string, string>][]): [Record<string, string>, Record<string, string>] {
  return [Object.assign({}, ...sets.map((s) => s[0])), Object.assign({}, ...sets.map((s) => s[1]))];
}

describe('adviseData', () => {
  it('domain words the model never produces → related text, with the words and their error counts', () => {
    const [r, h] = merge(many(10, 'deploy it on kubernetes today', 'deploy it on cooper nettie today'), many(3, 'the helm chart is ready', 'the home chart is ready'), many(10, 'all good here', 'all good here'));
    const advice = adviseData(scoreJson(r, h).systems[0]);
    const language = advice.find((a) => a.datasetKind === 'Language')!;
    assert.ok(language, JSON.stringify(advice));
    assert.deepEqual(language.evidence, ['kubernetes ×10', 'helm ×3']);
    assert.equal(language.strength, 'high');
    assert.match(language.reason, /never produces/);
  });

  it('uses isKnownWord when given: a word the lexicon knows is not out of vocabulary', () => {
    const [r, h] = many(6, 'deploy it on kubernetes today', 'deploy it on cooper today');
    const score = scoreJson(r, h);
    assert.ok(adviseData(score.systems[0]).some((a) => a.datasetKind === 'Language'));
    const known = adviseData(score.systems[0], (w) => w === 'kubernetes');
    assert.ok(!known.some((a) => a.datasetKind === 'Language'), JSON.stringify(known));
    const unknown = adviseData(score.systems[0], () => false);
    assert.match(unknown.find((a) => a.datasetKind === 'Language')!.reason, /lexicon does not know/);
  });

  it('the same word repeatedly heard as a similar-sounding one → pronunciation entries, with the pairs', () => {
    const [r, h] = merge(many(10, 'load the ship now', 'load the sheep now'), many(5, 'the ship is here', 'the ship is here'), many(10, 'fine words only', 'fine words only'));
    const advice = adviseData(scoreJson(r, h).systems[0]);
    const pronunciation = advice.find((a) => a.datasetKind === 'Pronunciation')!;
    assert.ok(pronunciation, JSON.stringify(advice));
    assert.deepEqual(pronunciation.evidence, ['ship → sheep ×10']);
    assert.equal(pronunciation.strength, 'high');
    assert.ok(!advice.some((a) => a.datasetKind === 'Language'), 'ship is produced elsewhere');
  });

  it('common words deleted broadly, or a speaker far worse → audio + transcripts', () => {
    const [r, h] = merge(many(10, 'please send the parcel to the office', 'please send parcel to office', 'spka'), many(10, 'please send the parcel to the office', 'please send the parcel to the office', 'spkb'));
    const advice = adviseData(scoreJson(r, h).systems[0]);
    const acoustic = advice.find((a) => a.datasetKind === 'Acoustic')!;
    assert.ok(acoustic && !acoustic.noActionNeeded, JSON.stringify(advice));
    assert.ok(acoustic.evidence.some((e) => /of the reference words deleted/.test(e)), acoustic.evidence.join('; '));
    assert.ok(acoustic.evidence.some((e) => /^speaker spka: WER 28\.6 %/.test(e)), acoustic.evidence.join('; '));
    assert.ok(acoustic.evidence.includes('the (deleted) ×20'), acoustic.evidence.join('; '));
    assert.equal(acoustic.strength, 'high');
  });

  it('no errors, no words, or no pattern → the model looks fine', () => {
    const [r, h] = many(10, 'all good here', 'all good here');
    for (const system of [scoreJson(r, h).systems[0], scoreJson({ u: '' }, { u: '' }).systems[0], undefined]) {
      const [only, ...rest] = adviseData(system);
      assert.equal(rest.length, 0);
      assert.equal(only!.noActionNeeded, true);
      assert.match(only!.title, /looks fine/);
    }
  });

  it('is capped at low strength for a handful of errors', () => {
    const [r, h] = merge(many(1, 'deploy on kubernetes', 'deploy on cooper'), many(20, 'all good here today', 'all good here today'));
    const language = adviseData(scoreJson(r, h).systems[0]).find((a) => a.datasetKind === 'Language');
    assert.equal(language, undefined, 'one error is below the minimum');
  });

  it('reads the last system (the model under review) and is deterministic', () => {
    const [r, h] = merge(many(6, 'deploy it on kubernetes today', 'deploy it on cooper today'), many(10, 'all good here', 'all good here'));
    const input = { score: scoreJson(r, h, r), meta: meta(2) };
    const model = buildReport(input);
    assert.equal(model.advice[0]!.noActionNeeded, true, 'B is perfect');
    assert.deepEqual(buildReport({ score: scoreJson(r, r, h), meta: meta(2) }).advice, buildReport({ score: scoreJson(r, r, h), meta: meta(2) }).advice);
    assert.equal(buildReport({ score: scoreJson(r, r, h), meta: meta(2) }).advice[0]!.datasetKind, 'Language');
  });

  it('sounds alike: Soundex or close spelling, three letters at least', () => {
    assert.equal(soundex('Robert'), 'R163');
    assert.equal(soundex('Ashcraft'), 'A261');
    assert.ok(soundsAlike('their', 'there'));
    assert.ok(soundsAlike('kowalski', 'kowalsky'));
    assert.ok(!soundsAlike('in', 'on'));
    assert.ok(!soundsAlike('derailleur', 'or'));
    assert.ok(!soundsAlike('same', 'same'));
  });
});
