import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { idOf, KEY, TestEngine } from './engine-client';

describe('local engine: HTTP', function () {
  this.timeout(30_000);
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.start();
  });
  afterEach(async () => {
    await engine.stop();
  });

  describe('the service contract', () => {
    it('refuses requests without the key, or with another one (401, the service shape)', async () => {
      for (const headers of [{ 'Ocp-Apim-Subscription-Key': '' }, { 'Ocp-Apim-Subscription-Key': 'wrong-key-0123456789' }]) {
        const response = await engine.call('GET', '/projects', undefined, headers);
        assert.equal(response.status, 401);
        assert.equal(response.body.code, 'Unauthorized');
        assert.ok(!JSON.stringify(response.body).includes(KEY));
      }
    });

    it('requires a known api-version', async () => {
      let response = await engine.call('GET', `${engine.url}/speechtotext/projects`);
      assert.equal(response.status, 400);
      assert.match(response.body.message, /api-version/);
      response = await engine.call('GET', '/projects?api-version=2019-01-01');
      assert.equal(response.status, 400);
      assert.equal(response.body.innerError.code, 'InvalidParameterValue');
    });

    it('answers 404 and 405 in the service shape', async () => {
      assert.equal((await engine.call('GET', '/nothing')).body.code, 'NotFound');
      assert.equal((await engine.call('PUT', '/projects')).status, 405);
      assert.equal((await engine.call('GET', '/projects/00000000-0000-0000-0000-000000000000')).status, 404);
    });

    it('listens on 127.0.0.1 only', () => {
      assert.match(engine.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    });
  });

  describe('projects', () => {
    it('create, get, update, list and delete', async () => {
      const created = await engine.call('POST', '/projects', { displayName: 'Bike shop', locale: 'en-US', description: 'calls', customProperties: { team: 'support' } });
      assert.equal(created.status, 201);
      assert.equal(created.headers.get('location'), created.body.self);
      assert.match(created.body.self, /\/speechtotext\/projects\/[0-9a-f-]{36}\?api-version=2025-10-15$/);
      assert.deepEqual(created.body.properties, { datasetCount: 0, evaluationCount: 0, modelCount: 0, transcriptionCount: 0, endpointCount: 0 });
      assert.match(created.body.createdDateTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const id = idOf(created.body.self);
      const patched = await engine.call('PATCH', `/projects/${id}`, { displayName: 'Bike shop calls' });
      assert.equal(patched.body.displayName, 'Bike shop calls');
      assert.equal(patched.body.description, 'calls');
      assert.equal((await engine.call('PATCH', `/projects/${id}`, { locale: 'de-DE' })).status, 400);
      assert.equal((await engine.call('GET', `/projects/${id}`)).body.displayName, 'Bike shop calls');
      assert.equal((await engine.call('GET', '/projects')).body.values.length, 1);
      assert.equal((await engine.call('DELETE', `/projects/${id}`)).status, 204);
      assert.equal((await engine.call('DELETE', `/projects/${id}`)).status, 204); // as the service: gone is gone
      assert.equal((await engine.call('GET', `/projects/${id}`)).status, 404);
    });

    it('rejects bad bodies with the field named', async () => {
      let response = await engine.call('POST', '/projects', { locale: 'en-US' });
      assert.equal(response.status, 400);
      assert.match(response.body.message, /displayName/);
      response = await engine.call('POST', '/projects', { displayName: 'x', locale: 'xx-XX' });
      assert.equal(response.body.innerError.code, 'InvalidLocale');
      response = await engine.call('POST', '/projects', { displayName: 'x', locale: 'en-US', customProperties: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])) });
      assert.equal(response.status, 400);
      const raw = await fetch(`${engine.url}/speechtotext/projects?api-version=2025-10-15`, { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': KEY, 'Content-Type': 'application/json' }, body: '{oops' });
      assert.equal(raw.status, 400);
      assert.match((await raw.json()).message, /not valid JSON/);
    });

    it('pages with skip, top and @nextLink, and filters', async () => {
      for (let i = 0; i < 5; i++) await engine.call('POST', '/projects', { displayName: `p${i}`, locale: 'en-US' });
      const names: string[] = [];
      let next: string | undefined = '/projects?top=2';
      let pages = 0;
      while (next) {
        const page: { body: { values: { displayName: string }[]; '@nextLink'?: string } } = await engine.call('GET', next);
        names.push(...page.body.values.map((p) => p.displayName));
        next = page.body['@nextLink'];
        if (next) assert.match(next, /skip=\d+&top=2&api-version=2025-10-15$/);
        pages++;
      }
      assert.equal(pages, 3);
      assert.deepEqual(names.sort(), ['p0', 'p1', 'p2', 'p3', 'p4']);
      const filtered = await engine.call('GET', `/projects?filter=${encodeURIComponent("displayName eq 'p3' or displayName eq 'p1'")}`);
      assert.deepEqual(filtered.body.values.map((p: { displayName: string }) => p.displayName).sort(), ['p1', 'p3']);
      const bad = await engine.call('GET', `/projects?filter=${encodeURIComponent("status eq 'x'")}`);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.innerError.code, 'UnsupportedFilter');
      assert.equal((await engine.call('GET', '/projects?top=abc')).body.innerError.code, 'UnsupportedPagination');
    });
  });

  describe('base models', () => {
    it('lists the PocketSphinx en-US model with its features and deprecation dates', async () => {
      const list = await engine.call('GET', `/models/base?filter=${encodeURIComponent("locale eq 'en-US'")}`);
      assert.equal(list.body.values.length, 1);
      const model = list.body.values[0];
      assert.deepEqual(model.properties.features.supportsAdaptationsWith, ['Language', 'LanguageMarkdown', 'Pronunciation', 'Acoustic']);
      assert.ok(Date.parse(model.properties.deprecationDates.adaptationDateTime) > Date.parse('2027-01-01'));
      const one = await engine.call('GET', `/models/base/${idOf(model.self)}`);
      assert.equal(one.body.displayName, model.displayName);
      // Its manifest lists the decoder's files as signed links that open without the key.
      const manifest = await engine.call('GET', model.links.manifest);
      const mdef = manifest.body.modelFiles.find((f: { name: string }) => f.name === 'en-us/mdef');
      const content = await fetch(mdef.contentUrl);
      assert.equal(content.status, 200);
      assert.equal(Buffer.from(await content.arrayBuffer()).subarray(0, 4).toString(), 'BMDF'); // the binary model definition
    });
  });

  describe('datasets', () => {
    const related = '\uFEFFcan you true a wheel while i wait\nbook a service for my road bike\nsee https://example.com for prices\n\nhow much is a new cassette\n';

    it('uploads in blocks, lists them, commits, validates with the linter and keeps report.json', async () => {
      const created = await engine.call('POST', '/datasets', { kind: 'Language', displayName: 'bike words', locale: 'en-US' });
      assert.equal(created.status, 201);
      assert.equal(created.body.status, 'NotStarted');
      assert.ok(created.body.links.uploadBlocks && created.body.links.commitBlocks && created.body.links.listBlocks);
      const id = idOf(created.body.self);
      const bytes = Buffer.from(related);
      const blocks = [bytes.subarray(0, 40), bytes.subarray(40)];
      const ids = ['AAA=', 'AAE='];
      for (const [i, block] of blocks.entries()) assert.equal((await engine.call('PUT', `/datasets/${id}/blocks?blockid=${encodeURIComponent(ids[i]!)}`, new Uint8Array(block))).status, 201);
      const listed = await engine.call('GET', `/datasets/${id}/blocks`);
      assert.deepEqual(listed.body.uncommittedBlocks, [{ name: 'AAA=', size: 40 }, { name: 'AAE=', size: bytes.length - 40 }]);
      assert.equal((await engine.call('POST', `/datasets/${id}/blocks:commit`, ids.map((b) => ({ kind: 'Uncommitted', id: b })))).status, 200);
      const done = await engine.settle(`/datasets/${id}`);
      assert.equal(done.status, 'Succeeded', JSON.stringify(done.properties));
      assert.equal(done.properties.acceptedLineCount, 4);
      assert.equal(done.properties.rejectedLineCount, 0); // a URI is a warning: kept, reported
      const files = await engine.call('GET', `/datasets/${id}/files`);
      assert.deepEqual(files.body.values.map((f: { name: string; kind: string }) => `${f.kind}:${f.name}`).sort(), ['DatasetReport:report.json', 'LanguageData:language_data.txt']);
      const reportFile = files.body.values.find((f: { kind: string }) => f.kind === 'DatasetReport');
      // The content link is signed: it opens without the key, like a SAS link.
      const report = await (await fetch(reportFile.links.contentUrl)).json();
      assert.equal(report.acceptedLineCount, 4);
      assert.ok(report.warnings.some((w: { code: string; line: number }) => w.code === 'related-text/uri' && w.line === 3));
      const tampered = reportFile.links.contentUrl.replace(/sig=[^&]+/, 'sig=abc');
      assert.equal((await fetch(tampered)).status, 401);
      const data = await fetch(files.body.values.find((f: { kind: string }) => f.kind === 'LanguageData').links.contentUrl);
      assert.deepEqual(Buffer.from(await data.arrayBuffer()), Buffer.from(related)); // byte for byte, BOM included
    });

    it('takes a client hanging up during a download calmly: nothing logged, the file served again', async () => {
      const related = '\uFEFF' + 'the rear derailleur skips on the smallest cog\n'.repeat(200_000); // 9 MB
      const id = await engine.importedDatasetId('Language', 'big.txt', related);
      const files = await engine.call('GET', `/datasets/${id}/files?filter=${encodeURIComponent("kind eq 'LanguageData'")}`);
      const contentUrl = files.body.values[0].links.contentUrl as string;
      const logged: string[] = [];
      const write = process.stderr.write;
      process.stderr.write = ((chunk: string | Uint8Array) => logged.push(String(chunk)) > 0) as typeof process.stderr.write;
      try {
        const hangUp = new AbortController();
        const response = await fetch(contentUrl, { signal: hangUp.signal });
        await response.body!.getReader().read(); // the first bytes, then gone
        hangUp.abort();
        await new Promise((resolve) => setTimeout(resolve, 200));
      } finally {
        process.stderr.write = write;
      }
      assert.deepEqual(logged, []);
      const again = await fetch(contentUrl);
      assert.equal(Buffer.from(await again.arrayBuffer()).length, Buffer.byteLength(related));
    });

    it('fails a related-text file without BOM, as the service does (NoUtf8WithBom), with the report', async () => {
      const file = path.join(engine.dataDir, 'no-bom.txt');
      await writeFile(file, 'no byte order mark here\n');
      const created = await engine.call('POST', '/datasets', { kind: 'Language', displayName: 'no bom', locale: 'en-US', contentUrl: pathToFileURL(file).href });
      assert.ok(!created.body.links.uploadBlocks);
      const done = await engine.settle(`/datasets/${idOf(created.body.self)}`);
      assert.equal(done.status, 'Failed');
      assert.equal(done.properties.error.code, 'NoUtf8WithBom');
    });

    it('rejects lines with errors and names them in the report', async () => {
      const file = path.join(engine.dataDir, 'pron.txt');
      await writeFile(file, 'CNTK\tc n t k\nIEEE i triple e\nGPU\tg p u\n');
      const created = await engine.call('POST', '/datasets', { kind: 'Pronunciation', displayName: 'pron', locale: 'en-US', contentUrl: pathToFileURL(file).href });
      const id = idOf(created.body.self);
      const done = await engine.settle(`/datasets/${id}`);
      assert.equal(done.status, 'Succeeded');
      assert.equal(done.properties.acceptedLineCount, 2);
      assert.equal(done.properties.rejectedLineCount, 1);
      const files = await engine.call('GET', `/datasets/${id}/files?filter=${encodeURIComponent("kind eq 'DatasetReport'")}`);
      const report = await (await fetch(files.body.values[0].links.contentUrl)).json();
      assert.equal(report.rejectedLines[0].line, 2);
      assert.match(report.rejectedLines[0].reason, /tab/i);
    });

    it('says plainly why an import failed, and never reaches out to other hosts', async () => {
      const file = path.join(engine.dataDir, 'data.zip');
      await writeFile(file, 'PK');
      const acoustic = await engine.call('POST', '/datasets', { kind: 'Acoustic', displayName: 'audio', locale: 'en-US', contentUrl: pathToFileURL(file).href });
      const done = await engine.settle(`/datasets/${idOf(acoustic.body.self)}`);
      assert.equal(done.status, 'Failed');
      assert.match(done.properties.error.message, /not a zip archive/);
      const remote = await engine.call('POST', '/datasets', { kind: 'Language', displayName: 'x', locale: 'en-US', contentUrl: 'https://example.com/data.txt' });
      assert.equal(remote.status, 400);
      assert.match(remote.body.message, /this machine/);
    });

    it('refuses a block over 8 MiB, bad block ids, and an unknown block at commit', async () => {
      const created = await engine.call('POST', '/datasets', { kind: 'Language', displayName: 'big', locale: 'en-US' });
      const id = idOf(created.body.self);
      const big = await engine.call('PUT', `/datasets/${id}/blocks?blockid=AAA%3D`, new Uint8Array(8 * 1024 * 1024 + 1));
      assert.equal(big.status, 413);
      assert.equal((await engine.call('PUT', `/datasets/${id}/blocks?blockid=%%%`, new Uint8Array(1))).status, 400);
      assert.deepEqual((await engine.call('GET', `/datasets/${id}/blocks`)).body.uncommittedBlocks, []);
      const commit = await engine.call('POST', `/datasets/${id}/blocks:commit`, [{ kind: 'Uncommitted', id: 'AAE=' }]);
      assert.equal(commit.status, 400);
      assert.match(commit.body.message, /never uploaded/);
    });

    it('updates, lists by project, and refuses to delete a dataset being imported (InUseViolation)', async () => {
      const project = await engine.call('POST', '/projects', { displayName: 'p', locale: 'en-US' });
      const created = await engine.call('POST', '/datasets', { kind: 'Language', displayName: 'd', locale: 'en-US', project: { self: project.body.self } });
      const id = idOf(created.body.self);
      assert.equal((await engine.call('PATCH', `/datasets/${id}`, { description: 'more' })).body.description, 'more');
      assert.equal((await engine.call('PATCH', `/datasets/${id}`, { kind: 'Acoustic' })).status, 400);
      const byProject = await engine.call('GET', `/projects/${idOf(project.body.self)}/datasets`);
      assert.equal(byProject.body.values.length, 1);
      assert.equal((await engine.call('GET', `/projects/${idOf(project.body.self)}`)).body.properties.datasetCount, 1);
      await engine.engine.state.datasets.put({ ...engine.engine.state.datasets.get(id)!, status: 'Running' });
      const refused = await engine.call('DELETE', `/datasets/${id}`);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.innerError.code, 'InUseViolation');
    });
  });

  describe('nothing lost', () => {
    it('a restart shows every entity again, keeps uploaded blocks, and finishes interrupted imports', async () => {
      const project = await engine.call('POST', '/projects', { displayName: 'kept', locale: 'en-US' });
      const pending = await engine.call('POST', '/datasets', { kind: 'Language', displayName: 'half uploaded', locale: 'en-US' });
      const pendingId = idOf(pending.body.self);
      await engine.call('PUT', `/datasets/${pendingId}/blocks?blockid=AAA%3D`, new Uint8Array(Buffer.from('\uFEFFhello there\n')));
      // An import the process did not finish: committed, Running, its upload on disk.
      const file = path.join(engine.dataDir, 'text.txt');
      await writeFile(file, '\uFEFFbook a service\n');
      const interrupted = await engine.call('POST', '/datasets', { kind: 'Language', displayName: 'interrupted', locale: 'en-US', contentUrl: pathToFileURL(file).href });
      const interruptedId = idOf(interrupted.body.self);
      await engine.settle(`/datasets/${interruptedId}`);
      const state = engine.engine.state;
      await state.datasets.put({ ...state.datasets.get(interruptedId)!, status: 'Running', files: [], properties: {} });
      await engine.restart();
      assert.equal((await engine.call('GET', `/projects/${idOf(project.body.self)}`)).body.displayName, 'kept');
      assert.deepEqual((await engine.call('GET', `/datasets/${pendingId}/blocks`)).body.uncommittedBlocks.map((b: { name: string }) => b.name), ['AAA=']);
      const resumed = await engine.settle(`/datasets/${interruptedId}`);
      assert.equal(resumed.status, 'Succeeded');
      assert.equal(resumed.properties.acceptedLineCount, 1);
    });
  });
});
