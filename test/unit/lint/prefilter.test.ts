import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readLines } from '../../../src/core/lint/line-reader';
import { lintFile } from '../../../src/core/lint/lint-file';
import { Linter, lintText } from '../../../src/core/lint/linter';
import { feedCandidateLines } from '../../../src/core/lint/prefiltered-line-reader';
import { allRules, linePrefilters } from '../../../src/core/lint/rules';
import { relatedTextPrefilter } from '../../../src/core/lint/rules/related-text-prefilter';

function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

// Pieces of clean English and of everything a related-text rule reports.
const pieces = [
  'the', 'The', 'THE', 'bike', 'no', 'No', "don't", 'e', '42', '2024', ' ', ' ', ' ', '  ', '\t', ',', '.', '?', '!', '-', ':', ';', '"', '(', ')',
  'www.', 'WwW.', 'https://x.io', 'a:/b', '<br>', '&amp;', '-->', '***', '==>', '|', '#', '%', '$', '_', '\\', '@',
  'é', '\u2019', '\u00a0', '\u{1F600}', '\u0007', '\x7f', '\0', '\uFFFD', 'soooo', '!!!!', '....', '1111', 'x'.repeat(38), 'glued',
];

function randomLine(rnd: () => number): string {
  let text = '';
  const n = Math.floor(rnd() * 24);
  for (let i = 0; i < n; i++) text += pieces[Math.floor(rnd() * pieces.length)];
  if (rnd() < 0.3) {
    // Groups of 1 to 4 words repeated 3 to 5 times.
    const group = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => ['ok', 'OK', 'bike', 'the'][Math.floor(rnd() * 4)]).join(' ');
    text += (' ' + group).repeat(3 + Math.floor(rnd() * 3));
  }
  if (rnd() < 0.02) text = text.repeat(200); // long lines and long tokens
  return text;
}

const relatedTextLineRules = allRules.filter((rule) => (rule.kind === 'related-text' || rule.kind === 'any') && rule.stateless);

async function* chunksOf(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function allLines(bytes: Buffer, size: number, max?: number): Promise<string[]> {
  const lines: string[] = [];
  for await (const batch of readLines(chunksOf(bytes, size), max)) lines.push(...batch);
  return lines;
}

async function candidateLines(bytes: Buffer, size: number, max?: number): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  const sink = { line: (text: string, line: number) => void found.set(line, text), head: () => assert.fail('related text has no heads'), stopped: false };
  await feedCandidateLines(chunksOf(bytes, size), relatedTextPrefilter, sink, max);
  return found;
}

describe('related-text line prefilter', () => {
  it('speaks for every related-text and common rule (a new rule must teach it its problems)', () => {
    const codes = allRules.filter((rule) => rule.kind === 'related-text' || rule.kind === 'any').map((rule) => rule.code);
    assert.deepEqual([...relatedTextPrefilter.covers].sort(), codes.sort());
    assert.equal(linePrefilters['related-text'], relatedTextPrefilter);
  });

  it('never calls a line clean that a rule reports (20,000 random lines)', async () => {
    const rnd = random(11);
    let clean = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = randomLine(rnd);
      const bytes = Buffer.from(text);
      if (!relatedTextPrefilter.isClean(bytes, 0, bytes.length)) continue;
      clean++;
      const problems = await lintText(text, 'related-text', { locale: 'en-US', hasBom: true }, relatedTextLineRules);
      assert.deepEqual(problems, [], JSON.stringify(text));
    }
    assert.ok(clean > 1000, `only ${clean} clean lines: the generator no longer exercises the clean path`);
  });

  it('calls ordinary sentences clean and each kind of problem not clean', () => {
    const isClean = (text: string) => relatedTextPrefilter.isClean(Buffer.from(text), 0, Buffer.byteLength(text));
    for (const text of ['Can you true my wheel while I wait?', "it's 42 - no, 43: (roughly) \"fine\"; ok.", 'ha ha ha', 'no no no, yes', '', 'aaa 1111']) {
      assert.ok(isClean(text), text);
    }
    for (const text of ['caf\u00e9', 'see www.contoso.com', 'a/b', 'soooo', 'no no no no', 'ok bike ok bike ok bike ok bike', 'x'.repeat(40), 'a '.repeat(1001), '<b>', 'tab\vs']) {
      assert.ok(!isClean(text), text);
    }
  });

  it('yields the same text as readLines for every line it does not skip, at any chunk size', async () => {
    const rnd = random(3);
    const lines = Array.from({ length: 400 }, () => randomLine(rnd));
    const text = '\uFEFF' + lines.map((line, i) => line + (i % 7 === 0 ? '\r\n' : '\n')).join('') + 'last line \u00e9\r';
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xe2, 0x82])]); // ends in a cut character
    const expected = await allLines(bytes, 1 << 20);
    for (const size of [1, 2, 3, 7, 64, 4096, 1 << 20]) {
      const found = await candidateLines(bytes, size);
      assert.ok(found.size < expected.length, 'nothing was skipped');
      for (const [line, value] of found) assert.equal(value, expected[line], `line ${line}, chunks of ${size}`);
      // The clean lines are the skipped ones.
      expected.forEach((value, line) => {
        if (!found.has(line)) assert.ok(relatedTextPrefilter.isClean(Buffer.from(value), 0, Buffer.byteLength(value)), `line ${line} skipped but not clean`);
      });
    }
  });

  it('cuts an endless line like readLines and goes on after it', async () => {
    const bytes = Buffer.from('start\n' + 'x'.repeat(100) + '\r\nafter it\n' + 'y'.repeat(50));
    for (const size of [1, 5, 16, 1000]) {
      const expected = await allLines(bytes, size, 10);
      const found = await candidateLines(bytes, size, 10);
      assert.deepEqual([...found.entries()], [[0, 'start'], [1, 'x'.repeat(10)], [3, 'y'.repeat(10)]]);
      for (const [line, value] of found) assert.equal(value, expected[line]);
    }
  });

  it('always yields line 0 and the lines up to the first one with text', async () => {
    const found = await candidateLines(Buffer.from('\n\r\nhello there\nhello again\n'), 4);
    assert.deepEqual([...found.keys()], [0, 1, 2]);
  });

  describe('lintFile with and without the prefilter', () => {
    let root: string;
    before(async () => {
      root = await mkdtemp(path.join(tmpdir(), 'cs-prefilter-'));
    });
    after(async () => {
      await rm(root, { recursive: true, force: true });
    });

    const files: Record<string, () => Buffer> = {
      'random lines with a BOM': () => {
        const rnd = random(8);
        return Buffer.from('\uFEFF' + Array.from({ length: 3000 }, () => randomLine(rnd)).join('\n'));
      },
      'no BOM, empty lines first': () => Buffer.from('\n\n\nclean words here\nmore clean words\n'),
      'invalid UTF-8 and a NUL byte': () => Buffer.concat([Buffer.from('\uFEFFfine line\nbad '), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('\nclean\nnul \0 here\nnever read\n')]),
      'a huge line': () => Buffer.from('\uFEFFok\n' + 'word '.repeat(400_000) + '\nok again\n'),
      'an endless line past the cut': () => Buffer.from('\uFEFF' + 'z'.repeat(3_500_000) + '\nok\n'),
    };
    for (const [name, make] of Object.entries(files)) {
      it(`same problems: ${name}`, async () => {
        const file = path.join(root, name.replace(/\W+/g, '-') + '.txt');
        await writeFile(file, make());
        const fast = await lintFile(file, 'related-text', { locale: 'en-US' });
        const full = await lintFile(file, 'related-text', { locale: 'en-US' }, { prefilter: false });
        assert.deepEqual(fast, full);
        assert.ok(full.problemCount > 0, 'the file should have problems');
      });
    }

    it('is off when a rule outside its list is on', () => {
      const extra = { code: 'related-text/extra', kind: 'related-text' as const, severity: 'info' as const, doc: 'x', stateless: true, create: () => ({ line() {} }) };
      assert.ok(new Linter('related-text', { locale: 'en-US' }).prefilter);
      assert.equal(new Linter('related-text', { locale: 'en-US' }, [...allRules, extra]).prefilter, undefined);
      assert.equal(new Linter('pronunciation', { locale: 'en-US' }).prefilter, undefined);
    });
  });
});
