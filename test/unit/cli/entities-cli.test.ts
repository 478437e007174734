import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TestEngine } from '../engine/engine-client';
import { EngineProcess } from '../engine/engine-process';
import { RELATED_TEXT } from '../workflow/workspace-fixture';
import { jsonOf, runCli } from './service-cli';

describe('custom-speech datasets|models|evaluations|endpoints (CLI)', function () {
  this.timeout(120_000);
  let engine: TestEngine;
  let work: string;
  const run = (...args: string[]) => runCli([...args, '--url', engine.url]);

  before(async () => {
    engine = await TestEngine.start();
    work = await mkdtemp(path.join(tmpdir(), 'cs-cli-entities-'));
    await writeFile(path.join(work, 'related.txt'), '\uFEFF' + RELATED_TEXT.join('\n') + '\n');
  });
  after(async () => {
    await engine.stop();
    await rm(work, { recursive: true, force: true });
  });

  let datasetId: string;
  let modelId: string;

  it('creates a dataset from a file and waits for its import', async () => {
    const result = await run('datasets', 'create', '--kind', 'Language', '--file', path.join(work, 'related.txt'), '--name', 'related', '--wait', '--json');
    assert.equal(result.code, 0, result.stderr);
    const dataset = jsonOf(result);
    assert.equal(dataset.status, 'Succeeded');
    assert.equal(dataset.displayName, 'related');
    datasetId = /datasets\/([0-9a-f-]{36})/.exec(dataset.self)![1]!;
  });

  it('lists with --json, --top and --filter, and as a table', async () => {
    await run('datasets', 'create', '--kind', 'Language', '--file', path.join(work, 'related.txt'), '--name', 'second', '--wait');
    assert.equal(jsonOf(await run('datasets', 'list', '--json')).length, 2);
    assert.equal(jsonOf(await run('datasets', 'list', '--json', '--top', '1')).length, 1);
    const filtered = jsonOf(await run('datasets', 'list', '--json', '--filter', "displayName eq 'related'"));
    assert.deepEqual(filtered.map((d: { displayName: string }) => d.displayName), ['related']);
    const table = await run('datasets', 'list');
    assert.equal(table.code, 0);
    assert.match(table.stdout, /^ID\s+NAME\s+KIND\s+STATUS/);
    assert.match(table.stdout, new RegExp(`${datasetId}\\s+related\\s+Language\\s+Succeeded`));
  });

  it('shows one entity as fields or JSON', async () => {
    const shown = await run('datasets', 'show', datasetId);
    assert.equal(shown.code, 0);
    assert.match(shown.stdout, /^id:\s+[0-9a-f-]{36}$/m);
    assert.match(shown.stdout, /^accepted lines:\s+5$/m);
    assert.equal(jsonOf(await run('datasets', 'show', datasetId, '--json')).properties.acceptedLineCount, 5);
  });

  it('trains a model from a dataset on the latest base model, and waits for it', async () => {
    const created = await run('models', 'create', '--dataset', datasetId, '--name', 'bike shop', '--weight', '40', '--json');
    assert.equal(created.code, 0, created.stderr);
    modelId = /models\/([0-9a-f-]{36})/.exec(jsonOf(created).self)![1]!;
    assert.match(jsonOf(created).baseModel.self, /models\/base\//);
    const waited = await run('models', 'wait', modelId, '--json');
    assert.equal(waited.code, 0, waited.stderr);
    assert.equal(jsonOf(waited).status, 'Succeeded');
    assert.equal(jsonOf(waited).properties.customModelWeightPercent, 40);
  });

  it('deploys the model to an endpoint and deletes both', async () => {
    const endpoint = jsonOf(await run('endpoints', 'create', '--model', modelId, '--name', 'bike shop', '--wait', '--json'));
    assert.equal(endpoint.status, 'Succeeded');
    const endpointId = /endpoints\/([0-9a-f-]{36})/.exec(endpoint.self)![1]!;
    assert.deepEqual(jsonOf(await run('endpoints', 'delete', endpointId, '--json')), { deleted: endpointId });
    const deleted = await run('models', 'delete', modelId);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.match(deleted.stdout, /Deleted model/);
    const gone = await run('models', 'show', modelId);
    assert.equal(gone.code, 2);
    assert.match(gone.stderr, /404 NotFound/);
  });

  it("passes the service's refusal on with its codes", async () => {
    const base = (await engine.call('GET', '/models/base')).body.values[0];
    const baseId = /base\/([0-9a-f-]{36})/.exec(base.self)![1]!;
    // A text dataset is no test set.
    const refused = await run('evaluations', 'create', '--model1', baseId, '--dataset', datasetId, '--name', 'bad');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /400 InvalidRequest\/InvalidDataset/);
  });

  it('stops an upload at lint errors, naming file and line, with exit code 1', async () => {
    const file = path.join(work, 'no-bom.txt');
    await writeFile(file, 'the chain skips\n');
    const before = jsonOf(await run('datasets', 'list', '--json')).length;
    const result = await run('datasets', 'create', '--kind', 'Language', '--file', file);
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`${file.replace(/[.\\]/g, '\\$&')}:1: .*NoUtf8WithBom`));
    assert.equal(jsonOf(await run('datasets', 'list', '--json')).length, before, 'nothing was uploaded');
  });

  it('stops waiting on Ctrl+C with exit code 130', async () => {
    // A dataset created without content waits for its blocks: it never finishes on its own.
    const created = await engine.call('POST', '/datasets', { kind: 'Language', displayName: 'pending', locale: 'en-US' });
    const id = /datasets\/([0-9a-f-]{36})/.exec(created.body.self)![1]!;
    const result = await runCli(['datasets', 'wait', id, '--url', engine.url], {}, 2000);
    assert.equal(result.code, 130, result.stderr);
    assert.match(result.stderr, /cancelled/);
    await engine.call('DELETE', `/datasets/${id}`);
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [['datasets'], ['datasets', 'frob'], ['datasets', 'list', '--bogus'], ['datasets', 'create', '--kind', 'Nope', '--file', 'x'], ['models', 'create', '--name', 'x'], ['models', 'show'], ['models', 'list', '--top', '0']]) {
      const result = await run(...args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.ok(result.stderr.length > 0);
    }
  });

  it('says at once that nothing listens at a --url (no retries against a closed port)', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const started = Date.now();
    const result = await runCli(['datasets', 'list', '--url', `http://127.0.0.1:${closed}`]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /connection was refused: is the service running\?/);
    assert.ok(Date.now() - started < 5000, `answered after ${Date.now() - started} ms`);
  });

  it('needs a key from the environment, and tells Azure needs a region or endpoint', async () => {
    const noKey = await runCli(['models', 'list', '--url', engine.url], { CUSTOM_SPEECH_KEY: undefined });
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /CUSTOM_SPEECH_KEY/);
    const wrongKey = await runCli(['models', 'list', '--url', engine.url], { CUSTOM_SPEECH_KEY: 'not-the-key-0123456789' });
    assert.equal(wrongKey.code, 2);
    assert.match(wrongKey.stderr, /401 Unauthorized/);
    assert.doesNotMatch(wrongKey.stderr, /not-the-key/);
    const azure = await runCli(['models', 'list', '--connection', 'azure']);
    assert.equal(azure.code, 2);
    assert.match(azure.stderr, /--region or --endpoint/);
  });

  it('starts an engine of its own when no URL is given, with its data where --data says', async () => {
    const data = await mkdtemp(path.join(tmpdir(), 'cs-cli-own-engine-'));
    try {
      const result = await runCli(['datasets', 'create', '--kind', 'Language', '--file', path.join(work, 'related.txt'), '--data', data, '--wait', '--json'], { CUSTOM_SPEECH_KEY: undefined });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(jsonOf(result).status, 'Succeeded');
      const listed = jsonOf(await runCli(['datasets', 'list', '--data', data, '--json'], { CUSTOM_SPEECH_KEY: undefined }));
      assert.equal(listed.length, 1, 'the data outlives the command');
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  });

  it('does not start a second engine on a data folder a running engine holds: it says how to use that one', async () => {
    const data = await mkdtemp(path.join(tmpdir(), 'cs-cli-held-'));
    const running = await EngineProcess.start(data);
    try {
      const result = await runCli(['datasets', 'list', '--data', data], { CUSTOM_SPEECH_KEY: undefined });
      assert.equal(result.code, 2, result.stderr);
      assert.ok(result.stderr.includes(`process ${running.child.pid}`) && result.stderr.includes(`--url ${running.url}`), result.stderr);
      assert.equal((await running.call('GET', '/datasets')).status, 200, 'the running engine is untouched');
    } finally {
      await running.kill();
      await rm(data, { recursive: true, force: true });
    }
  });
});
