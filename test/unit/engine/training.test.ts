import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { modelFolder } from '../../../src/engine/engine-state';
import { decoderConfig } from '../../../src/engine/evaluation/model-config';
import { wavBytes } from '../formats/wav-builder';
import { idOf, KEY, TestEngine } from './engine-client';
import { speak } from './recognizer-speech';
import { zipBytes } from './zip-builder';

const domain = [
  'the rear derailleur skips on the smallest cog',
  'can you bleed my shimano disc brakes',
  'do you stock tubeless sealant for gravel tires',
  'my bottom bracket creaks when i stand on the pedals',
  'i need a new cassette and chain installed',
  'please true the rear wheel and adjust the derailleur',
  'the tubeless tire keeps losing air overnight',
  'how much for a full service on a road bike',
  'the cargo bike needs new brake pads',
  'can you fit a dropper post to my mountain bike',
];

describe('local engine: training a custom model', function () {
  this.timeout(60_000);
  let engine: TestEngine;
  let speech: string;
  before(async () => {
    engine = await TestEngine.start();
    speech = await mkdtemp(path.join(tmpdir(), 'cs-training-speech-'));
  });
  after(async () => {
    await engine.stop();
    await rm(speech, { recursive: true, force: true });
  });

  const dataset = (kind: string, name: string, content: string | Uint8Array) => engine.importedDatasetId(kind, name, content);

  it('learns a domain language model, new words and their pronunciations, and reports them', async () => {
    // 30 sentences, so every 10th is held out to measure perplexity.
    const text = '\uFEFF' + [...domain, ...domain, ...domain].map((s, i) => (i < 10 ? s : `${s} please`)).join('\n') + '\n';
    const language = await dataset('Language', 'related.txt', text);
    const pronunciation = await dataset('Pronunciation', 'pron.txt', 'Contoso\tcon toe so\nShimano\tshe mah no\n');
    const base = (await engine.call('GET', '/models/base')).body.values[0];
    const created = await engine.call('POST', '/models', {
      displayName: 'bike shop',
      locale: 'en-US',
      baseModel: { self: base.self },
      datasets: [{ self: `x/datasets/${language}` }, { self: `x/datasets/${pronunciation}` }],
      properties: { customModelWeightPercent: 40 },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.properties.customModelWeightPercent, 40);
    const id = idOf(created.body.self);
    const trained = await engine.settle(`/models/${id}`);
    assert.equal(trained.status, 'Succeeded', JSON.stringify(trained.properties));
    const files = await engine.call('GET', `/models/${id}/files`);
    const reportFile = files.body.values.find((f: { kind: string }) => f.kind === 'ModelReport');
    const report = await (await fetch(reportFile.links.contentUrl)).json();
    assert.deepEqual(report.datasets.map((d: { linesUsed: number }) => d.linesUsed), [30, 2]);
    assert.ok(report.newWords.examples.includes('derailleur') || report.newWords.examples.includes('tubeless'), JSON.stringify(report.newWords));
    assert.equal(report.pronunciations.fromDatasets, 2);
    assert.ok(report.pronunciations.generated >= 1);
    assert.equal(report.heldOut.sentences, 3);
    assert.ok(report.heldOut.perplexity > 1 && report.heldOut.perplexity < 50, String(report.heldOut.perplexity));
    const folder = modelFolder(engine.engine.state, id);
    const dictionary = await readFile(path.join(folder, 'dictionary.dict'), 'utf8');
    assert.match(dictionary, /^contoso K AA N T OW S OW$/m); // "con toe so", from the CMU dictionary's words
    assert.match(dictionary, /^derailleur( [A-Z]+)+$/m); // generated
    assert.match(await readFile(path.join(folder, 'domain.arpa'), 'utf8'), /^\\data\\/);
    // The decoder loads the binary form training compiled; a model without one (trained before) decodes from the ARPA text.
    const ref = { base: false, id };
    assert.equal(decoderConfig(engine.engine.state, ref).domainLanguageModel!.path, path.join(folder, 'domain.lm.bin'));
    const manifest = await engine.call('GET', created.body.links.manifest);
    assert.deepEqual(manifest.body.modelFiles.map((f: { name: string }) => f.name), ['domain.arpa', 'domain.lm.bin', 'dictionary.dict']);
    const dictionaryLink = manifest.body.modelFiles.find((f: { name: string }) => f.name === 'dictionary.dict').contentUrl;
    assert.match(await (await fetch(dictionaryLink)).text(), /^derailleur /m);
    await rm(path.join(folder, 'domain.lm.bin'));
    assert.equal(decoderConfig(engine.engine.state, ref).domainLanguageModel!.path, path.join(folder, 'domain.arpa'));
  });

  it('learns from the transcripts of Acoustic datasets too, and counts their audio', async () => {
    const lines = domain.map((sentence, i) => `call-${i}.wav\t${sentence}`).join('\n') + '\n';
    const files: Record<string, Uint8Array | string> = { 'trans.txt': lines };
    domain.forEach((_, i) => (files[`call-${i}.wav`] = wavBytes({ seconds: 3 })));
    const acoustic = await dataset('Acoustic', 'calls.zip', await zipBytes(files));
    const created = await engine.call('POST', '/models', { displayName: 'from calls', locale: 'en-US', datasets: [{ self: `x/datasets/${acoustic}` }] });
    const trained = await engine.settle(`/models/${idOf(created.body.self)}`);
    assert.equal(trained.status, 'Succeeded', JSON.stringify(trained.properties));
    const files2 = await engine.call('GET', `/models/${idOf(created.body.self)}/files`);
    const report = await (await fetch(files2.body.values[0].links.contentUrl)).json();
    assert.equal(report.datasets[0].linesUsed, domain.length);
    assert.equal(report.audio.minutes, 0.5);
    // Silence cannot be aligned to the transcripts: no acoustic model, and the report says why.
    assert.equal(report.audio.method, 'none');
    assert.match(report.audio.adaptation, /no utterance could be aligned/);
    assert.deepEqual(report.audio.skipped.map((s: { count: number }) => s.count), [domain.length]);
    assert.ok(report.newWords.examples.includes('derailleur'));
    assert.ok(!existsSync(path.join(modelFolder(engine.engine.state, idOf(created.body.self)), 'acoustic-model')));
  });

  it('adapts the acoustic model to a little speech with MLLR, leaving out utterances over 40 s, and decodes with it', async () => {
    const files: Record<string, Uint8Array | string> = {};
    const lines = domain.slice(0, 5).map((sentence, i) => {
      files[`call-${i}.wav`] = readFileSync(speak(sentence, speech, `mllr-${i}`, { variant: 'klatt2', wordsPerMinute: 165 }));
      return `call-${i}.wav\t${sentence}\n`;
    });
    files['long.wav'] = wavBytes({ seconds: 41 });
    files['trans.txt'] = lines.join('') + 'long.wav\tthe whole story of my bike\n';
    const acoustic = await dataset('Acoustic', 'few-calls.zip', await zipBytes(files));
    const created = await engine.call('POST', '/models', { displayName: 'few calls', locale: 'en-US', datasets: [{ self: `x/datasets/${acoustic}` }] });
    const id = idOf(created.body.self);
    const trained = await engine.settle(`/models/${id}`);
    assert.equal(trained.status, 'Succeeded', JSON.stringify(trained));
    const listed = await engine.call('GET', `/models/${id}/files`);
    const report = await (await fetch(listed.body.values[0].links.contentUrl)).json();
    assert.equal(report.audio.method, 'MLLR', report.audio.adaptation);
    assert.equal(report.audio.utterancesUsed, 5);
    assert.deepEqual(report.audio.skipped, [{ reason: 'longer than 40 seconds (the service trains on shorter utterances only)', count: 1, examples: ['few-calls.zip: long.wav'] }]);
    assert.match(report.audio.adaptation, /^MLLR: .* \(5 utterances; 1 skipped: 1 longer than 40 seconds/);
    const folder = modelFolder(engine.engine.state, id);
    const entries = await readdir(folder);
    assert.deepEqual(entries.filter((name) => name.startsWith('adaptation-work')), []); // temporary files are gone
    assert.deepEqual((await readdir(path.join(folder, 'acoustic-model'))).sort(), ['feat.params', 'mdef', 'means', 'noisedict', 'sendump', 'transition_matrices', 'variances']);
    assert.equal(decoderConfig(engine.engine.state, { base: false, id }).acousticModel, path.join(folder, 'acoustic-model'));
    // The manifest lists the adapted model's files with the language model and dictionary.
    const manifest = await engine.call('GET', created.body.links.manifest);
    const means = manifest.body.modelFiles.find((f: { name: string }) => f.name === 'acoustic-model/means');
    assert.deepEqual(manifest.body.modelFiles.slice(0, 3).map((f: { name: string }) => f.name), ['domain.arpa', 'domain.lm.bin', 'dictionary.dict']);
    assert.equal(manifest.body.modelFiles.length, 3 + 7);
    assert.deepEqual(Buffer.from(await (await fetch(means.contentUrl)).arrayBuffer()), await readFile(path.join(folder, 'acoustic-model', 'means')));

    // The adapted model decodes: one of its own utterances through fast transcription.
    const form = new FormData();
    form.set('audio', new Blob([files['call-0.wav'] as Uint8Array<ArrayBuffer>]), 'call-0.wav');
    form.set('definition', JSON.stringify({ locales: ['en-US'], models: { 'en-US': created.body.self } }));
    const transcribed = await fetch(`${engine.url}/speechtotext/transcriptions:transcribe?api-version=2025-10-15`, { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': KEY }, body: form });
    assert.equal(transcribed.status, 200);
    assert.match((await transcribed.json()).combinedPhrases[0].text, /derailleur/);
  });

  it('stops adapting when the engine stops, and trains the model again after the restart', async () => {
    const files: Record<string, Uint8Array | string> = {};
    files['trans.txt'] = domain.map((sentence, i) => {
      files[`call-${i}.wav`] = readFileSync(speak(sentence, speech, `restart-${i}`, { variant: 'klatt3', wordsPerMinute: 160 }));
      return `call-${i}.wav\t${sentence}\n`;
    }).join('');
    const acoustic = await dataset('Acoustic', 'restart-calls.zip', await zipBytes(files));
    const created = await engine.call('POST', '/models', { displayName: 'interrupted', locale: 'en-US', datasets: [{ self: `x/datasets/${acoustic}` }] });
    const id = idOf(created.body.self);
    const folder = modelFolder(engine.engine.state, id);
    // Stop while the adaptation works (its work folder exists), not before or after.
    for (let i = 0; i < 600 && !(existsSync(folder) && (await readdir(folder)).some((name) => name.startsWith('adaptation-work'))); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    const stopping = Date.now();
    await engine.restart();
    assert.ok(Date.now() - stopping < 5_000, 'the engine waited for the adaptation to finish');
    const trained = await engine.settle(`/models/${id}`);
    assert.equal(trained.status, 'Succeeded', JSON.stringify(trained));
    const listed = await engine.call('GET', `/models/${id}/files`);
    const report = await (await fetch(listed.body.values[0].links.contentUrl)).json();
    assert.equal(report.audio.method, 'MLLR', report.audio.adaptation);
    assert.deepEqual((await readdir(folder)).filter((name) => name.startsWith('adaptation-work')), []);
  });

  it('learns from structured text, its lists expanded into the sentences', async () => {
    const markdown = '\uFEFF@ list part =\n- derailleur hanger\n- dropper post\n#Requests\n- please replace my {@part}\n- the {@part} is bent\n';
    const structured = await dataset('LanguageMarkdown', 'requests.md', markdown);
    const created = await engine.call('POST', '/models', { displayName: 'structured', locale: 'en-US', datasets: [{ self: `x/datasets/${structured}` }] });
    const trained = await engine.settle(`/models/${idOf(created.body.self)}`);
    assert.equal(trained.status, 'Succeeded', JSON.stringify(trained.properties));
    const files = await engine.call('GET', `/models/${idOf(created.body.self)}/files`);
    const report = await (await fetch(files.body.values[0].links.contentUrl)).json();
    assert.equal(report.languageModel.sentences, 4); // 2 templates × 2 items
    const arpa = await readFile(path.join(modelFolder(engine.engine.state, idOf(created.body.self)), 'domain.arpa'), 'utf8');
    assert.match(arpa, /\tmy dropper post\n/);
  });

  it('refuses datasets that did not succeed, unknown base models and bad weights', async () => {
    const language = await dataset('Language', 'ok.txt', '\uFEFFbook a service\n');
    const ref = [{ self: `x/datasets/${language}` }];
    let response = await engine.call('POST', '/models', { displayName: 'm', locale: 'en-US', datasets: ref, properties: { customModelWeightPercent: 0 } });
    assert.equal(response.status, 400);
    response = await engine.call('POST', '/models', { displayName: 'm', locale: 'en-US', datasets: ref, baseModel: { self: 'x/models/base/00000000-0000-0000-0000-000000000000' } });
    assert.equal(response.body.innerError.code, 'InvalidBaseModel');
    const blocks = await engine.call('POST', '/datasets', { kind: 'Language', displayName: 'never uploaded', locale: 'en-US' });
    response = await engine.call('POST', '/models', { displayName: 'm', locale: 'en-US', datasets: [{ self: blocks.body.self }] });
    assert.equal(response.body.innerError.code, 'FailedDataset');
    assert.equal((await engine.call('POST', '/models', { displayName: 'm', locale: 'en-US', datasets: [] })).status, 400);
  });
});
