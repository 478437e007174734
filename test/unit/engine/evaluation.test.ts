import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { idOf, KEY, TestEngine } from './engine-client';
import { speak } from './recognizer-speech';
import { zipBytes } from './zip-builder';

// The test set: things a bike shop hears, with words the generic model barely knows.
const testSentences = [
  'the rear derailleur skips on the smallest cog',
  'do you stock tubeless sealant for gravel tires',
  'can you bleed my shimano disc brakes',
  'my bottom bracket creaks on every climb',
  'please fit a new cassette and chain',
  'the dropper post will not go back up',
];

// Related text: the same domain, other sentences (the test set is never trained on).
const relatedText = [
  'the derailleur on my gravel bike needs adjusting',
  'tubeless sealant keeps the tires from going flat',
  'shimano disc brakes need bleeding once a year',
  'a creaking bottom bracket usually needs grease',
  'a new cassette and chain make the gears shift again',
  'my dropper post sticks halfway down',
  'the smallest cog wears out first',
  'we stock tubeless tires for gravel and road bikes',
  'can you fit a dropper post to my mountain bike',
  'please adjust the rear derailleur and true the wheel',
  'the chain skips on every climb',
  'do you bleed hydraulic disc brakes while i wait',
];

describe('local engine: evaluations', function () {
  this.timeout(180_000);
  let engine: TestEngine;
  let speech: string;
  before(async () => {
    engine = await TestEngine.start();
    speech = await mkdtemp(path.join(tmpdir(), 'cs-eval-speech-'));
  });
  after(async () => {
    await engine.stop();
    await rm(speech, { recursive: true, force: true });
  });

  const dataset = (kind: string, name: string, content: string | Uint8Array) => engine.importedDatasetId(kind, name, content);

  /** An Acoustic test dataset of `sentences` spoken by espeak-ng, `call-<n>.wav` each; its id. */
  async function testSet(name: string, sentences: readonly string[]): Promise<string> {
    const files: Record<string, Uint8Array | string> = {};
    sentences.forEach((sentence, i) => {
      files[`call-${i}.wav`] = readFileSync(speak(sentence, speech, `call-${i}`));
    });
    files['trans.txt'] = sentences.map((sentence, i) => `call-${i}.wav\t${sentence}`).join('\n') + '\n';
    return dataset('Acoustic', name, await zipBytes(files));
  }

  it('decodes the test set with the base and a custom model, and fills the service metrics and details', async () => {
    const test = await testSet('test.zip', testSentences);
    const language = await dataset('Language', 'related.txt', '\uFEFF' + relatedText.join('\n') + '\n');

    const base = (await engine.call('GET', '/models/base')).body.values[0];
    const model = await engine.call('POST', '/models', { displayName: 'bike shop', locale: 'en-US', datasets: [{ self: `x/datasets/${language}` }], properties: { customModelWeightPercent: 50 } });
    const modelId = idOf(model.body.self);
    assert.equal((await engine.settle(`/models/${modelId}`)).status, 'Succeeded');

    const created = await engine.call('POST', '/evaluations', {
      displayName: 'base vs bike shop',
      locale: 'en-US',
      model1: { self: base.self },
      model2: { self: model.body.self },
      dataset: { self: `x/datasets/${test}` },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.properties.wordErrorRate1, -1); // placeholders until it succeeds
    // While it runs, the engine tells how far it is: utterances decoded, once per model.
    const seen: { completed: number; total: number }[] = [];
    const evaluation = await engine.settle(`/evaluations/${idOf(created.body.self)}`, 120, (body, headers) => {
      if (body.properties.progress) seen.push(body.properties.progress);
      // Polled again soon: the progress moves with every utterance.
      if (body.status === 'Running') assert.equal(headers.get('retry-after'), '2');
    });
    assert.equal(evaluation.status, 'Succeeded', JSON.stringify(evaluation.properties));
    assert.ok(seen.length > 0, 'no progress was shown while the evaluation ran');
    for (const [i, progress] of seen.entries()) {
      assert.equal(progress.total, 2 * testSentences.length);
      assert.ok(progress.completed >= (seen[i - 1]?.completed ?? 0) && progress.completed <= progress.total, JSON.stringify(seen));
    }
    assert.ok(seen.at(-1)!.completed > seen[0]!.completed || seen.length === 1, JSON.stringify(seen));
    assert.equal(evaluation.properties.progress, undefined); // only while it runs
    const p = evaluation.properties;
    const words = testSentences.join(' ').split(' ').length;
    for (const n of [1, 2]) {
      assert.equal(p[`sentenceCount${n}`], testSentences.length);
      assert.equal(p[`wordCount${n}`], words);
      assert.equal(p[`correctWordCount${n}`], words - p[`wordSubstitutionCount${n}`] - p[`wordDeletionCount${n}`]);
      assert.equal(p[`wordErrorRate${n}`], (p[`wordSubstitutionCount${n}`] + p[`wordDeletionCount${n}`] + p[`wordInsertionCount${n}`]) / words);
    }
    // The domain text and its words help: the custom model makes fewer errors than the generic one.
    assert.ok(p.wordErrorRate2 < p.wordErrorRate1, `base ${p.wordErrorRate1}, custom ${p.wordErrorRate2}`);

    const listed = await engine.call('GET', `/evaluations/${idOf(created.body.self)}/files?top=100`);
    const names = listed.body.values.map((f: { name: string }) => f.name);
    assert.ok(names.includes('call-0.wav.model1_score.json') && names.includes('call-0.wav.model2_score.json') && names.includes('score.json'), names.join(', '));
    const detail = await (await fetch(listed.body.values.find((f: { name: string }) => f.name === 'call-0.wav.model2_score.json').links.contentUrl)).json();
    assert.equal(detail.reference, testSentences[0]);
    assert.match(detail.alignment, /^[CSDI]+$/);
    const score = await (await fetch(listed.body.values.find((f: { name: string }) => f.name === 'score.json').links.contentUrl)).json();
    assert.equal(score.schema, 'custom-speech-score/1');
    assert.equal(score.systems[1].totals.wer, p.wordErrorRate2);

    // Deploy the custom model and transcribe a file through the endpoint (fast transcription, multipart).
    const endpoint = await engine.call('POST', '/endpoints', { displayName: 'bike shop', locale: 'en-US', model: { self: model.body.self } });
    assert.equal(endpoint.status, 201);
    assert.equal((await engine.settle(`/endpoints/${idOf(endpoint.body.self)}`)).status, 'Succeeded');
    const form = new FormData();
    form.set('audio', new Blob([readFileSync(path.join(speech, 'call-0.wav'))]), 'call-0.wav');
    form.set('definition', JSON.stringify({ locales: ['en-US'], models: { 'en-US': endpoint.body.self } }));
    const transcribed = await fetch(`${engine.url}/speechtotext/transcriptions:transcribe?api-version=2025-10-15`, { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': KEY }, body: form });
    assert.equal(transcribed.status, 200);
    const result = await transcribed.json();
    assert.ok(result.durationMilliseconds > 1000);
    assert.match(result.combinedPhrases[0].text, /derailleur/);
    assert.ok(result.phrases[0].words.length >= 5);
    assert.equal((await engine.call('DELETE', `/models/${modelId}`)).status, 409); // deployed: the endpoint goes first

    // What each model recognized stays with the test set; a deleted model's entry goes with it.
    const cacheFolder = path.join(engine.dataDir, 'dataset-files', test, 'hypotheses');
    assert.deepEqual(readdirSync(cacheFolder).map((name) => name.replace(/-[0-9a-f]{32}\.json$/, '')).sort(), ['base', modelId].sort());
    assert.equal((await engine.call('DELETE', `/endpoints/${idOf(endpoint.body.self)}`)).status, 204);
    assert.equal((await engine.call('DELETE', `/models/${modelId}`)).status, 204);
    assert.deepEqual(readdirSync(cacheFolder).map((name) => name.replace(/-[0-9a-f]{32}\.json$/, '')), ['base']);
    console.log(`      base model WER ${(p.wordErrorRate1 * 100).toFixed(1)}%, custom model WER ${(p.wordErrorRate2 * 100).toFixed(1)}% on ${words} words`);
  });

  it('stops decoding when the engine stops, leaving the evaluation to run again after the restart', async () => {
    const test = await testSet('stop-test.zip', testSentences);
    const base = (await engine.call('GET', '/models/base')).body.values[0];
    const created = await engine.call('POST', '/evaluations', { displayName: 'stopped midway', locale: 'en-US', model1: { self: base.self }, model2: { self: base.self }, dataset: { self: `x/datasets/${test}` } });
    const id = idOf(created.body.self);
    for (let i = 0; i < 400 && (await engine.call('GET', `/evaluations/${id}`)).body.status !== 'Running'; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    await engine.restart(async () => {
      // What the stopped engine left on disk: neither finished (it did not wait for the decodes) nor failed.
      const stored = JSON.parse(readFileSync(path.join(engine.dataDir, 'evaluations', `${id}.json`), 'utf8'));
      assert.equal(stored.status, 'Running', JSON.stringify(stored.error ?? stored.status));
    });
    const evaluation = await engine.settle(`/evaluations/${id}`);
    assert.equal(evaluation.status, 'Succeeded', JSON.stringify(evaluation.properties));
    assert.equal(evaluation.properties.sentenceCount1, testSentences.length);
  });

  it('takes a model that decoded the test set before (the baseline of every comparison) from the cache, kept with the dataset', async () => {
    const test = await testSet('cached.zip', testSentences.slice(0, 2));
    const base = (await engine.call('GET', '/models/base')).body.values[0];
    const evaluate = async () => {
      const created = await engine.call('POST', '/evaluations', { displayName: 'baseline', locale: 'en-US', model1: { self: base.self }, model2: { self: base.self }, dataset: { self: `x/datasets/${test}` } });
      const id = idOf(created.body.self);
      assert.equal((await engine.settle(`/evaluations/${id}`)).status, 'Succeeded');
      return JSON.parse(readFileSync(path.join(engine.dataDir, 'evaluation-files', id, 'call-0.wav.model1_score.json'), 'utf8')).hypothesis as string;
    };
    const decodedFirst = await evaluate();
    const cacheFolder = path.join(engine.dataDir, 'dataset-files', test, 'hypotheses');
    const [entry] = readdirSync(cacheFolder);
    assert.match(entry!, /^base-[0-9a-f]{32}\.json$/);
    // Marked, to see the second evaluation read it rather than decode again.
    const cached = JSON.parse(readFileSync(path.join(cacheFolder, entry!), 'utf8'));
    assert.equal(cached.hypotheses[0].text, decodedFirst);
    cached.hypotheses[0].text = 'from the cache';
    writeFileSync(path.join(cacheFolder, entry!), JSON.stringify(cached));
    assert.equal(await evaluate(), 'from the cache');
    // An entry of other model files or settings (another digest) is never read again: storing the
    // current one deletes it.
    const stale = path.join(cacheFolder, `base-${'0'.repeat(32)}.json`);
    writeFileSync(stale, JSON.stringify(cached));
    rmSync(path.join(cacheFolder, entry!));
    await evaluate();
    assert.deepEqual(readdirSync(cacheFolder), [entry]);
    assert.equal((await engine.call('DELETE', `/datasets/${test}`)).status, 204);
    assert.equal(existsSync(cacheFolder), false);
  });

  it('refuses a test dataset that is not audio, and a model that is not trained', async () => {
    const language = await dataset('Language', 'text.txt', '\uFEFFhello there\n');
    const base = (await engine.call('GET', '/models/base')).body.values[0];
    const response = await engine.call('POST', '/evaluations', { displayName: 'x', locale: 'en-US', model1: { self: base.self }, dataset: { self: `x/datasets/${language}` } });
    assert.equal(response.status, 400);
    assert.match(response.body.message, /Acoustic dataset/);
  });
});
