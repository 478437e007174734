import * as assert from 'node:assert/strict';
import { parseEquivalents, type Equivalents } from '../../../src/core/scoring/equivalents';
import { createNormalizer } from '../../../src/core/scoring/normalize';
import { ScoringInputError } from '../../../src/core/scoring/types';

const en = createNormalizer({ enabled: true, locale: 'en-US' });
const normalize = (text: string) => en.words(text);

const parse = (text: string, file = 'okay.txt') => parseEquivalents(text, file, normalize);

/** `equivalents` applied to the normalized words of `text`, joined by spaces. */
const applied = (equivalents: Equivalents, text: string) => equivalents.apply(en.words(text)).join(' ');

/** Asserts that parsing throws a ScoringInputError for `file` at `line` whose message matches. */
function assertRejected(text: string, line: number, message: RegExp): void {
  assert.throws(
    () => parse(text),
    (error: unknown) => {
      assert.ok(error instanceof ScoringInputError, String(error));
      assert.equal(error.file, 'okay.txt');
      assert.equal(error.line, line);
      assert.match(error.message, new RegExp(`^okay\\.txt:${line}: `));
      assert.match(error.message, message);
      return true;
    },
  );
}

describe('equivalents', () => {
  describe('parsing', () => {
    it('reads one rule a line, skipping comments and blank lines', () => {
      const equivalents = parse('# transcribers disagree\n\nokay = ok\n  # indented comment\nall right = alright\n');
      assert.equal(equivalents.size, 2);
      assert.equal(equivalents.source, 'okay.txt');
      assert.equal(applied(equivalents, 'Okay, all right.'), 'ok alright');
    });

    it('accepts CRLF line ends, a BOM and spaces around the rule', () => {
      const equivalents = parse('\ufeffokay=ok\r\n  all   right   =   alright  \r\n');
      assert.equal(equivalents.size, 2);
      assert.equal(applied(equivalents, 'okay all right'), 'ok alright');
    });

    it('normalizes both sides with the given normalizer', () => {
      const equivalents = parse("O.K. = Okay\nDon’t = do not\n5 = Five");
      assert.equal(applied(equivalents, "o k don't"), 'okay do not');
      assert.equal(equivalents.size, 3);
    });

    it('counts a rule given twice once', () => {
      assert.equal(parse('okay = ok\nOkay = OK').size, 1);
    });

    it('gives an empty mapping for an empty file', () => {
      const equivalents = parse('');
      assert.equal(equivalents.size, 0);
      assert.deepEqual(equivalents.apply(['okay']), ['okay']);
    });
  });

  describe('errors', () => {
    it('reject a line without "="', () => {
      assertRejected('okay = ok\nall right alright', 2, /expected "variant = canonical", found no "="/);
    });

    it('reject a line with more than one "="', () => {
      assertRejected('a = b = c', 1, /more than one "="/);
    });

    it('reject an empty side, also one that normalizes to nothing', () => {
      assertRejected('= ok', 1, /nothing to replace before "="/);
      assertRejected('okay =', 1, /nothing to replace with after "="/);
      assertRejected('# c\n\n!!! = ok', 3, /nothing to replace before "=" \(after normalization\)/);
    });

    it('reject a variant mapped to two canonical forms, naming both lines', () => {
      assertRejected('okay = ok\nfine = good\nOKAY = alright', 3, /"okay" is mapped to "ok" on line 1 and to "alright" here/);
    });
  });

  describe('applying', () => {
    it('replaces multi-word variants by multi-word canonical forms', () => {
      const equivalents = parse('all right = alright\no k = okay\ngonna = going to');
      assert.equal(applied(equivalents, "all right I'm gonna say o k"), "alright i'm going to say okay");
    });

    it('prefers the longest variant where several start at the same word', () => {
      const equivalents = parse('new = knew\nnew york = ny\nnew york city = nyc');
      assert.equal(applied(equivalents, 'new york city new york new car'), 'nyc ny knew car');
    });

    it('goes left to right: an earlier match wins over an overlapping later one', () => {
      const equivalents = parse('a b = x\nb c = y');
      assert.equal(applied(equivalents, 'a b c'), 'x c');
      assert.equal(applied(equivalents, 'b c a b'), 'y x');
    });

    it('is not recursive: replacements are not rewritten again', () => {
      const equivalents = parse('a = b\nb = c');
      assert.equal(applied(equivalents, 'a b'), 'b c');
      assert.equal(applied(parse('ok = okay okay'), 'ok'), 'okay okay');
    });

    it('does not match a variant cut off at the end of the utterance', () => {
      assert.equal(applied(parse('all right = alright'), 'that is all'), 'that is all');
    });

    it('returns the same array when nothing matches, and leaves its input alone', () => {
      const equivalents = parse('okay = ok');
      const words = ['nothing', 'here'];
      assert.equal(equivalents.apply(words), words);
      const input = ['okay', 'then'];
      assert.deepEqual(equivalents.apply(input), ['ok', 'then']);
      assert.deepEqual(input, ['okay', 'then']);
    });

    it('treats words that are Object property names as ordinary words', () => {
      assert.equal(applied(parse('okay = ok'), 'constructor toString __proto__'), 'constructor tostring proto');
    });
  });
});
