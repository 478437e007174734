import * as assert from 'node:assert/strict';
import { findCharsAbove, findRepetitions, findUris } from '../../../src/core/lint/text-checks';
import {
  findCharsAboveA1,
  findLongTokens,
  findLongTokensFast,
  findRepetitionsFast,
  findSpecialChars,
  findSymbolRuns,
  findUrisFast,
  isEnglishLocale,
} from '../../../src/core/lint/fast-text-checks';

/** A small deterministic random generator, so failures can be replayed. */
function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function randomLine(rnd: () => number, pieces: readonly string[]): string {
  let text = '';
  const n = Math.floor(rnd() * 30);
  for (let i = 0; i < n; i++) text += pieces[Math.floor(rnd() * pieces.length)];
  if (rnd() < 0.5) {
    // Repeat a piece of the line a few times, so repetitions are frequent.
    const unit = text.slice(0, 1 + Math.floor(rnd() * 8));
    text += ` ${unit}`.repeat(1 + Math.floor(rnd() * 6)) + text;
  }
  return text;
}

const slices = (text: string, spans: { start: number; end: number }[]): string[] => spans.map((s) => text.slice(s.start, s.end));

describe('text checks', () => {
  describe('findUris / findUrisFast', () => {
    it('find http(s), ftp, file, ws URIs and www. names up to a space or quote', () => {
      const text = 'go to https://contoso.com/a?b=1, ftp://x.org and www.example.org/"x" or file:///c:/a';
      assert.deepEqual(slices(text, findUris(text)), ['https://contoso.com/a?b=1,', 'ftp://x.org', 'www.example.org/', 'file:///c:/a']);
      assert.deepEqual(findUrisFast(text), findUris(text));
    });
    it('find nothing in plain text', () => {
      assert.deepEqual(findUrisFast('at 10:30, see a.m. and www or W.W.W. now'), []);
    });
  });

  describe('findRepetitions / findRepetitionsFast', () => {
    it('find words and groups of up to 4 words repeated 4 times or more, case-insensitively', () => {
      const text = 'well no No NO no. thank you thank you thank you thank you! a b c d e a b c d e a b c d e a b c d e';
      const found = findRepetitions(text);
      assert.deepEqual(
        found.map((r) => [text.slice(r.start, r.end), r.unit, r.times]),
        [
          ['no No NO no', 'no', 4],
          ['thank you thank you thank you thank you', 'thank you', 4],
        ],
      );
      assert.deepEqual(findRepetitionsFast(text), found);
    });
    it('find runs of one character, but not of digits or spaces', () => {
      const text = 'soooo good!!!! 10000 ok     x \u{1F600}\u{1F600}\u{1F600}\u{1F600}';
      const found = findRepetitions(text);
      assert.deepEqual(found.map((r) => [r.unit, r.times]), [['o', 4], ['!', 4], ['\u{1F600}', 4]]);
      assert.deepEqual(findRepetitionsFast(text), found);
    });
    it('need spaces or tabs between the copies, and 3 repetitions are fine', () => {
      for (const text of ['no, no, no, no', 'no no no', 'no-no-no-no', 'ha ha ha, ha']) {
        assert.deepEqual(findRepetitions(text), [], text);
        assert.deepEqual(findRepetitionsFast(text), [], text);
      }
    });
    it('fast version: same results as the regular expression on random lines', () => {
      const rnd = random(42);
      const pieces = ['a', 'A', 'no', 'No', ' ', ' ', '  ', '\t', ',', '.', '1', '!', 'é', 'É', '\u{1F600}', '\u{1D400}', "'", '-', 'ſ', 's', 'K', 'k', 'ß', 'ẞ', 'ı', 'I', 'Σ', 'ς', 'σ'];
      for (let i = 0; i < 20_000; i++) {
        const text = randomLine(rnd, pieces);
        assert.deepEqual(findRepetitionsFast(text), findRepetitions(text), JSON.stringify(text));
      }
    });
    it('fast version: same results on random ASCII lines (scanned as bytes)', () => {
      const rnd = random(5);
      const pieces = ['a', 'A', 'b', 'no', 'No', 'NO', ' ', ' ', '  ', '\t', ',', '.', '1', '22', '!', '!!', "'", '-', 'yes', 'aB', '\u0007'];
      for (let i = 0; i < 20_000; i++) {
        const text = randomLine(rnd, pieces);
        assert.deepEqual(findRepetitionsFast(text), findRepetitions(text), JSON.stringify(text));
      }
    });
    it('fast version: linear on a 10 MB line', () => {
      const line = 'no '.repeat(3_000_000) + 'yes '.repeat(200_000);
      const started = Date.now();
      const found = findRepetitionsFast(line);
      assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
      assert.deepEqual(found.map((r) => [r.unit, r.times]), [['no', 3_000_000], ['yes', 200_000]]);
    });
  });

  describe('findCharsAbove / findCharsAboveA1', () => {
    it('find code points above the limit and control characters, merging runs, with replacements', () => {
      const text = 'it\u2019s \u201Cok\u201D\u2014caf\u00E9 \u00A1si! \u2026\u2026 \u{1F600}\u0007\ttab';
      const found = findCharsAbove(text, 0xa1);
      assert.deepEqual(
        found.map((f) => [f.char, text.slice(f.start, f.end), f.replacement]),
        [
          ['\u2019', '\u2019', "'"],
          ['\u201C', '\u201C', '"'],
          ['\u201D', '\u201D', '"'],
          ['\u2014', '\u2014', '--'],
          ['\u00E9', '\u00E9', undefined],
          ['\u2026', '\u2026\u2026', '......'],
          ['\u{1F600}', '\u{1F600}', undefined],
          ['\u0007', '\u0007', undefined],
        ],
      );
      assert.deepEqual(findCharsAboveA1(text), found);
      assert.deepEqual(findCharsAboveA1('plain \u00A1si!\u00A0\tok ~'), []);
    });
  });

  describe('findSpecialChars', () => {
    it('is findCharsAbove(0xA1) for English', () => {
      const text = 'caf\u00E9 na\u00EFve \u00FCber \u2019';
      assert.deepEqual(findSpecialChars(text, 'en-US'), findCharsAbove(text, 0xa1));
      assert.deepEqual(findSpecialChars(text, 'en-GB').map((f) => f.char), ['\u00E9', '\u00EF', '\u00FC', '\u2019']);
    });
    it('keeps letters, marks, digits, punctuation and spaces for other locales', () => {
      const text = 'Gr\u00FC\u00DFe \u201EHallo\u201C \u65E5\u672C\u8A9E\u3002 \u0928\u092E\u0938\u094D\u0924\u0947 \u2605 \u{1F600}\u200B\u0007';
      assert.deepEqual(
        findSpecialChars(text, 'de-DE').map((f) => [f.char, f.replacement]),
        [
          ['\u2605', undefined],
          ['\u{1F600}', undefined],
          ['\u200B', ''],
          ['\u0007', undefined],
        ],
      );
    });
    it('knows English locales', () => {
      assert.deepEqual(['en-US', 'en', 'EN-gb', 'en_AU', 'eng', 'de-DE', 'fr-CA'].map(isEnglishLocale), [true, true, true, true, false, false, false]);
    });
  });

  describe('findSymbolRuns', () => {
    it('find runs of 3 or more markup or code symbols', () => {
      const text = '*** a ==> b |---|---| c #$% d ^_^ e (*) f <<<';
      assert.deepEqual(slices(text, findSymbolRuns(text)), ['***', '==>', '|---|---|', '#$%', '^_^', '<<<']);
    });
    it('leave ordinary punctuation alone', () => {
      assert.deepEqual(findSymbolRuns('Wait... what?! "Yes." (really) -- C++. :-) 50% #1 @home a+b=c x->y {{a}}'), []);
    });
  });

  describe('findLongTokens / findLongTokensFast', () => {
    it('find stretches of `min` characters or more without white space', () => {
      const long = 'x'.repeat(40);
      const text = `a ${long} b\t${long}y\u00A0c ${'z'.repeat(39)}`;
      assert.deepEqual(slices(text, findLongTokens(text, 40)), [long, `${long}y`]);
      assert.deepEqual(findLongTokensFast(text, 40), findLongTokens(text, 40));
    });
    it('fast version: same results on random lines', () => {
      const rnd = random(7);
      const pieces = ['abcdefghij', 'x', ' ', '\t', '\u00A0', '.', '\u{1F600}', '-'];
      for (let i = 0; i < 5_000; i++) {
        const text = randomLine(rnd, pieces);
        assert.deepEqual(findLongTokensFast(text, 12), findLongTokens(text, 12), JSON.stringify(text));
      }
    });
  });
});
