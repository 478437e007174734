import * as assert from 'node:assert/strict';
import { wavBytes } from '../formats/wav-builder';
import { TestEngine } from './engine-client';
import { zipBytes } from './zip-builder';

describe('local engine: Acoustic and AudioFiles datasets', function () {
  this.timeout(60_000);
  let engine: TestEngine;
  before(async () => {
    engine = await TestEngine.start();
  });
  after(async () => {
    await engine.stop();
  });

  async function importZip(kind: string, bytes: Buffer): Promise<{ dataset: any; report: any }> {
    const { id, dataset } = await engine.importDataset(kind, `${kind}-${Date.now()}-${Math.random()}.zip`, bytes);
    const files = await engine.call('GET', `/datasets/${id}/files?filter=${encodeURIComponent("kind eq 'DatasetReport'")}`);
    const report = files.body.values.length ? await (await fetch(files.body.values[0].links.contentUrl)).json() : undefined;
    return { dataset, report };
  }

  it('imports audio with its transcript, rejecting lines whose audio is missing or in the wrong format', async () => {
    const { dataset, report } = await importZip(
      'Acoustic',
      await zipBytes({
        'trans.txt': 'call-1.wav\tbook a service for my road bike\ncall-2.wav\tcan you true a wheel\ncall-3.wav\tmissing audio here\nloud.wav\tthis one is stereo\n',
        'call-1.wav': wavBytes({ seconds: 2 }),
        'call-2.wav': wavBytes({ seconds: 1.5 }),
        'loud.wav': wavBytes({ sampleRate: 44100, channels: 2, seconds: 1 }),
      }),
    );
    assert.equal(dataset.status, 'Succeeded', JSON.stringify(dataset.properties));
    assert.equal(dataset.properties.acceptedLineCount, 2);
    assert.equal(dataset.properties.rejectedLineCount, 2);
    assert.equal(dataset.properties.durationMilliseconds, 3500);
    assert.deepEqual(report.rejectedLines.map((r: { line: number; code: string }) => [r.line, r.code]), [[3, 'transcript/audio-missing'], [4, 'transcript/audio-format']]);
  });

  it('fails what is not a dataset zip, with the reason', async () => {
    const cases: [string, Buffer, RegExp][] = [
      ['not a zip', Buffer.from('hello'), /not a zip archive/],
      ['no transcript', await zipBytes({ 'a.wav': wavBytes() }), /no transcript/],
      ['two transcripts', await zipBytes({ 'a.txt': 'a.wav\thi\n', 'b.txt': 'a.wav\thi\n', 'a.wav': wavBytes() }), /2 transcripts/],
      ['zip bomb', await zipBytes({ 'trans.txt': 'a.wav\thi\n', 'a.wav': Buffer.alloc(30 * 1024 * 1024) }), /zip bomb/],
      ['too many files', await zipBytes(Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`f${i}.txt`, '']))), /10,001 entries/],
    ];
    for (const [name, bytes, reason] of cases) {
      const { dataset } = await importZip('Acoustic', bytes);
      assert.equal(dataset.status, 'Failed', name);
      assert.match(dataset.properties.error.message, reason, name);
    }
  });

  it('never writes outside the dataset (zip slip)', async () => {
    const bytes = await zipBytes({ 'trans.txt': 'a.wav\thi\n', 'aa/evil.wav': wavBytes() }, { store: true });
    // Rename the entry to "../evil.wav" in place (same length) in both of its headers.
    const evil = Buffer.from(bytes.toString('latin1').replaceAll('aa/evil.wav', '../evil.wav'), 'latin1');
    const { dataset } = await importZip('Acoustic', evil);
    assert.equal(dataset.status, 'Failed');
    assert.match(dataset.properties.error.message, /damaged|outside|invalid relative path/);
  });

  it('imports an AudioFiles zip: usable audio accepted, other formats rejected', async () => {
    const { dataset, report } = await importZip('AudioFiles', await zipBytes({ 'a.wav': wavBytes({ seconds: 1 }), 'b.wav': wavBytes({ formatTag: 3, bitsPerSample: 32 }) }));
    assert.equal(dataset.status, 'Succeeded');
    assert.equal(dataset.properties.acceptedLineCount, 1);
    assert.match(report.rejectedLines[0].reason, /^b\.wav: /);
  });
});
