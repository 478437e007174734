import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DiskAudioFolder } from '../../../src/core/formats/disk-audio-folder';
import { feedLines, lintFile } from '../../../src/core/lint/lint-file';
import { Linter, lintText, type LinterSetup } from '../../../src/core/lint/linter';
import type { Problem } from '../../../src/core/lint/problem';
import { allRules, linePrefilters } from '../../../src/core/lint/rules';
import { transcriptPrefilter } from '../../../src/core/lint/rules/transcript-prefilter';
import { writeWav } from '../formats/wav-builder';

function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

// Audio names: a small pool (so names repeat), and every way a name can be wrong.
const pool = Array.from({ length: 40 }, (_, i) => `call-${String(i).padStart(3, '0')}.wav`);
const oddNames = [
  'A.WAV', 'x.Wav', ' lead.wav', 'trail.wav ', '\tx.wav', '', 'x.mp3', 'noext', 'dir/x.wav', 'dir\\x.wav', '../up.wav', 'a/../b.wav',
  'x..y.wav', '/abs.wav', 'C:x.wav', 'c:\\x.wav', 'caf\u00e9.wav', 'n\u00a0.wav', '.wav', 'wav', 'x.wa', 'sp ace.wav', 'Call-001.wav',
  'x.wav\u0007', 'x:y.wav', '@x.wav', '#1.wav',
];
const separators = ['\t', '\t', '\t', '\t', '\t\t', ' ', '  ', '', ' \t', '\t ', '\t\t\t'];
// Pieces of ordinary speech and of everything a transcript text rule reports (NUL, which stops the
// check, has a test of its own).
const pieces = [
  'the', 'The', 'THE', 'bike', 'no', 'No', "don't", "don't.", 'e', 'a', 'I', ' ', ' ', ' ', '  ', ',', '.', '?', '!', '-', ':', ';', '"', '(', ')',
  '[laughs]', '{x}', '`', "'", 'ok.', 'Mr.', 'mr.', 'MRS.', 'Dr. Smith', 'Elm Dr.', 'st.', 'etc.', 'vs.', 'no. 5', 'No.', 'fig.', 'U.S.', 'u.s.a',
  'e.g.', 'i.e.', 'a.m.', 'x.', 'abcdefgh.', 'abcdefghi.', 'co.', 'x-mr.', "o'mr.", '.mr.', 'www.', 'WwW.', 'www', 'https://x.io', 'a:/b', 'ftp:/x',
  '42', '3rd', '1,000', '10:30', "90's", 'MP3', '&', '%', '+', '=', '@', '#', '$', '/', '*', '<', '>', '_', '|', '~', '^', '\\', '\t',
  '\u2019', '\u201c', '\u2014', '\u00a0', '\u200b', '\u00e9', '\u{1F600}', '\u0007', '\x7f', '\uFFFD', '\r', '\uFEFF',
  'soooo', 'sooo', '!!!!', '....', '...', '----', "''''", 'zzzz', 'x'.repeat(30),
];

function randomBody(rnd: () => number): string {
  let text = '';
  const n = Math.floor(rnd() * 16);
  for (let i = 0; i < n; i++) text += rnd() < 0.55 ? ` ${pick(rnd, ['can', 'you', 'true', 'my', 'wheel', 'Ok', 'ok', 'a', 'the'])}` : pick(rnd, pieces);
  if (rnd() < 0.2) {
    // Groups of 1 to 4 words repeated 3 to 5 times.
    const group = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(rnd, ['ok', 'OK', 'bike', 'the'])).join(' ');
    text += (' ' + group).repeat(3 + Math.floor(rnd() * 3));
  }
  return text;
}

function randomLine(rnd: () => number): string {
  const roll = rnd();
  if (roll < 0.04) return '';
  if (roll < 0.06) return pick(rnd, [' ', '\t', ' \t ', '   ']);
  if (roll < 0.08) return randomBody(rnd); // no name, maybe no tab
  const name = rnd() < 0.75 ? pick(rnd, pool) : pick(rnd, oddNames);
  const line = name + pick(rnd, separators) + randomBody(rnd);
  if (rnd() < 0.01) return line + ' word'.repeat(2500); // past the prefilter's length limit
  return line;
}

/** A transcript of random lines, with random line ends, an optional BOM and some invalid UTF-8. */
function randomTranscript(seed: number, lines: number): Buffer {
  const rnd = random(seed);
  const parts: Buffer[] = [];
  if (rnd() < 0.5) parts.push(Buffer.from('\uFEFF'));
  for (let i = 0; i < lines; i++) {
    parts.push(Buffer.from(randomLine(rnd)));
    if (rnd() < 0.01) parts.push(Buffer.from(pick(rnd, [[0xff], [0xc3, 0x28], [0xe2, 0x82], [0x80, 0x80], [0xed, 0xa0, 0x80]])));
    if (i < lines - 1 || rnd() < 0.5) parts.push(Buffer.from(rnd() < 0.1 ? '\r\n' : '\n'));
  }
  return Buffer.concat(parts);
}

const transcriptLineRules = allRules.filter((rule) => (rule.kind === 'transcript' || rule.kind === 'any') && rule.stateless);

async function* chunksOf(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** What `lintFile` finds in `bytes`, read in chunks of `size`, with or without the prefilter. */
async function lintBytes(bytes: Buffer, size: number, setup: LinterSetup, prefilter: boolean): Promise<Problem[]> {
  const linter = new Linter('transcript', { ...setup, byteLength: bytes.length, hasBom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf });
  if (prefilter) assert.ok(linter.prefilter, 'the prefilter should be on');
  await feedLines(linter, chunksOf(bytes, size), prefilter ? linter.prefilter : undefined);
  return linter.end();
}

describe('transcript line prefilter', () => {
  it('speaks for every transcript and common rule but the ja-JP and zh-CN ones', () => {
    const codes = allRules.filter((rule) => rule.kind === 'transcript' || rule.kind === 'any').map((rule) => rule.code);
    const localeRules = ['transcript/ja-line-too-long', 'transcript/zh-halfwidth-punctuation'];
    assert.deepEqual([...transcriptPrefilter.covers].sort(), codes.filter((code) => !localeRules.includes(code)).sort());
    assert.equal(linePrefilters.transcript, transcriptPrefilter);
    assert.ok(new Linter('transcript', { locale: 'en-US' }).prefilter);
    assert.ok(new Linter('transcript', { locale: 'de-DE' }).prefilter);
    assert.equal(new Linter('transcript', { locale: 'ja-JP' }).prefilter, undefined);
  });

  it('never calls a line clean that a text rule reports (30,000 random lines)', async () => {
    const rnd = random(5);
    let clean = 0;
    for (let i = 0; i < 30_000; i++) {
      const text = randomLine(rnd);
      const bytes = Buffer.from(text);
      if (!transcriptPrefilter.isClean(bytes, 0, bytes.length)) continue;
      clean++;
      for (const locale of ['en-US', 'de-DE']) {
        const problems = await lintText(text, 'transcript', { locale, hasBom: true }, transcriptLineRules);
        assert.deepEqual(problems, [], JSON.stringify(text));
      }
    }
    assert.ok(clean > 2000, `only ${clean} clean lines: the generator no longer exercises the clean path`);
  });

  it('calls ordinary lines clean and each kind of problem not clean', () => {
    const isClean = (text: string) => transcriptPrefilter.isClean(Buffer.from(text), 0, Buffer.byteLength(text));
    for (const text of [
      'call-000123.wav\tcan you true my wheel while I wait?', "a.WAV\tit's fine - no, really: (roughly) \"fine\"; ok.", 'd/x.wav\tha ha ha', 'sp ace.wav\t[laughs] no',
      "x.wav\tI don't. Really.", 'x.wav\tthe end...', '', 'x.wav\tabcdefghi. mrs', 'x.wav\tgo www', "x.wav\tx-mr. o'st.",
    ]) {
      assert.ok(isClean(text), text);
    }
    for (const text of [
      'x.wav', 'x.wav ', ' x.wav\thi', 'x.wav \thi', '\thi', 'x.mp3\thi', '/x.wav\thi', 'C:x.wav\thi', '..\\x.wav\thi', 'a/../x.wav\thi', 'x.wav\t', 'x.wav\t   ',
      'x.wav\ta\tb', 'x.wav\tcaf\u00e9', 'x.wav\t\u2019', 'x.wav\t3 cats', 'x.wav\tR&D', 'x.wav\ta/b', 'x.wav\tMr. Smith', 'x.wav\tthe U.S.', 'x.wav\tsee www.x',
      'x.wav\tsoooo', 'x.wav\t!!!!', 'x.wav\tno no no no', 'x.wav\tok bike ok bike ok bike ok bike', 'x.wav\ta\0b', 'x.wav\ta\rb', 'x.wav\t' + 'a '.repeat(6000),
    ]) {
      assert.ok(!isClean(text), text);
    }
  });

  describe('gives the same problems as checking every line', () => {
    let root: string;
    let folder: string;
    before(async () => {
      root = await mkdtemp(path.join(tmpdir(), 'cs-transcript-prefilter-'));
      folder = path.join(root, 'audio');
      await mkdir(folder);
      // Some names of the pool exist, in every state an audio rule reports; others are missing.
      for (let i = 0; i < 40; i += 2) await writeWav(path.join(folder, pool[i]!), { seconds: 1 });
      await writeWav(path.join(folder, pool[1]!), { seconds: 41 });
      await writeWav(path.join(folder, pool[3]!), { seconds: 0 });
      await writeWav(path.join(folder, pool[5]!), { sampleRate: 44100 });
      await writeFile(path.join(folder, pool[7]!), 'no audio');
      await writeWav(path.join(folder, 'CALL-009.wav'));
      await writeWav(path.join(folder, 'unnamed.wav'));
    });
    after(async () => {
      await rm(root, { recursive: true, force: true });
    });

    for (const [label, setup] of [
      ['en-US, text rules', () => ({ locale: 'en-US' })],
      ['de-DE, text rules', () => ({ locale: 'de-DE' })],
      ['en-US, audio beside', () => ({ locale: 'en-US', audio: new DiskAudioFolder(folder) })],
      ['en-US, audio beside, read blocking', () => ({ locale: 'en-US', audio: new DiskAudioFolder(folder, { blocking: true }) })],
      ['en-US, duplicates off', () => ({ locale: 'en-US', severities: { 'transcript/duplicate-audio': 'off' as const } })],
    ] as const) {
      it(`${label}: random transcripts, every chunk size`, async () => {
        for (let seed = 1; seed <= 4; seed++) {
          const bytes = randomTranscript(seed, 1000);
          const expected = await lintBytes(bytes, 1 << 20, setup(), false);
          assert.ok(expected.length > 100, 'the transcript should have problems');
          // Chunks of one byte cost a concatenation per byte: one transcript is enough.
          for (const size of seed === 1 ? [1, 2, 3, 7, 64, 4096, 1 << 20] : [3, 7, 64, 4096, 1 << 20]) {
            const found = await lintBytes(bytes, size, setup(), true);
            assert.deepEqual(found, expected, `seed ${seed}, chunks of ${size}`);
          }
        }
      });
    }

    it('a transcript of more audio files than a zip holds, and duplicates past it', async () => {
      const lines = Array.from({ length: 10_050 }, (_, i) => `f${i % 10_020}.wav\tcan you true my wheel`);
      const bytes = Buffer.from(lines.join('\n'));
      const expected = await lintBytes(bytes, 1 << 20, { locale: 'en-US' }, false);
      assert.deepEqual(expected.map((p) => p.code).filter((code, i, all) => all.indexOf(code) === i), ['transcript/too-many-files', 'transcript/duplicate-audio']);
      assert.deepEqual(await lintBytes(bytes, 1 << 16, { locale: 'en-US' }, true), expected);
    });

    it('a binary file stops both at the same place', async () => {
      const bytes = Buffer.concat([Buffer.from('a.wav\thello\nb.wav\tthere\n'), Buffer.from([0, 1, 2, 0]), Buffer.from('\nc.wav\tnever\na.wav\tseen\n')]);
      const expected = await lintBytes(bytes, 1 << 20, { locale: 'en-US' }, false);
      assert.deepEqual(expected.map((p) => p.code), ['file/binary']);
      for (const size of [1, 5, 1 << 20]) assert.deepEqual(await lintBytes(bytes, size, { locale: 'en-US' }, true), expected);
    });

    it('lintFile agrees with itself, with and without the prefilter and the audio', async () => {
      const file = path.join(folder, 'trans.txt');
      await writeFile(file, Buffer.concat([randomTranscript(99, 2000), Buffer.from('\nhuge.wav\t' + 'word '.repeat(30_000))]));
      for (const options of [{ checkAudio: false }, { checkAudio: true }, { checkAudio: true, blockingReads: true }]) {
        const fast = await lintFile(file, 'transcript', { locale: 'en-US' }, options);
        const full = await lintFile(file, 'transcript', { locale: 'en-US' }, { ...options, prefilter: false });
        assert.deepEqual(fast, full);
        assert.ok(full.problems.some((p) => p.code === 'file/huge-line'));
      }
    });
  });
});
