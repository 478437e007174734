import * as assert from 'node:assert/strict';
import { entityIdOf, fileIdOf, parseEntityUri } from '../../../src/core/api/ids';
import { parseRetryAfter, retryDelayMs, DEFAULT_RETRY_POLICY, sleep } from '../../../src/core/api/retry';
import { apiRootOf } from '../../../src/core/api/service-target';

const ID = '9d5f4100-5f8e-4dd6-bd83-9bbbf50d57f1';
const FILE = 'ee4733cd-b1a7-4813-87e2-00d582c28a29';

describe('api ids', () => {
  it('reads the entity of every self shape the versions use', () => {
    const host = 'https://westus.api.cognitive.microsoft.com/speechtotext';
    assert.deepEqual(parseEntityUri(`${host}/datasets/${ID}?api-version=2025-10-15`), { collection: 'datasets', id: ID });
    assert.deepEqual(parseEntityUri(`${host}/v3.2/models/base/${ID}`), { collection: 'models/base', id: ID });
    assert.deepEqual(parseEntityUri(`${host}/models/${ID.toUpperCase()}`), { collection: 'models', id: ID });
    assert.deepEqual(parseEntityUri(`${host}/datasets/${ID}/files/${FILE}?api-version=3.2`), { collection: 'datasets', id: ID });
    assert.deepEqual(parseEntityUri(`${host}/models/${ID}:copy`), { collection: 'models', id: ID });
    // A malformed link of the 2024-11-15 examples: the query is not a path.
    assert.deepEqual(parseEntityUri(`${host}/datasets/${ID}?api-version=X/files?api-version=X`), { collection: 'datasets', id: ID });
    assert.equal(parseEntityUri(`${host}/datasets?next=/models/${ID}`), undefined);
    assert.equal(parseEntityUri(`${host}/datasets/not-a-uuid`), undefined);
  });

  it('checks the collection and reads file ids', () => {
    assert.equal(entityIdOf(`x/evaluations/${ID}`, 'evaluations'), ID);
    assert.throws(() => entityIdOf(`x/models/base/${ID}`, 'models'), /does not name an entity of models/);
    assert.equal(fileIdOf(`x/datasets/${ID}/files/${FILE}?api-version=3.2`), FILE);
    assert.throws(() => fileIdOf(`x/datasets/${ID}`), /does not name a file/);
  });
});

describe('api service targets', () => {
  it('builds the API root of a region, an endpoint and the local engine', () => {
    assert.equal(apiRootOf({ kind: 'azure-region', region: ' WestEurope ' }), 'https://westeurope.api.cognitive.microsoft.com/speechtotext');
    assert.equal(apiRootOf({ kind: 'azure-endpoint', endpoint: 'https://my-speech.cognitiveservices.azure.com/' }), 'https://my-speech.cognitiveservices.azure.com/speechtotext');
    assert.equal(apiRootOf({ kind: 'azure-endpoint', endpoint: 'https://westus.api.cognitive.azure.cn/speechtotext' }), 'https://westus.api.cognitive.azure.cn/speechtotext');
    assert.equal(apiRootOf({ kind: 'local', url: 'http://127.0.0.1:5123' }), 'http://127.0.0.1:5123/speechtotext');
  });

  it('refuses what would send a key in the clear or nowhere', () => {
    assert.throws(() => apiRootOf({ kind: 'azure-region', region: 'west europe' }), /not an Azure region/);
    assert.throws(() => apiRootOf({ kind: 'azure-endpoint', endpoint: 'http://my-speech.cognitiveservices.azure.com' }), /must use https/);
    assert.throws(() => apiRootOf({ kind: 'azure-endpoint', endpoint: 'my-speech' }), /not a URL/);
    assert.throws(() => apiRootOf({ kind: 'azure-endpoint', endpoint: 'https://x.azure.com/?key=1' }), /query/);
    assert.throws(() => apiRootOf({ kind: 'local', url: 'http://192.168.1.4:5000' }), /on this machine/);
  });
});

describe('api retry', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(['0.5']), 500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
  });

  it('backs off exponentially with jitter, capped, and takes the server at its word', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, random: () => 0.999 };
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((retry) => retryDelayMs(policy, retry, undefined));
    assert.ok(waits.every((wait, i) => i === 0 || wait >= waits[i - 1]!), String(waits));
    assert.ok(waits.at(-1)! <= policy.maxDelayMs);
    const low = retryDelayMs({ ...policy, random: () => 0 }, 3, undefined);
    assert.equal(low, 1000); // half of the 2 s ceiling: jitter spreads clients over [1 s, 2 s]
    assert.equal(retryDelayMs(policy, 1, 7000), 7000);
  });

  it('sleeps until cancelled', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(sleep(10_000, controller.signal), (error: Error) => error.name === 'AbortError');
    assert.ok(Date.now() - started < 1000);
  });
});
