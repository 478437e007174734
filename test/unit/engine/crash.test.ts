import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { idOf } from './engine-client';
import { EngineProcess } from './engine-process';
import { speak } from './recognizer-speech';
import { zipBytes } from './zip-builder';

const settled = (entity: { status?: string }) => entity.status === 'Succeeded' || entity.status === 'Failed';

/** kill -9 in the middle of each kind of work, restart, and nothing is lost or stuck. */
describe('local engine: kill -9 and concurrency', function () {
  this.timeout(240_000);
  let dataDir: string;
  let engine: EngineProcess;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'cs-crash-'));
    engine = await EngineProcess.start(dataDir);
  });
  afterEach(async () => {
    await engine.kill().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  async function language(name: string, lines: number): Promise<string> {
    const file = path.join(dataDir, name);
    const sentences = Array.from({ length: lines }, (_, i) => `please book service number ${['one', 'two', 'three', 'four'][i % 4]} for my road bike and true the wheel ${i % 7 === 0 ? 'today' : 'soon'}`);
    await writeFile(file, '\uFEFF' + sentences.join('\n') + '\n');
    const created = await engine.call('POST', '/datasets', { kind: 'Language', displayName: name, locale: 'en-US', contentUrl: pathToFileURL(file).href });
    const done = await engine.waitFor(`/datasets/${idOf(created.body.self)}`, settled);
    assert.equal(done.status, 'Succeeded');
    return created.body.self;
  }

  it('during a block upload: the blocks written survive, the upload resumes and commits', async () => {
    const created = await engine.call('POST', '/datasets', { kind: 'Language', displayName: 'upload', locale: 'en-US' });
    const id = idOf(created.body.self);
    const content = Buffer.from('\uFEFF' + 'book a service for my road bike\n'.repeat(200_000));
    const blocks = [content.subarray(0, 4_000_000), content.subarray(4_000_000)];
    assert.equal((await engine.call('PUT', `/datasets/${id}/blocks?blockid=AAA%3D`, blocks[0])).status, 201);
    // Killed while the second block streams in.
    const inFlight = engine.call('PUT', `/datasets/${id}/blocks?blockid=AAE%3D`, blocks[1]).catch(() => undefined);
    await engine.kill();
    await inFlight;
    engine = await EngineProcess.start(dataDir);
    const listed = (await engine.call('GET', `/datasets/${id}/blocks`)).body.uncommittedBlocks;
    assert.ok(listed.some((b: { name: string; size: number }) => b.name === 'AAA=' && b.size === blocks[0]!.length), JSON.stringify(listed));
    // A half-written block is never listed as if complete.
    for (const block of listed) if (block.name === 'AAE=') assert.equal(block.size, blocks[1]!.length);
    // Resume: send only what is missing, then commit.
    if (!listed.some((b: { name: string }) => b.name === 'AAE=')) assert.equal((await engine.call('PUT', `/datasets/${id}/blocks?blockid=AAE%3D`, blocks[1])).status, 201);
    assert.equal((await engine.call('POST', `/datasets/${id}/blocks:commit`, [{ kind: 'Uncommitted', id: 'AAA=' }, { kind: 'Uncommitted', id: 'AAE=' }])).status, 200);
    const done = await engine.waitFor(`/datasets/${id}`, settled);
    assert.equal(done.status, 'Succeeded', JSON.stringify(done.properties));
    assert.equal(done.properties.acceptedLineCount, 200_000); // every line of both blocks, none lost or doubled
  });

  it('during training: the model trains again after the restart, never stays Running', async () => {
    const data = await language('big.txt', 60_000);
    const created = await engine.call('POST', '/models', { displayName: 'interrupted', locale: 'en-US', datasets: [{ self: data }] });
    const id = idOf(created.body.self);
    await engine.waitFor(`/models/${id}`, (m) => m.status === 'Running');
    await engine.kill();
    engine = await EngineProcess.start(dataDir);
    const model = await engine.waitFor(`/models/${id}`, settled);
    assert.equal(model.status, 'Succeeded', JSON.stringify(model.properties));
    assert.equal((await engine.call('GET', `/models/${id}/files`)).body.values.length, 1);
  });

  it('during an evaluation: it runs again after the restart and succeeds', async () => {
    const speech = await mkdtemp(path.join(tmpdir(), 'cs-crash-speech-'));
    try {
      const sentences = ['book a service for my road bike', 'please true the rear wheel', 'can you fit new brake pads', 'my chain skips on the climb'];
      const files: Record<string, Uint8Array | string> = { 'trans.txt': sentences.map((s, i) => `u${i}.wav\t${s}`).join('\n') + '\n' };
      sentences.forEach((s, i) => (files[`u${i}.wav`] = readFileSync(speak(s, speech, `u${i}`))));
      const zip = path.join(dataDir, 'test.zip');
      await writeFile(zip, await zipBytes(files));
      const test = await engine.call('POST', '/datasets', { kind: 'Acoustic', displayName: 'test', locale: 'en-US', contentUrl: pathToFileURL(zip).href });
      assert.equal((await engine.waitFor(`/datasets/${idOf(test.body.self)}`, settled)).status, 'Succeeded');
      const base = (await engine.call('GET', '/models/base')).body.values[0];
      const created = await engine.call('POST', '/evaluations', { displayName: 'interrupted', locale: 'en-US', model1: { self: base.self }, dataset: { self: test.body.self } });
      const id = idOf(created.body.self);
      await engine.waitFor(`/evaluations/${id}`, (e) => e.status === 'Running');
      await engine.kill();
      engine = await EngineProcess.start(dataDir);
      const evaluation = await engine.waitFor(`/evaluations/${id}`, settled);
      assert.equal(evaluation.status, 'Succeeded', JSON.stringify(evaluation.properties));
      assert.equal(evaluation.properties.sentenceCount1, 4);
    } finally {
      await rm(speech, { recursive: true, force: true });
    }
  });

  it('20 clients listing and creating while a model trains: no error, nothing lost or doubled', async () => {
    const data = await language('train.txt', 30_000);
    const model = await engine.call('POST', '/models', { displayName: 'busy', locale: 'en-US', datasets: [{ self: data }] });
    const created: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, client) => {
        for (let round = 0; round < 10; round++) {
          const project = await engine.call('POST', '/projects', { displayName: `client ${client} round ${round}`, locale: 'en-US' });
          assert.equal(project.status, 201);
          created.push(project.body.self);
          const list = await engine.call('GET', '/projects?top=5');
          assert.equal(list.status, 200);
          assert.equal((await engine.call('GET', `/models/${idOf(model.body.self)}`)).status, 200);
        }
      }),
    );
    assert.equal((await engine.waitFor(`/models/${idOf(model.body.self)}`, settled)).status, 'Succeeded');
    await engine.kill();
    engine = await EngineProcess.start(dataDir);
    const names: string[] = [];
    for (let next: string | undefined = '/projects?top=100'; next; ) {
      const page: { body: { values: { displayName: string }[]; '@nextLink'?: string } } = await engine.call('GET', next);
      names.push(...page.body.values.map((p) => p.displayName));
      next = page.body['@nextLink']?.replace(/^.*\/speechtotext/, '').replace(/&api-version=[^&]*$/, '');
    }
    assert.equal(names.length, 200);
    assert.equal(new Set(names).size, 200);
    assert.equal(created.length, 200);
  });
});
