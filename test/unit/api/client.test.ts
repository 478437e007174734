import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SpeechClient } from '../../../src/core/api/client';
import { CLIENT_REQUEST_PROPERTY } from '../../../src/core/api/collection';
import { SpeechApiError, SpeechNetworkError, SpeechResponseError } from '../../../src/core/api/errors';
import { entityIdOf } from '../../../src/core/api/ids';
import { apiRootOf } from '../../../src/core/api/service-target';
import type { RequestLogEntry } from '../../../src/core/api/transport';
import { waitForStatus } from '../../../src/core/api/wait';
import { KEY, TestEngine } from '../engine/engine-client';
import { FaultProxy } from './fault-proxy';

const FAST_RETRIES = { baseDelayMs: 20, maxDelayMs: 200 };

describe('api client against the local engine', function () {
  this.timeout(60_000);
  let engine: TestEngine;
  let client: SpeechClient;
  const log: RequestLogEntry[] = [];

  before(async () => {
    engine = await TestEngine.start();
    client = new SpeechClient({ apiRoot: apiRootOf({ kind: 'local', url: engine.url }), key: KEY }, { retry: FAST_RETRIES, onLog: (entry) => log.push(entry) });
  });
  after(async () => {
    await client.close();
    await engine.stop();
  });

  it('creates, reads, updates, lists and deletes projects', async () => {
    const created = await client.projects.create({ displayName: 'Bike shop', locale: 'en-US', description: 'calls' });
    const id = entityIdOf(created.self, 'projects');
    assert.equal((await client.projects.get(id)).displayName, 'Bike shop');
    assert.equal((await client.projects.update(id, { description: 'phone calls' })).description, 'phone calls');
    const names = [];
    for await (const project of client.projects.list()) names.push(project.displayName);
    assert.ok(names.includes('Bike shop'));
    await client.projects.delete(id);
    await assert.rejects(client.projects.get(id), (error: unknown) => error instanceof SpeechApiError && error.status === 404 && error.code === 'NotFound');
  });

  it('pages through a list by rebuilding each next page from its skip and top', async () => {
    for (let i = 0; i < 7; i++) await client.projects.create({ displayName: `paged ${i}`, locale: 'en-US' });
    const pages = [];
    for await (const page of client.projects.pages({ top: 3, filter: "locale eq 'en-US'" })) pages.push(page.values.length);
    assert.deepEqual(pages.slice(0, 2), [3, 3]);
    let count = 0;
    for await (const project of client.projects.list({ top: 2 })) if (project.displayName.startsWith('paged ')) count++;
    assert.equal(count, 7);
  });

  it('imports a dataset, waits for it with progress, and reads its files and report', async () => {
    const file = path.join(engine.dataDir, 'related.txt');
    await writeFile(file, '\uFEFFthe rear derailleur skips\ndo you stock tubeless sealant\n');
    const created = await client.datasets.create({ kind: 'Language', displayName: 'related', locale: 'en-US', contentUrl: pathToFileURL(file).href });
    const id = entityIdOf(created.self, 'datasets');
    const seen: string[] = [];
    const done = await waitForStatus((signal) => client.datasets.poll(id, signal), { initialDelayMs: 20, onProgress: (dataset) => seen.push(dataset.status) });
    assert.equal(done.status, 'Succeeded');
    assert.equal(seen.at(-1), 'Succeeded');
    assert.equal(done.properties?.acceptedLineCount, 2);
    const files = [];
    for await (const f of client.datasets.files(id)) files.push(f);
    const report = files.find((f) => f.kind === 'DatasetReport');
    assert.ok(report?.links?.contentUrl, JSON.stringify(files));
    const text = await client.downloadText(report.links.contentUrl);
    assert.match(text, /acceptedLineCount|rejected/i);
  });

  it('lists base models with their features', async () => {
    const models = [];
    for await (const model of client.baseModels.list()) models.push(model);
    assert.ok(models.length >= 1);
    assert.ok(models[0]!.properties?.features?.supportsAdaptationsWith?.includes('Language'));
  });

  it('gives typed errors with the service code, the detailed code and no key', async () => {
    await assert.rejects(
      client.datasets.create({ kind: 'Language', displayName: 'bad', locale: 'xx-XX', contentUrl: 'file:///nowhere.txt' }),
      (error: unknown) => error instanceof SpeechApiError && error.status === 400 && /Invalid/.test(error.code) && !error.message.includes(KEY),
    );
    const stranger = new SpeechClient({ apiRoot: apiRootOf({ kind: 'local', url: engine.url }), key: 'not-the-key-0123456789' });
    await assert.rejects(
      stranger.projects.list().next(),
      (error: unknown) => error instanceof SpeechApiError && error.status === 401 && error.code === 'Unauthorized' && !error.message.includes('not-the-key'),
    );
    await stranger.close();
  });

  it('logs method, path, status and time, never the key', () => {
    assert.ok(log.length > 5);
    for (const entry of log) {
      assert.ok(!JSON.stringify(entry).includes(KEY));
      assert.ok(!entry.path.includes('?'));
    }
  });
});

describe('api client over a faulty network', function () {
  this.timeout(60_000);
  let engine: TestEngine;
  let proxy: FaultProxy;
  let client: SpeechClient;

  before(async () => {
    engine = await TestEngine.start();
    proxy = await FaultProxy.start(engine.url);
    client = new SpeechClient({ apiRoot: apiRootOf({ kind: 'local', url: proxy.url }), key: KEY }, { retry: FAST_RETRIES, timeoutMs: 2000 });
  });
  beforeEach(() => proxy.clear());
  after(async () => {
    await client.close();
    await proxy.close();
    await engine.stop();
  });

  async function countProjects(name: string): Promise<number> {
    let count = 0;
    for await (const project of client.projects.list({ filter: `displayName eq '${name}'` })) if (project.displayName === name) count++;
    return count;
  }

  it('waits as long as a 429 Retry-After says, then succeeds', async () => {
    proxy.inject({ method: 'GET', path: /\/projects$/, times: 1, fault: { kind: 'throttle', retryAfterSeconds: 1 } });
    await client.projects.list().next();
    const calls = proxy.requests('GET', /\/projects$/);
    assert.deepEqual(calls.map((c) => c.outcome), ['throttle', 'forwarded']);
    assert.ok(calls[1]!.at - calls[0]!.at >= 950, `retried after ${calls[1]!.at - calls[0]!.at} ms`);
  });

  it('retries reads through 503, 502 and dropped connections with growing waits', async () => {
    proxy.inject(
      { method: 'GET', path: /\/models\/base$/, times: 1, fault: { kind: 'unavailable' } },
      { method: 'GET', path: /\/models\/base$/, times: 1, fault: { kind: 'bad-gateway' } },
      { method: 'GET', path: /\/models\/base$/, times: 1, fault: { kind: 'reset-after' } },
    );
    const first = await client.baseModels.list().next();
    assert.ok(first.value);
    assert.deepEqual(proxy.requests('GET', /\/models\/base$/).map((c) => c.outcome), ['unavailable', 'bad-gateway', 'reset-after', 'forwarded']);
  });

  it('gives up after the bounded number of attempts with the last error', async () => {
    proxy.inject({ method: 'GET', path: /\/projects$/, times: 100, fault: { kind: 'unavailable' } });
    await assert.rejects(client.projects.list().next(), (error: unknown) => error instanceof SpeechApiError && error.status === 503 && error.code === 'ServiceUnavailable');
    assert.equal(proxy.requests('GET', /\/projects$/).length, 6);
  });

  it('times out a slow answer and tries again', async () => {
    proxy.inject({ method: 'GET', path: /\/projects$/, times: 1, fault: { kind: 'slow', delayMs: 3000 } });
    await client.projects.list().next();
    assert.deepEqual(proxy.requests('GET', /\/projects$/).map((c) => c.outcome), ['slow', 'forwarded']);
  });

  it('does not create twice when the answer to a create is lost', async () => {
    proxy.inject({ method: 'POST', path: /\/projects$/, times: 1, fault: { kind: 'reset-after' } });
    const project = await client.projects.create({ displayName: 'lost answer', locale: 'en-US' });
    assert.equal(project.displayName, 'lost answer');
    assert.ok(project.customProperties?.[CLIENT_REQUEST_PROPERTY]);
    assert.equal(await countProjects('lost answer'), 1);
    assert.equal(proxy.requests('POST', /\/projects$/).length, 1, 'found by its marker, not sent again');
  });

  it('sends a create again only when the service surely did not act on it', async () => {
    proxy.inject(
      { method: 'POST', path: /\/projects$/, times: 1, fault: { kind: 'throttle', retryAfterSeconds: 0 } },
      { method: 'POST', path: /\/projects$/, times: 1, fault: { kind: 'unavailable' } },
      { method: 'POST', path: /\/projects$/, times: 1, fault: { kind: 'reset-before' } },
    );
    await client.projects.create({ displayName: 'refused first', locale: 'en-US' });
    assert.equal(await countProjects('refused first'), 1);
    assert.deepEqual(proxy.requests('POST', /\/projects$/).map((c) => c.outcome), ['throttle', 'unavailable', 'reset-before', 'forwarded']);
  });

  it('cancels a request waiting to be retried', async () => {
    proxy.inject({ method: 'GET', path: /\/projects$/, times: 1, fault: { kind: 'throttle', retryAfterSeconds: 30 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    await assert.rejects(client.projects.list({ signal: controller.signal }).next(), (error: Error) => error.name === 'AbortError');
    assert.ok(Date.now() - started < 2000);
  });

  it('names a network failure when nothing answers', async () => {
    const nowhere = new SpeechClient({ apiRoot: 'http://127.0.0.1:9/speechtotext', key: KEY }, { retry: { maxAttempts: 2, baseDelayMs: 10 } });
    await assert.rejects(nowhere.projects.list().next(), (error: unknown) => error instanceof SpeechNetworkError && error.causeCode === 'ECONNREFUSED' && /refused/.test(error.message));
    await nowhere.close();
  });

  it('reports an answer that is not the API as such, and an HTML error page by its status', async () => {
    proxy.inject({ method: 'GET', path: /\/endpoints$/, times: 1, fault: { kind: 'replace', status: 200, body: '<html>Sign in to the Wi-Fi</html>' } });
    await assert.rejects(client.endpoints.list().next(), (error: unknown) => error instanceof SpeechResponseError && /not JSON/.test(error.message));
    proxy.inject({ method: 'GET', path: /\/endpoints$/, times: 1, fault: { kind: 'replace', status: 200, body: '{"items": []}' } });
    await assert.rejects(client.endpoints.list().next(), (error: unknown) => error instanceof SpeechResponseError && /values/.test(error.message));
    proxy.inject({ method: 'GET', path: /\/endpoints$/, times: 1, fault: { kind: 'replace', status: 403, body: '<html><h1>Forbidden</h1></html>' } });
    await assert.rejects(client.endpoints.list().next(), (error: unknown) => error instanceof SpeechApiError && error.code === 'Forbidden' && error.serviceMessage === 'HTTP 403');
  });
});
