import * as assert from 'node:assert/strict';
import { parseEquivalents } from '../../../src/core/scoring/equivalents';
import { createNormalizer, NORMALIZATION_VERSION, type Normalizer } from '../../../src/core/scoring/normalize';
import { WordScanner } from '../../../src/core/scoring/word-scanner';

const en = createNormalizer({ enabled: true, locale: 'en-US' });

/** The normalized words of `text`, joined by spaces, for readable expectations. */
const said = (text: string, normalizer: Normalizer = en) => normalizer.words(text).join(' ');

/** A small deterministic random generator, so failures can be replayed. */
function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('normalizer', () => {
  describe('description', () => {
    it('names the version, locale and rules, and the equivalents', () => {
      assert.equal(NORMALIZATION_VERSION, 'custom-speech-normalization/1');
      assert.equal(en.description, 'custom-speech-normalization/1 en-US: lowercase, punctuation, hyphens, numbers');
      assert.equal(en.enabled, true);
      const de = createNormalizer({ enabled: true, locale: 'de_de' });
      assert.equal(de.description, 'custom-speech-normalization/1 de-DE: lowercase, punctuation, hyphens');
      const equivalents = parseEquivalents('okay = ok\nall right = alright\no k = ok\n', 'okay.txt', (t) => en.words(t));
      assert.equal(
        createNormalizer({ enabled: true, locale: 'en-us', equivalents }).description,
        'custom-speech-normalization/1 en-US: lowercase, punctuation, hyphens, numbers; 3 equivalents from okay.txt',
      );
      const one = parseEquivalents('okay = ok', 'one.txt', (t) => en.words(t));
      assert.match(createNormalizer({ enabled: true, locale: 'en-US', equivalents: one }).description, /; 1 equivalent from one\.txt$/);
    });

    it('says when normalization is off', () => {
      const off = createNormalizer({ enabled: false, locale: 'en-US' });
      assert.equal(off.enabled, false);
      assert.equal(off.description, 'none (texts compared as written, split on white space)');
    });

    it('rejects a locale that is not a locale tag', () => {
      assert.throws(() => createNormalizer({ enabled: true, locale: 'not a locale' }), { name: 'RangeError', message: /"not a locale" is not a locale/ });
      assert.throws(() => createNormalizer({ enabled: true, locale: '' }), RangeError);
    });
  });

  describe('turned off', () => {
    const off = createNormalizer({ enabled: false, locale: 'en-US' });

    it('splits on white space only, keeping case, punctuation and digits', () => {
      assert.deepEqual(off.words("  Hello,  World!\tIt's 42.\u00a0Dr.  "), ['Hello,', 'World!', "It's", '42.', 'Dr.']);
      assert.deepEqual(off.words('double-jointed $5'), ['double-jointed', '$5']);
    });

    it('gives no words for empty or blank text', () => {
      assert.deepEqual(off.words(''), []);
      assert.deepEqual(off.words(' \t '), []);
    });

    it('still applies equivalents', () => {
      const equivalents = parseEquivalents('OK = okay', 'eq.txt', (t) => off.words(t));
      const withEquivalents = createNormalizer({ enabled: false, locale: 'en-US', equivalents });
      assert.deepEqual(withEquivalents.words('OK ok'), ['okay', 'ok']);
      assert.match(withEquivalents.description, /^none .*; 1 equivalent from eq\.txt$/);
    });
  });

  describe('case', () => {
    it('lowercases, Unicode-aware', () => {
      assert.equal(said('Hello WORLD'), 'hello world');
      assert.equal(said('ÉCOLE Café ÅNGSTRÖM'), 'école café ångström');
    });

    it('keeps ß, and lowercases capital ẞ to ß', () => {
      assert.equal(said('Straße STRASSE ẞ'), 'straße strasse ß');
    });

    it('writes a final Greek sigma as ς', () => {
      assert.equal(said('ΟΔΟΣ ΣΟΦΙΑ', createNormalizer({ enabled: true, locale: 'el-GR' })), 'οδος σοφια');
      assert.equal([...said('ΟΔΟΣ')].at(-1), 'ς');
    });

    it('lowercases Turkish I and İ by the Turkish rules only in Turkish', () => {
      const tr = createNormalizer({ enabled: true, locale: 'tr-TR' });
      assert.equal(said('İSTANBUL IŞIK', tr), 'istanbul ışık');
      // Elsewhere İ keeps its dot as a combining mark (i + U+0307), inside the same word.
      assert.deepEqual(en.words('İSTANBUL IŞIK'), ['i\u0307stanbul', 'işik']);
    });
  });

  describe('words and punctuation', () => {
    it('drops punctuation', () => {
      assert.equal(said('Hello, world! How are you? (Fine; thanks.)'), 'hello world how are you fine thanks');
      assert.equal(said('“Quoted” «text» ¿qué? ¡sí!'), 'quoted text qué sí');
      assert.equal(said('U.S.A. e.g. a.m.'), 'u s a e g a m');
    });

    it('gives no words for empty text, white space or punctuation only', () => {
      assert.deepEqual(en.words(''), []);
      assert.deepEqual(en.words(' \t\u00a0\u3000 '), []);
      assert.deepEqual(en.words('?!... -- ,, "" \' ’'), []);
      assert.deepEqual(en.words('😀 ♪'), []);
    });

    it('splits hyphenated words and drops dashes', () => {
      assert.equal(said('double-jointed'), 'double jointed');
      assert.equal(said('well--known wait—what so – so'), 'well known wait what so so');
      assert.equal(said('-hello- x-ray-'), 'hello x ray');
    });

    it('keeps apostrophes inside words only', () => {
      assert.equal(said("Don't rock'n'roll O'Neill's"), "don't rock'n'roll o'neill's");
      assert.equal(said("'cause the dogs' 'quoted' ''"), 'cause the dogs quoted');
    });

    it('writes typographic apostrophes as \'', () => {
      assert.deepEqual(en.words('don’t can‘t won\u02bct ’tis dogs’'), ["don't", "can't", "won't", 'tis', 'dogs']);
    });

    it('puts words in NFC, so composed and decomposed letters match', () => {
      assert.deepEqual(en.words('cafe\u0301 café'), ['café', 'café']);
    });

    it('passes CJK text through, split on spaces and punctuation only', () => {
      assert.deepEqual(en.words('你好 世界。'), ['你好', '世界']);
      assert.deepEqual(en.words('我爱北京'), ['我爱北京']);
      assert.deepEqual(en.words('こんにちは、世界！'), ['こんにちは', '世界']);
    });

    it('keeps letters outside the BMP and drops emoji', () => {
      assert.deepEqual(en.words('𠀀x a😀b'), ['𠀀x', 'a', 'b']);
    });

    it('keeps joiners only inside words', () => {
      assert.deepEqual(en.words('\ufeffmy\u200cword \u200dx'), ['my\u200cword', 'x']);
    });
  });

  describe('numbers (English)', () => {
    it('reads cardinals, with thousands separators', () => {
      assert.equal(said('42'), 'forty two');
      assert.equal(said('0 7 15 100 101'), 'zero seven fifteen one hundred one hundred one');
      assert.equal(said('1,200'), 'one thousand two hundred');
      assert.equal(said('12,345,678'), 'twelve million three hundred forty five thousand six hundred seventy eight');
      assert.equal(said('999,999,999,999'), cardinalOfMax);
    });

    it('does not read commas as thousands separators unless three digits follow', () => {
      assert.equal(said('1,2,3'), 'one two three');
      assert.equal(said('1,20'), 'one twenty');
      assert.equal(said('1,2000'), 'one two thousand');
      assert.equal(said('0,123'), 'zero one hundred twenty three');
    });

    it('reads numbers beyond 999,999,999,999 digit by digit', () => {
      assert.equal(said('1234567890123'), 'one two three four five six seven eight nine oh one two three');
      assert.equal(said('1,000,000,000,000'), `one ${'oh '.repeat(12).trim()}`);
    });

    it('reads integers with a leading zero digit by digit', () => {
      assert.equal(said('007'), 'oh oh seven');
      assert.equal(said('05'), 'oh five');
    });

    it('reads ordinals', () => {
      assert.equal(said('1st 2nd 3rd 21st 100th'), 'first second third twenty first one hundredth');
      assert.equal(said('11th 12th 13th 1,000th'), 'eleventh twelfth thirteenth one thousandth');
      assert.equal(said('The 4TH, then'), 'the fourth then');
    });

    it('does not read glued letters that only start like a suffix as an ordinal', () => {
      assert.equal(said('1stop 2nds'), 'one stop two nds');
    });

    it('reads 4-digit numbers from 1100 to 2099 as years', () => {
      assert.equal(said('1999'), 'nineteen ninety nine');
      assert.equal(said('2024'), 'twenty twenty four');
      assert.equal(said('2010'), 'twenty ten');
      assert.equal(said('1905 1900 1100'), 'nineteen oh five nineteen hundred eleven hundred');
      assert.equal(said('2005 2000'), 'two thousand five two thousand');
    });

    it('reads other 4-digit numbers, and years with separators, as cardinals', () => {
      assert.equal(said('1099'), 'one thousand ninety nine');
      assert.equal(said('2100'), 'two thousand one hundred');
      assert.equal(said('1,999'), 'one thousand nine hundred ninety nine');
      assert.equal(said('19999'), 'nineteen thousand nine hundred ninety nine');
    });

    it('reads decades', () => {
      assert.equal(said("1990s 1990's '90s 80s"), 'nineteen nineties nineteen nineties nineties eighties');
      assert.equal(said('1900s 2000s'), 'nineteen hundreds two thousands');
    });

    it('does not read other numbers followed by s as decades', () => {
      assert.equal(said('5s 1995s 10s'), 'five s nineteen ninety five s ten s');
    });

    it('reads decimals', () => {
      assert.equal(said('3.14'), 'three point one four');
      assert.equal(said('0.5 2.05 1,200.5'), 'zero point five two point zero five one thousand two hundred point five');
      assert.equal(said('.5'), 'point five');
    });

    it('reads a 3-digit whole part digit by digit, unless it is a round hundred', () => {
      assert.equal(said('Tune to 102.7'), 'tune to one oh two point seven');
      assert.equal(said('100.3 FM'), 'one hundred point three fm');
      assert.equal(said('10.5 1234.5'), 'ten point five one thousand two hundred thirty four point five');
    });

    it('reads dotted versions', () => {
      assert.equal(said('1.10.2'), 'one point ten point two');
    });

    it('does not read a full stop after a number as a point', () => {
      assert.equal(said('I have 3. You 4.'), 'i have three you four');
    });

    it('reads times', () => {
      assert.equal(said('10:30'), 'ten thirty');
      assert.equal(said('9:05'), 'nine oh five');
      assert.equal(said('at 10:00.'), "at ten o'clock");
      assert.equal(said('10:00 am 7:00pm 8:00 p.m.'), 'ten am seven pm eight p m');
    });

    it('does not read impossible times as times', () => {
      assert.equal(said('25:70 10:3 1,200:30'), 'twenty five seventy ten three one thousand two hundred thirty');
    });

    it('reads money', () => {
      assert.equal(said('$5'), 'five dollars');
      assert.equal(said('$1'), 'one dollar');
      assert.equal(said('$5.50'), 'five dollars fifty cents');
      assert.equal(said('$0.99'), 'ninety nine cents');
      assert.equal(said('$1.01 $0.01 $2.00 $0.00'), 'one dollar one cent one cent two dollars zero dollars');
      assert.equal(said('€20 €1.50'), 'twenty euros one euro fifty cents');
      assert.equal(said('£3 £1 £0.01 £2.50'), 'three pounds one pound one penny two pounds fifty pence');
      assert.equal(said('$1,200'), 'one thousand two hundred dollars');
      assert.equal(said('$1999 $102'), 'one thousand nine hundred ninety nine dollars one hundred two dollars');
      assert.equal(said('$1.5'), 'one point five dollars');
    });

    it('reads money with a scale word', () => {
      assert.equal(said('$1.5 million'), 'one point five million dollars');
      assert.equal(said('$1 million, €2 billion and £3 thousand'), 'one million dollars two billion euros and three thousand pounds');
      assert.equal(said('$4 trillion $5million $6 millions'), 'four trillion dollars five million dollars six dollars millions');
    });

    it('drops a currency symbol without an amount right after it', () => {
      assert.equal(said('US$ costs $$'), 'us costs');
    });

    it('reads percent', () => {
      assert.equal(said('50%'), 'fifty percent');
      assert.equal(said('2.5%'), 'two point five percent');
      assert.equal(said('100 %'), 'one hundred percent');
    });

    it('reads &, + between words and a standalone @', () => {
      assert.equal(said('Tom & Jerry R&D'), 'tom and jerry r and d');
      assert.equal(said('1+1 a + b x + $5 x+$5'), 'one plus one a plus b x plus five dollars x plus five dollars');
      assert.equal(said('meet @ noon'), 'meet at noon');
    });

    it('drops + not between words and @ inside words', () => {
      assert.equal(said('C++ and a+ and +1 and call +1 555'), 'c and a and one and call one five hundred fifty five');
      assert.equal(said('ann@example.com @home'), 'ann example com home');
    });

    it('splits numbers glued to letters', () => {
      assert.equal(said('4g 5pm 3D'), 'four g five pm three d');
      assert.equal(said('mp3 b2b covid19'), 'mp three b two b covid nineteen');
      assert.equal(said('a380 h264 r2d2 v01'), 'a three eight oh h two six four r two d two v oh one');
      assert.equal(said('v1.2 102.7FM'), 'v one point two one oh two point seven fm');
    });

    it('reads a leading minus or a range as separate numbers', () => {
      assert.equal(said('-5 1990-1995'), 'five nineteen ninety nineteen ninety five');
    });
  });

  describe('other locales', () => {
    const de = createNormalizer({ enabled: true, locale: 'de-DE' });

    it('keep digits as written, as part of words', () => {
      assert.deepEqual(de.words('3,14 MP3 1.200 10:30 4.'), ['3,14', 'mp3', '1.200', '10:30', '4']);
    });

    it('break words at symbols', () => {
      assert.deepEqual(de.words('$5 & 50% a+b'), ['5', '50', 'a', 'b']);
    });

    it('lowercase, drop punctuation and split hyphens', () => {
      assert.deepEqual(de.words('Größe: Doppel-Gelenk!'), ['größe', 'doppel', 'gelenk']);
    });

    it('include plain "en"', () => {
      assert.equal(said('42', createNormalizer({ enabled: true, locale: 'en' })), 'forty two');
      assert.equal(said('42', createNormalizer({ enabled: true, locale: 'en-GB' })), 'forty two');
    });
  });

  describe('equivalents', () => {
    it('apply last, to the normalized words', () => {
      const equivalents = parseEquivalents('all right = alright\nfive = 5', 'eq.txt', (t) => en.words(t));
      const normalizer = createNormalizer({ enabled: true, locale: 'en-US', equivalents });
      assert.deepEqual(normalizer.words('All-right, $5!'), ['alright', 'five', 'dollars']);
    });
  });

  describe('fast path and scanner', () => {
    it('agree on plain lowercase lines', () => {
      const scanner = new WordScanner(true);
      for (const line of ['hello', 'hello world', "don't stop", "rock'n'roll is here", 'a b c d e f']) {
        assert.deepEqual(en.words(line), scanner.scan(line), line);
      }
    });

    it('give only lowercase words without punctuation or edge apostrophes, on random text', () => {
      const rnd = random(42);
      const pieces = ['a', 'B', 'é', ' ', '  ', '-', "'", '’', '.', ',', '1', '0', '9', '$', '€', '%', '&', '+', ' + ', '@', ' @ ', ':', 'st', 's', 'th', '😀', '你', '\u0301', '\t', 'million', ' am'];
      for (let n = 0; n < 3000; n++) {
        let line = '';
        const length = Math.floor(rnd() * 20);
        for (let i = 0; i < length; i++) line += pieces[Math.floor(rnd() * pieces.length)];
        for (const word of en.words(line)) {
          assert.match(word, /^[\p{Ll}\p{Lo}\p{M}\p{N}]+(?:'[\p{Ll}\p{Lo}\p{M}\p{N}]+)*$/u, JSON.stringify(line));
          assert.equal(word, word.normalize('NFC'));
        }
      }
    });

    it('normalize 100,000 utterances quickly', () => {
      const lines = Array.from({ length: 100_000 }, (_, i) => `Line ${i}: the customer said, "I'd like my bike back by Friday," and paid $${i % 100}.50 — ok?`);
      const started = performance.now();
      let words = 0;
      for (const line of lines) words += en.words(line).length;
      assert.ok(words > 2_000_000);
      assert.ok(performance.now() - started < 3000, `took ${performance.now() - started} ms`);
    });
  });
});

const cardinalOfMax = 'nine hundred ninety nine billion nine hundred ninety nine million nine hundred ninety nine thousand nine hundred ninety nine';
