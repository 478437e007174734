import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DiskAudioFolder } from '../../../src/core/formats/disk-audio-folder';
import { parseWavHeader, unsupportedFormatReason, WAV_HEADER_PREFIX_BYTES, type WavHeader } from '../../../src/core/formats/wav';
import { wavBytes, wavHeaderBytes, writeWav } from './wav-builder';

function parse(bytes: Uint8Array, fileSize = bytes.byteLength) {
  return parseWavHeader(bytes.subarray(0, WAV_HEADER_PREFIX_BYTES), fileSize);
}

function header(bytes: Uint8Array, fileSize = bytes.byteLength): WavHeader {
  const result = parse(bytes, fileSize);
  assert.ok(result.ok, `expected a header, got ${result.ok ? '' : result.reason}`);
  return result.header;
}

function reason(bytes: Uint8Array, fileSize = bytes.byteLength): string {
  const result = parse(bytes, fileSize);
  assert.ok(!result.ok, 'expected a failure');
  return result.reason;
}

describe('parseWavHeader', () => {
  it('reads a 16 kHz mono 16-bit PCM file', () => {
    const h = header(wavBytes({ seconds: 1.5 }));
    assert.deepEqual(
      { ...h },
      { formatTag: 1, effectiveFormat: 1, channels: 1, sampleRate: 16000, bitsPerSample: 16, byteRate: 32000, dataBytes: 48000, durationSeconds: 1.5 },
    );
    assert.equal(unsupportedFormatReason(h), undefined);
  });

  it('accepts 8 kHz', () => {
    assert.equal(unsupportedFormatReason(header(wavBytes({ sampleRate: 8000 }))), undefined);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE and judges it by its sub-format', () => {
    const pcm = header(wavBytes({ formatTag: 0xfffe, subFormat: 1 }));
    assert.equal(pcm.formatTag, 0xfffe);
    assert.equal(pcm.effectiveFormat, 1);
    assert.equal(unsupportedFormatReason(pcm), undefined);
    const float = header(wavBytes({ formatTag: 0xfffe, subFormat: 3, bitsPerSample: 32 }));
    assert.equal(float.effectiveFormat, 3);
    assert.match(unsupportedFormatReason(float)!, /IEEE float.*needs PCM/);
  });

  it('skips a LIST chunk before data', () => {
    const list = { id: 'LIST', body: Buffer.from('INFOISFT\x0e\x00\x00\x00Lavf58.76.100\x00') };
    const h = header(wavBytes({ seconds: 2, chunksBefore: [list] }));
    assert.equal(h.durationSeconds, 2);
    assert.equal(h.dataBytes, 64000);
  });

  it('honours the pad byte after an odd-sized chunk', () => {
    const h = header(wavBytes({ seconds: 1, chunksBefore: [{ id: 'junk', body: Buffer.from('abc') }] }));
    assert.equal(h.dataBytes, 32000);
    assert.equal(h.durationSeconds, 1);
  });

  it('takes the real size when a streaming writer left 0xFFFFFFFF or 0 as data size', () => {
    const file = wavBytes({ seconds: 3, dataSizeField: 0xffffffff });
    assert.equal(header(file).durationSeconds, 3);
    assert.equal(header(wavBytes({ seconds: 2, dataSizeField: 0 })).durationSeconds, 2);
  });

  it('clamps the data size to what a truncated file really holds', () => {
    const file = wavBytes({ seconds: 10 });
    const cut = file.subarray(0, 44 + 16000);
    const h = header(cut);
    assert.equal(h.dataBytes, 16000);
    assert.equal(h.durationSeconds, 0.5);
  });

  it('computes the duration of a huge file from its size alone', () => {
    const prefix = wavHeaderBytes({ seconds: 3 * 3600 });
    const h = header(prefix, prefix.byteLength + 3 * 3600 * 32000);
    assert.equal(h.durationSeconds, 3 * 3600);
  });

  it('explains truncated and malformed headers', () => {
    const good = wavBytes();
    assert.match(reason(good.subarray(0, 8)), /too short/);
    assert.match(reason(good.subarray(0, 30)), /truncated "fmt " chunk/);
    assert.match(reason(good.subarray(0, 36)), /no "data" chunk/);
    const noFmt = Buffer.concat([Buffer.from('RIFF\x00\x00\x00\x00WAVE', 'latin1'), Buffer.from('data\x04\x00\x00\x00\x00\x00\x00\x00', 'latin1')]);
    assert.match(reason(noFmt), /"data" chunk comes before the "fmt " chunk/);
    assert.match(reason(Buffer.from('RIFF\x00\x00\x00\x00AVI LIST', 'latin1')), /another type than WAVE/);
  });

  it('names other formats', () => {
    assert.match(reason(Buffer.from('RIFX\x00\x00\x00\x00WAVEfmt ', 'latin1')), /big-endian/);
    assert.match(reason(Buffer.from('fLaC\x00\x00\x00\x22\x00\x00\x00\x00', 'latin1')), /FLAC/);
    assert.match(reason(Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00\x00\x00', 'latin1')), /MP3/);
    assert.match(reason(Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0])), /MP3/);
    assert.match(reason(Buffer.from('OggS\x00\x02\x00\x00\x00\x00\x00\x00', 'latin1')), /Ogg/);
    assert.match(reason(Buffer.from('hello, this is text', 'latin1')), /not a RIFF file/);
  });

  it('lists every reason a format is refused', () => {
    const cd = unsupportedFormatReason(header(wavBytes({ sampleRate: 44100, channels: 2 })))!;
    assert.match(cd, /2 channels \(needs mono\)/);
    assert.match(cd, /44100 Hz \(needs 8000 or 16000 Hz\)/);
    assert.match(unsupportedFormatReason(header(wavBytes({ bitsPerSample: 8 })))!, /8-bit samples \(needs 16-bit\)/);
    assert.match(unsupportedFormatReason(header(wavBytes({ formatTag: 3, bitsPerSample: 32 })))!, /IEEE float/);
  });
});

describe('DiskAudioFolder', () => {
  let root: string;
  let folder: string;

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'cs-audio-'));
    folder = path.join(root, 'dataset');
    await mkdir(path.join(folder, 'sub'), { recursive: true });
    await mkdir(path.join(folder, 'dir.wav'));
    await writeWav(path.join(folder, 'good.wav'), { seconds: 2 });
    await writeWav(path.join(folder, 'LOUD.WAV'), { sampleRate: 44100, channels: 2 });
    await writeWav(path.join(folder, 'sub', 'inner.wav'), { seconds: 1 });
    await writeWav(path.join(folder, 'big-list.wav'), { seconds: 1, chunksBefore: [{ id: 'LIST', body: Buffer.alloc(10_000, 0x41) }] });
    await writeWav(path.join(folder, 'huge-list.wav'), { seconds: 1, chunksBefore: [{ id: 'LIST', body: Buffer.alloc(WAV_HEADER_PREFIX_BYTES, 0x41) }] });
    await writeWav(path.join(folder, 'long.wav'), { seconds: 2 * 3600 + 1 });
    await writeFile(path.join(folder, 'fake.wav'), 'not audio at all');
    await writeFile(path.join(folder, 'notes.txt'), 'hello');
    await writeWav(path.join(root, 'outside.wav'), { seconds: 1 });
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lists the .wav files directly in the folder, whatever the case of the extension', async () => {
    const files = await new DiskAudioFolder(folder).listWavFiles();
    assert.deepEqual(files, ['LOUD.WAV', 'big-list.wav', 'fake.wav', 'good.wav', 'huge-list.wav', 'long.wav']);
  });

  it('lists nothing for a folder that does not exist', async () => {
    assert.deepEqual(await new DiskAudioFolder(path.join(root, 'nope')).listWavFiles(), []);
  });

  it('reads the header of a file', async () => {
    const result = await new DiskAudioFolder(folder).lookup('good.wav');
    assert.equal(result.kind, 'found');
    assert.ok(result.kind === 'found');
    assert.equal(result.header.durationSeconds, 2);
    assert.equal(result.header.sampleRate, 16000);
    const loud = await new DiskAudioFolder(folder).lookup('LOUD.WAV');
    assert.ok(loud.kind === 'found' && loud.header.channels === 2 && loud.header.sampleRate === 44100);
  });

  it('resolves names with "/" (or "\\") relative to the folder', async () => {
    const audio = new DiskAudioFolder(folder);
    assert.equal((await audio.lookup('sub/inner.wav')).kind, 'found');
    assert.equal((await audio.lookup('sub\\inner.wav')).kind, 'found');
    assert.equal((await audio.lookup('./sub/../good.wav')).kind, 'found');
  });

  it('reports missing files', async () => {
    const audio = new DiskAudioFolder(folder);
    assert.deepEqual(await audio.lookup('nothing.wav'), { kind: 'missing' });
    assert.deepEqual(await audio.lookup('good.wav/inside.wav'), { kind: 'missing' });
    assert.deepEqual(await audio.lookup(''), { kind: 'missing' });
    assert.deepEqual(await audio.lookup('bad\0name.wav'), { kind: 'missing' });
  });

  it('never reads outside the folder: such names are missing', async () => {
    const audio = new DiskAudioFolder(folder);
    assert.deepEqual(await audio.lookup('../outside.wav'), { kind: 'missing' });
    assert.deepEqual(await audio.lookup('sub/../../outside.wav'), { kind: 'missing' });
    assert.deepEqual(await audio.lookup('..\\outside.wav'), { kind: 'missing' });
    assert.deepEqual(await audio.lookup(path.join(root, 'outside.wav')), { kind: 'missing' });
    assert.deepEqual(await audio.lookup('C:\\outside.wav'), { kind: 'missing' });
  });

  it('reports files that are not WAV, and folders, as unreadable with a reason', async () => {
    const audio = new DiskAudioFolder(folder);
    assert.deepEqual(await audio.lookup('fake.wav'), { kind: 'unreadable', reason: 'not a RIFF file (no "RIFF" signature)' });
    const dir = await audio.lookup('dir.wav');
    assert.ok(dir.kind === 'unreadable' && /folder/.test(dir.reason));
  });

  it('reads further when chunks before the data are large, up to the 64 KiB prefix', async () => {
    const audio = new DiskAudioFolder(folder);
    const big = await audio.lookup('big-list.wav');
    assert.ok(big.kind === 'found' && big.header.durationSeconds === 1);
    const huge = await audio.lookup('huge-list.wav');
    assert.ok(huge.kind === 'unreadable' && /first 64 KiB/.test(huge.reason), JSON.stringify(huge));
  });

  it('knows the duration of a two-hour file without reading it', async () => {
    const started = performance.now();
    const long = await new DiskAudioFolder(folder).lookup('long.wav');
    assert.ok(long.kind === 'found');
    assert.equal(long.header.durationSeconds, 2 * 3600 + 1);
    assert.ok(performance.now() - started < 500, 'only the header is read');
  });

  it('gives the same lookups with blocking reads (the CLI), even many at once', async () => {
    const names = ['good.wav', 'LOUD.WAV', 'sub/inner.wav', 'big-list.wav', 'huge-list.wav', 'long.wav', 'fake.wav', 'dir.wav', 'nope.wav', '../outside.wav'];
    const waiting = new DiskAudioFolder(folder);
    const blocking = new DiskAudioFolder(folder, { blocking: true });
    const expected = await Promise.all(names.map((name) => waiting.lookup(name)));
    // Concurrent lookups share reused read buffers: each must still get its own file's header.
    assert.deepEqual(await Promise.all([...names, ...names].map((name) => blocking.lookup(name))), [...expected, ...expected]);
    assert.deepEqual(await Promise.all([...names].reverse().map((name) => waiting.lookup(name))), [...expected].reverse());
  });
});
