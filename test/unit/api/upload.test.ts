import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SpeechClient } from '../../../src/core/api/client';
import { encodeWavHeader } from '../../../src/core/formats/wav';
import { apiRootOf } from '../../../src/core/api/service-target';
import { datasetContent, DatasetContentError } from '../../../src/core/upload/dataset-content';
import { LintGateError, uploadDataset, UploadInterruptedError, type UploadEvent } from '../../../src/core/upload/upload-dataset';
import { KEY, TestEngine } from '../engine/engine-client';
import { FaultProxy } from './fault-proxy';

/** A 16 kHz mono 16-bit PCM WAV of `seconds` of a quiet tone. */
function toneWav(seconds: number, pitch: number): Buffer {
  const samples = Math.round(16000 * seconds);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(2000 * Math.sin((2 * Math.PI * pitch * i) / 16000)), i * 2);
  return Buffer.concat([encodeWavHeader({ sampleRate: 16000, channels: 1, bitsPerSample: 16 }, data.length), data]);
}

async function sha256Of(stream: NodeJS.ReadableStream): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('dataset upload', function () {
  this.timeout(60_000);
  let engine: TestEngine;
  let proxy: FaultProxy;
  let client: SpeechClient;
  let work: string;

  before(async () => {
    engine = await TestEngine.start();
    proxy = await FaultProxy.start(engine.url);
    client = new SpeechClient({ apiRoot: apiRootOf({ kind: 'local', url: proxy.url }), key: KEY }, { retry: { baseDelayMs: 10, maxDelayMs: 50, maxAttempts: 3 } });
    work = await mkdtemp(path.join(tmpdir(), 'cs-upload-'));
  });
  beforeEach(() => proxy.clear());
  after(async () => {
    await client.close();
    await proxy.close();
    await engine.stop();
    await rm(work, { recursive: true, force: true });
  });

  async function datasetCount(): Promise<number> {
    let count = 0;
    for await (const _ of client.datasets.list()) count++;
    return count;
  }

  it('uploads a related-text file in blocks and waits for its import, reporting each stage', async () => {
    const file = path.join(work, 'related.txt');
    await writeFile(file, '\uFEFF' + Array.from({ length: 2000 }, (_, i) => `the rear derailleur number ${'x'.repeat(i % 40)} skips`).join('\n') + '\n');
    const events: UploadEvent['stage'][] = [];
    const dataset = await uploadDataset(client, { source: file, kind: 'Language', locale: 'en-US', displayName: 'related', blockBytes: 16 * 1024, onProgress: (event) => events.push(event.stage) });
    assert.equal(dataset.status, 'Succeeded', JSON.stringify(dataset.properties));
    assert.equal(dataset.properties?.acceptedLineCount, 2000);
    assert.deepEqual([...new Set(events)], ['lint', 'created', 'upload', 'import']);
    assert.ok(proxy.requests('PUT', /\/blocks$/).length > 3);
  });

  it('zips an Acoustic folder as it streams, the same bytes every time', async () => {
    const folder = path.join(work, 'calls');
    await mkdir(path.join(folder, 'more'), { recursive: true });
    await writeFile(path.join(folder, 'a.wav'), toneWav(1, 220));
    await writeFile(path.join(folder, 'more', 'b.wav'), toneWav(1.5, 330));
    await writeFile(path.join(folder, '.DS_Store'), 'junk');
    await writeFile(path.join(folder, 'notes.md'), 'not part of the dataset');
    await writeFile(path.join(folder, 'trans.txt'), 'a.wav\tplease fit a new chain\nmore/b.wav\tthe brakes squeal\n');
    const content = await datasetContent(folder, 'Acoustic');
    assert.deepEqual(content.skipped, ['notes.md']);
    const [first, second] = [await sha256Of(content.open()), await sha256Of(content.open())];
    assert.equal(first, second);
    let size = 0;
    for await (const chunk of content.open()) size += (chunk as Buffer).length;
    assert.equal(size, content.size);

    const dataset = await uploadDataset(client, { source: folder, kind: 'Acoustic', locale: 'en-US', displayName: 'calls' });
    assert.equal(dataset.status, 'Succeeded', JSON.stringify(dataset.properties));
    assert.equal(dataset.properties?.acceptedLineCount, 2);
    assert.equal(dataset.properties?.durationMilliseconds, 2500);
  });

  it('stops at the lint gate with file and line, creating nothing, unless told to go on', async () => {
    const file = path.join(work, 'pron.txt');
    await writeFile(file, 'CNC\tsee en see\nDerailleur derail ur\nSRAM\tsram\n');
    const before = await datasetCount();
    await assert.rejects(
      uploadDataset(client, { source: file, kind: 'Pronunciation', locale: 'en-US', displayName: 'pron' }),
      (error: unknown) => error instanceof LintGateError && error.problems.some((p) => p.line === 2 && p.file === file) && /pron\.txt:2:/.test(error.message),
    );
    assert.equal(await datasetCount(), before);
    const dataset = await uploadDataset(client, { source: file, kind: 'Pronunciation', locale: 'en-US', displayName: 'pron', ignoreLintErrors: true });
    assert.equal(dataset.properties?.rejectedLineCount, 1);
  });

  it('resumes an interrupted upload without sending the blocks the service already holds', async () => {
    const file = path.join(work, 'big-related.txt');
    await writeFile(file, '\uFEFF' + Array.from({ length: 20_000 }, (_, i) => `sentence ${i} about gravel tires and tubeless sealant`).join('\n') + '\n');
    proxy.inject({ method: 'PUT', path: /\/blocks$/, skip: 5, times: 1000, fault: { kind: 'unavailable' } });
    const request = { source: file, kind: 'Language', locale: 'en-US', displayName: 'resumed', blockBytes: 64 * 1024 } as const;
    const interrupted = await uploadDataset(client, request).then(
      () => assert.fail('the upload should have stopped'),
      (error: unknown) => error,
    );
    assert.ok(interrupted instanceof UploadInterruptedError, String(interrupted));
    const firstAttempt = proxy.requests('PUT', /\/blocks$/).filter((seen) => seen.outcome === 'forwarded').map((seen) => seen.query.get('blockid'));
    assert.equal(firstAttempt.length, 5);

    proxy.clear();
    const dataset = await uploadDataset(client, { ...request, resumeDatasetId: interrupted.datasetId });
    assert.equal(dataset.status, 'Succeeded', JSON.stringify(dataset.properties));
    assert.equal(dataset.properties?.acceptedLineCount, 20_000);
    const secondAttempt = proxy.requests('PUT', /\/blocks$/).map((seen) => seen.query.get('blockid'));
    const total = Math.ceil((await datasetContent(file, 'Language')).size / (64 * 1024));
    assert.equal(secondAttempt.length, total - 5);
    assert.ok(!secondAttempt.some((id) => firstAttempt.includes(id)), 'no block sent twice');
    assert.equal(proxy.requests('POST', /\/datasets$/).length, 0, 'no second dataset');
  });

  it('names what is wrong with a source before anything is sent', async () => {
    const empty = path.join(work, 'empty-folder');
    await mkdir(empty, { recursive: true });
    await writeFile(path.join(empty, 'a.wav'), toneWav(0.5, 200));
    await assert.rejects(datasetContent(empty, 'Acoustic'), (error: unknown) => error instanceof DatasetContentError && /no transcript/.test(error.message));
    await assert.rejects(datasetContent(empty, 'Language'), /is one text file/);
    await assert.rejects(datasetContent(path.join(work, 'related.txt'), 'Acoustic'), /zip of WAV files/);
    await assert.rejects(datasetContent(path.join(work, 'missing.txt'), 'Language'), /does not exist/);
    const audioOnly = await datasetContent(empty, 'AudioFiles');
    assert.equal(audioOnly.name, 'empty-folder.zip');
  });
});
