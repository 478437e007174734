import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { wavBytes } from '../formats/wav-builder';
import { idOf, TestEngine } from './engine-client';
import { zipBytes } from './zip-builder';

/** The routes of models, evaluations and endpoints: updates, lists, filters, links and refusals. */
describe('local engine: model, evaluation and endpoint routes', function () {
  this.timeout(120_000);
  let engine: TestEngine;
  let project: { self: string };
  let language: string;
  let audio: string;
  let model: { self: string };

  before(async () => {
    engine = await TestEngine.start();
    project = (await engine.call('POST', '/projects', { displayName: 'routes', locale: 'en-US' })).body;
    const text = path.join(engine.dataDir, 'related.txt');
    await writeFile(text, '\uFEFFbook a service for my road bike\ntrue the rear wheel please\n');
    language = (await engine.call('POST', '/datasets', { kind: 'Language', displayName: 'text', locale: 'en-US', contentUrl: pathToFileURL(text).href })).body.self;
    const zip = path.join(engine.dataDir, 'audio.zip');
    await writeFile(zip, await zipBytes({ 'trans.txt': 'a.wav\tbook a service\nb.wav\ttrue the wheel\n', 'a.wav': wavBytes({ seconds: 1 }), 'b.wav': wavBytes({ seconds: 1 }) }));
    audio = (await engine.call('POST', '/datasets', { kind: 'Acoustic', displayName: 'silence', locale: 'en-US', contentUrl: pathToFileURL(zip).href })).body.self;
    for (const self of [language, audio]) assert.equal((await engine.settle(`/datasets/${idOf(self)}`)).status, 'Succeeded');
    model = (await engine.call('POST', '/models', { displayName: 'm1', locale: 'en-US', datasets: [{ self: language }], project: { self: project.self } })).body;
    assert.equal((await engine.settle(`/models/${idOf(model.self)}`)).status, 'Succeeded');
  });
  after(async () => {
    await engine.stop();
  });

  it('models: update, list with a filter and paging, refuse what cannot change, answer Retry-After while training', async () => {
    const id = idOf(model.self);
    assert.equal((await engine.call('PATCH', `/models/${id}`, { description: 'first' })).body.description, 'first');
    assert.equal((await engine.call('PATCH', `/models/${id}`, { datasets: [] })).status, 400);
    const second = await engine.call('POST', '/models', { displayName: 'm2', locale: 'en-US', datasets: [{ self: language }] });
    const running = await engine.call('GET', `/models/${idOf(second.body.self)}`);
    if (running.body.status !== 'Succeeded') assert.equal(running.headers.get('retry-after'), '5');
    await engine.settle(`/models/${idOf(second.body.self)}`);
    const page = await engine.call('GET', '/models?top=1');
    assert.equal(page.body.values.length, 1);
    assert.match(page.body['@nextLink'], /skip=1&top=1/);
    const filtered = await engine.call('GET', `/models?filter=${encodeURIComponent("displayName eq 'm2' and status eq 'Succeeded'")}`);
    assert.deepEqual(filtered.body.values.map((m: { displayName: string }) => m.displayName), ['m2']);
    const byProject = await engine.call('GET', `/projects/${idOf(project.self)}/models`);
    assert.deepEqual(byProject.body.values.map((m: { displayName: string }) => m.displayName), ['m1']);
    assert.equal((await engine.call('GET', `/projects/${idOf(project.self)}`)).body.properties.modelCount, 1);
    assert.equal((await engine.call('DELETE', `/models/${idOf(second.body.self)}`)).status, 204);
    assert.equal((await engine.call('GET', `/models/${idOf(second.body.self)}`)).status, 404);
  });

  it('evaluations: a single model against itself, inspection of audio only, updates, lists and deletes', async () => {
    const created = await engine.call('POST', '/evaluations', { displayName: 'one model', locale: 'en-US', model1: { self: model.self }, dataset: { self: audio }, project: { self: project.self } });
    assert.equal(created.status, 201);
    assert.equal(created.body.model2.self, created.body.model1.self); // no model2: tested against itself
    const id = idOf(created.body.self);
    const done = await engine.settle(`/evaluations/${id}`);
    assert.equal(done.status, 'Succeeded', JSON.stringify(done.properties));
    assert.equal(done.properties.wordErrorRate1, done.properties.wordErrorRate2);
    assert.equal(done.properties.sentenceCount1, 2);
    assert.equal((await engine.call('PATCH', `/evaluations/${id}`, { displayName: 'renamed' })).body.displayName, 'renamed');
    assert.equal((await engine.call('PATCH', `/evaluations/${id}`, { dataset: { self: audio } })).status, 400);
    assert.equal((await engine.call('GET', `/projects/${idOf(project.self)}/evaluations`)).body.values.length, 1);
    const files = await engine.call('GET', `/evaluations/${id}/files?filter=${encodeURIComponent("name eq 'score.json'")}`);
    assert.equal(files.body.values.length, 1);
    assert.equal((await engine.call('DELETE', `/evaluations/${id}`)).status, 204);
    assert.equal((await engine.call('GET', `/evaluations/${id}/files`)).status, 404);
    const bad = await engine.call('POST', '/evaluations', { displayName: 'x', locale: 'en-US', model1: { self: 'x/models/00000000-0000-0000-0000-000000000000' }, dataset: { self: audio } });
    assert.equal(bad.status, 400);

    // Audio without transcripts: an inspection — hypotheses for each file, no WER.
    const zip = path.join(engine.dataDir, 'audio-only.zip');
    await writeFile(zip, await zipBytes({ 'a.wav': wavBytes({ seconds: 1 }), 'b.wav': wavBytes({ seconds: 1 }) }));
    const audioOnly = (await engine.call('POST', '/datasets', { kind: 'AudioFiles', displayName: 'audio only', locale: 'en-US', contentUrl: pathToFileURL(zip).href })).body.self;
    assert.equal((await engine.settle(`/datasets/${idOf(audioOnly)}`)).status, 'Succeeded');
    const inspection = await engine.call('POST', '/evaluations', { displayName: 'inspection', locale: 'en-US', model1: { self: model.self }, dataset: { self: audioOnly } });
    const inspected = await engine.settle(`/evaluations/${idOf(inspection.body.self)}`);
    assert.equal(inspected.status, 'Succeeded');
    assert.equal(inspected.properties.wordErrorRate1, -1);
    assert.equal(inspected.properties.sentenceCount1, 2);
    const details = await engine.call('GET', `/evaluations/${idOf(inspection.body.self)}/files`);
    assert.deepEqual(details.body.values.map((f: { name: string }) => f.name).sort(), ['a.wav.model1_score.json', 'a.wav.model2_score.json', 'b.wav.model1_score.json', 'b.wav.model2_score.json']);
  });

  it('endpoints: deploy, update, redeploy on another model, list by project, delete', async () => {
    const base = (await engine.call('GET', '/models/base')).body.values[0];
    const created = await engine.call('POST', '/endpoints', { displayName: 'live', locale: 'en-US', model: { self: base.self }, project: { self: project.self } });
    assert.equal(created.status, 201);
    const id = idOf(created.body.self);
    assert.equal((await engine.settle(`/endpoints/${id}`)).status, 'Succeeded');
    const moved = await engine.call('PATCH', `/endpoints/${id}`, { model: { self: model.self } });
    assert.equal(moved.body.model.self, model.self);
    assert.equal((await engine.call('GET', `/projects/${idOf(project.self)}/endpoints`)).body.values.length, 1);
    assert.equal((await engine.call('DELETE', `/models/${idOf(model.self)}`)).body.innerError.code, 'InUseViolation');
    assert.equal((await engine.call('DELETE', `/endpoints/${id}`)).status, 204);
    assert.equal((await engine.call('GET', `/endpoints/${id}`)).status, 404);
    const untrained = await engine.call('POST', '/endpoints', { displayName: 'x', locale: 'en-US', model: { self: 'x/models/00000000-0000-0000-0000-000000000000' } });
    assert.equal(untrained.status, 400);
  });

  it('transcribe: refuses a request without audio, and audio in the wrong format', async () => {
    const form = new FormData();
    form.set('definition', JSON.stringify({ locales: ['en-US'] }));
    const url = `${engine.url}/speechtotext/transcriptions:transcribe?api-version=2025-10-15`;
    const headers = { 'Ocp-Apim-Subscription-Key': 'test-key-0123456789abcdef' };
    let response = await fetch(url, { method: 'POST', headers, body: form });
    assert.equal(response.status, 400);
    assert.equal((await response.json()).innerError.code, 'EmptyAudioFile');
    form.set('audio', new Blob([new Uint8Array(wavBytes({ sampleRate: 44100, channels: 2 }))]), 'loud.wav');
    response = await fetch(url, { method: 'POST', headers, body: form });
    assert.equal(response.status, 400);
    assert.match((await response.json()).message, /16 kHz|mono|sox/);
  });
});
