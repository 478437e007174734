import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bikeShopText, PRONUNCIATIONS } from './bike-shop-domain';
import { idOf, TestEngine } from './engine-client';
import { speak, type Voice } from './recognizer-speech';
import { zipBytes } from './zip-builder';

// Adaptation speakers and test speakers are different voices at different speeds.
const ADAPTATION_VOICES: Voice[] = [
  { variant: 'klatt', wordsPerMinute: 150 },
  { variant: 'klatt2', wordsPerMinute: 170 },
  { variant: 'klatt3', wordsPerMinute: 160 },
];
const TEST_VOICES: Voice[] = [
  { variant: 'klatt4', wordsPerMinute: 165 },
  { variant: 'klatt5', wordsPerMinute: 155 },
  { variant: 'klatt6', wordsPerMinute: 175 },
];
const RELATED_SENTENCES = 60;
const ADAPTATION_UTTERANCES = 60; // the first related sentences, spoken: about 3.5 minutes
const TEST_UTTERANCES = 30;

/**
 * The proof that training helps, through the engine's API as a user would: the base model, a model
 * trained on related text and pronunciations, and the same with an Acoustic dataset, each evaluated
 * against the base model on a test set of other sentences said by other voices.
 */
describe('local engine: what custom models gain (the proof table)', function () {
  this.timeout(600_000);
  let engine: TestEngine;
  let speech: string;
  before(async () => {
    engine = await TestEngine.start();
    speech = await mkdtemp(path.join(tmpdir(), 'cs-proof-speech-'));
  });
  after(async () => {
    await engine.stop();
    await rm(speech, { recursive: true, force: true });
  });

  const dataset = (kind: string, name: string, content: string | Uint8Array) => engine.importedDatasetId(kind, name, content);

  async function audioZip(prefix: string, sentences: readonly string[], voices: readonly Voice[]): Promise<Buffer> {
    const files: Record<string, Uint8Array | string> = {};
    const lines = sentences.map((sentence, i) => {
      const name = `${prefix}-${String(i).padStart(3, '0')}`;
      files[`${name}.wav`] = readFileSync(speak(sentence, speech, name, voices[i % voices.length]!));
      return `${name}.wav\t${sentence}\n`;
    });
    files['trans.txt'] = lines.join('');
    return zipBytes(files);
  }

  async function train(displayName: string, datasets: string[]): Promise<{ self: string; report: any }> {
    const created = await engine.call('POST', '/models', { displayName, locale: 'en-US', datasets: datasets.map((id) => ({ self: `x/datasets/${id}` })), properties: { customModelWeightPercent: 50 } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const trained = await engine.settle(`/models/${idOf(created.body.self)}`, 300);
    assert.equal(trained.status, 'Succeeded', JSON.stringify(trained.properties));
    const files = await engine.call('GET', `/models/${idOf(created.body.self)}/files`);
    const report = await (await fetch(files.body.values.find((f: { kind: string }) => f.kind === 'ModelReport').links.contentUrl)).json();
    return { self: created.body.self, report };
  }

  async function evaluate(model1: string, model2: string, test: string): Promise<{ base: number; custom: number; words: number }> {
    const created = await engine.call('POST', '/evaluations', { displayName: 'proof', locale: 'en-US', model1: { self: model1 }, model2: { self: model2 }, dataset: { self: `x/datasets/${test}` } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const done = await engine.settle(`/evaluations/${idOf(created.body.self)}`, 300);
    assert.equal(done.status, 'Succeeded', JSON.stringify(done.properties));
    return { base: done.properties.wordErrorRate1, custom: done.properties.wordErrorRate2, words: done.properties.wordCount1 };
  }

  it('cuts the word error rate by 40 % with related text and pronunciations, and by 70 % with acoustic adaptation too', async () => {
    const text = bikeShopText(RELATED_SENTENCES, TEST_UTTERANCES);
    const started = Date.now();
    const adaptationZip = await audioZip('shop', text.related.slice(0, ADAPTATION_UTTERANCES), ADAPTATION_VOICES);
    const testZip = await audioZip('test', text.test, TEST_VOICES);
    const spoken = Date.now();

    const language = await dataset('Language', 'related.txt', '\uFEFF' + text.related.join('\n') + '\n');
    const pronunciation = await dataset('Pronunciation', 'pronunciations.txt', PRONUNCIATIONS.join('\n') + '\n');
    const acoustic = await dataset('Acoustic', 'shop-calls.zip', adaptationZip);
    const test = await dataset('Acoustic', 'test-calls.zip', testZip);

    const lexical = await train('LM + lexicon', [language, pronunciation]);
    const adapted = await train('LM + lexicon + acoustic', [language, pronunciation, acoustic]);
    const trained = Date.now();
    assert.equal(adapted.report.audio.method, 'MAP', adapted.report.audio.adaptation);
    assert.equal(adapted.report.audio.utterancesUsed, ADAPTATION_UTTERANCES, JSON.stringify(adapted.report.audio.skipped));
    assert.equal(lexical.report.audio.method, 'none');

    const base = (await engine.call('GET', '/models/base')).body.values[0].self;
    const first = await evaluate(base, lexical.self, test);
    const second = await evaluate(base, adapted.self, test);
    const evaluated = Date.now();
    assert.equal(first.base, second.base); // the same decoder on the same audio

    const rows: [string, number][] = [
      ['base (generic LM, CMU dictionary)', first.base],
      ['+ related text and pronunciations', first.custom],
      ['+ acoustic adaptation (MAP)', second.custom],
    ];
    const change = (wer: number) => (wer === first.base ? '' : `${(((wer - first.base) / first.base) * 100).toFixed(0)} %`);
    console.log(`\n      Proof table: ${first.words} words, ${TEST_UTTERANCES} test utterances (voices ${TEST_VOICES.map((v) => v.variant).join(', ')}), adaptation ${adapted.report.audio.minutesUsed} min (voices ${ADAPTATION_VOICES.map((v) => v.variant).join(', ')})`);
    console.log(`      ${'model'.padEnd(36)} ${'WER'.padStart(7)}  vs base`);
    for (const [name, wer] of rows) console.log(`      ${name.padEnd(36)} ${`${(wer * 100).toFixed(1)} %`.padStart(7)}  ${change(wer)}`);
    console.log(`      (speech ${((spoken - started) / 1000).toFixed(1)} s, import and training ${((trained - spoken) / 1000).toFixed(1)} s, evaluations ${((evaluated - trained) / 1000).toFixed(1)} s)\n`);

    assert.ok(first.custom <= first.base * 0.6, `LM + lexicon: ${first.custom} vs base ${first.base}`);
    assert.ok(second.custom <= first.base * 0.3, `+ acoustic: ${second.custom} vs base ${first.base}`);
  });
});
