import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AudioFolder, AudioLookup } from '../../../src/core/formats/audio-folder';
import { DiskAudioFolder } from '../../../src/core/formats/disk-audio-folder';
import { parseWavHeader, WAV_HEADER_PREFIX_BYTES } from '../../../src/core/formats/wav';
import { AUDIO_LOOKUP_CONCURRENCY } from '../../../src/core/lint/audio-lookups';
import { lintText, type LinterSetup } from '../../../src/core/lint/linter';
import type { Fix, Problem } from '../../../src/core/lint/problem';
import { transcriptRules } from '../../../src/core/lint/rules/transcript';
import { findNotSpokenForms } from '../../../src/core/lint/spoken-form';
import { cardinal, digitByDigit, ordinal, yearWords } from '../../../src/core/text/number-words';
import { writeWav } from '../formats/wav-builder';

async function lint(text: string, setup: Partial<LinterSetup> = {}): Promise<Problem[]> {
  return lintText(text, 'transcript', { locale: 'en-US', ...setup });
}

async function problemsOf(code: string, text: string, setup: Partial<LinterSetup> = {}): Promise<Problem[]> {
  return (await lint(text, setup)).filter((p) => p.code === code);
}

async function one(code: string, text: string, setup: Partial<LinterSetup> = {}): Promise<Problem> {
  const found = await problemsOf(code, text, setup);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(found, null, 1)}`);
  return found[0]!;
}

async function none(code: string, text: string, setup: Partial<LinterSetup> = {}): Promise<void> {
  assert.deepEqual(await problemsOf(code, text, setup), []);
}

/** Applies the edits of one or more fixes (single-line edits, as the rules make them). */
function applyFixes(text: string, fixes: readonly (Fix | undefined)[]): string {
  const lines = text.split('\n');
  const edits = fixes.flatMap((fix) => {
    assert.ok(fix, 'expected a quick fix');
    return fix.edits;
  });
  edits.sort((a, b) => b.range.line - a.range.line || b.range.start - a.range.start);
  for (const { range, newText } of edits) {
    assert.equal(range.endLine ?? range.line, range.line);
    const line = lines[range.line]!;
    lines[range.line] = line.slice(0, range.start) + newText + line.slice(range.end);
  }
  return lines.join('\n');
}

const at = (line: number, start: number, end: number) => ({ line, start, end });

describe('transcript rules', () => {
  it('have stable codes, docs and severities', () => {
    const codes = transcriptRules.map((rule) => rule.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const rule of transcriptRules) {
      assert.match(rule.code, /^transcript\/[a-z0-9-]+$/);
      assert.equal(rule.kind, 'transcript');
      assert.ok(rule.doc.length > 20 && !rule.doc.includes('\n'), rule.code);
    }
  });

  it('find nothing in a clean transcript', async () => {
    assert.deepEqual(await lint('speech01.wav\tspeech recognition is awesome\nspeech02.wav\tit is a nice day\n\nspeech03.wav\tthree cats\n'), []);
  });

  describe('transcript/whitespace-only-line', () => {
    it('flags a line that is only a tab, and nothing else on it', async () => {
      const problems = await lint('a.wav\thello\n\t\nb.wav\tbye');
      assert.deepEqual(problems.map((p) => p.code), ['transcript/whitespace-only-line']);
      const [p] = problems;
      assert.equal(p!.severity, 'warning');
      assert.deepEqual(p!.range, at(1, 0, 1));
      assert.match(p!.message, /only a tab/);
      assert.equal(applyFixes('a.wav\thello\n\t\nb.wav\tbye', [p!.fix]), 'a.wav\thello\n\nb.wav\tbye');
    });

    it('flags spaces and tabs, leaves empty lines alone', async () => {
      assert.match((await one('transcript/whitespace-only-line', 'a.wav\tx\n  \t ')).message, /tabs and spaces/);
      assert.match((await one('transcript/whitespace-only-line', '   ')).message, /only spaces/);
      await none('transcript/whitespace-only-line', 'a.wav\tx\n\n\nb.wav\ty\n');
    });
  });

  describe('transcript/missing-tab', () => {
    it('replaces the spaces after the .wav name by a tab', async () => {
      const text = 'speech01.wav   hello world';
      const p = await one('transcript/missing-tab', text);
      assert.equal(p.severity, 'error');
      assert.deepEqual(p.range, at(0, 12, 15));
      assert.match(p.message, /"speech01\.wav".*separated by spaces/);
      assert.equal(applyFixes(text, [p.fix]), 'speech01.wav\thello world');
      assert.equal(applyFixes('My File.WAV hi', [(await one('transcript/missing-tab', 'My File.WAV hi')).fix]), 'My File.WAV\thi');
    });

    it('offers no fix when the split is not clear', async () => {
      const p = await one('transcript/missing-tab', 'hello world');
      assert.deepEqual(p.range, at(0, 0, 11));
      assert.equal(p.fix, undefined);
      assert.match(p.message, /No tab on this line/);
      const bare = await one('transcript/missing-tab', 'speech01.wav');
      assert.match(bare.message, /"speech01\.wav" but has no tab and no transcript/);
      assert.equal(bare.fix, undefined);
    });

    it('accepts tab-separated lines', async () => {
      await none('transcript/missing-tab', 'speech01.wav\thello world\n\n');
    });
  });

  describe('transcript/extra-tab', () => {
    it('points at the first extra tab and turns it into a space', async () => {
      const text = 'a.wav\thello\tworld';
      const p = await one('transcript/extra-tab', text);
      assert.equal(p.severity, 'error');
      assert.deepEqual(p.range, at(0, 11, 12));
      assert.match(p.message, /An extra tab in the transcript of "a\.wav"/);
      assert.equal(applyFixes(text, [p.fix]), 'a.wav\thello world');
    });

    it('removes tabs next to the separator or at the end, counts them all', async () => {
      const text = 'a.wav\t\thello\t\tthere\t';
      const p = await one('transcript/extra-tab', text);
      assert.deepEqual(p.range, at(0, 6, 7));
      assert.match(p.message, /4 extra tabs/);
      assert.equal(applyFixes(text, [p.fix]), 'a.wav\thello there');
    });

    it('accepts one tab', async () => {
      await none('transcript/extra-tab', 'a.wav\thello world');
    });
  });

  describe('transcript/missing-audio-name', () => {
    it('flags a line that starts with the tab', async () => {
      const p = await one('transcript/missing-audio-name', 'a.wav\tx\n\thello');
      assert.equal(p.severity, 'error');
      assert.deepEqual(p.range, at(1, 0, 1));
      assert.match(p.message, /No audio file name before the tab/);
      assert.deepEqual((await one('transcript/missing-audio-name', '   \thello')).range, at(0, 0, 3));
      await none('transcript/audio-name-whitespace', '   \thello');
    });

    it('accepts a named line', async () => {
      await none('transcript/missing-audio-name', 'a.wav\thello');
    });
  });

  describe('transcript/empty-text', () => {
    it('flags nothing or only spaces after the tab', async () => {
      const p = await one('transcript/empty-text', 'a.wav\t');
      assert.equal(p.severity, 'error');
      assert.deepEqual(p.range, at(0, 5, 6));
      assert.match(p.message, /No transcript after the tab for "a\.wav"/);
      assert.deepEqual((await one('transcript/empty-text', 'a.wav\t   ')).range, at(0, 5, 9));
    });

    it('accepts text', async () => {
      await none('transcript/empty-text', 'a.wav\tx');
    });
  });

  describe('transcript/audio-name-whitespace', () => {
    it('removes white space around the name', async () => {
      const text = ' a.wav \thello';
      const p = await one('transcript/audio-name-whitespace', text);
      assert.equal(p.severity, 'error');
      assert.deepEqual(p.range, at(0, 0, 1));
      assert.match(p.message, /before and after the audio file name "a\.wav".*" a\.wav "/);
      assert.equal(applyFixes(text, [p.fix]), 'a.wav\thello');
      const after = await one('transcript/audio-name-whitespace', 'a.wav  \thello');
      assert.deepEqual(after.range, at(0, 5, 7));
      assert.match(after.message, /after/);
    });

    it('accepts a tight name', async () => {
      await none('transcript/audio-name-whitespace', 'a.wav\thello');
    });
  });

  describe('transcript/audio-path', () => {
    it('turns backslashes into slashes', async () => {
      const text = 'sub\\dir\\a.wav\thi';
      const p = await one('transcript/audio-path', text);
      assert.equal(p.severity, 'error');
      assert.deepEqual(p.range, at(0, 3, 4));
      assert.match(p.message, /uses "\\" as a path separator.*"sub\/dir\/a\.wav"/);
      assert.equal(applyFixes(text, [p.fix]), 'sub/dir/a.wav\thi');
    });

    it('flags names that leave the folder', async () => {
      for (const name of ['../a.wav', '/abs/a.wav', 'C:\\data\\a.wav', 'sub/../../a.wav']) {
        const p = await one('transcript/audio-path', `${name}\thi`);
        assert.deepEqual(p.range, at(0, 0, name.length));
        assert.match(p.message, /outside the transcript's folder/);
        assert.equal(p.fix, undefined);
      }
    });

    it('accepts plain and "/" relative names', async () => {
      await none('transcript/audio-path', 'a.wav\thi\nsub/b.wav\tho\nx..y.wav\thm');
    });
  });

  describe('transcript/audio-not-wav', () => {
    it('flags other extensions and names without one', async () => {
      const p = await one('transcript/audio-not-wav', 'a.wav\tok\nclip.mp3\thi');
      assert.equal(p.severity, 'error');
      assert.deepEqual(p.range, at(1, 0, 8));
      assert.match(p.message, /"clip\.mp3" is not a \.wav file/);
      assert.match((await one('transcript/audio-not-wav', 'speech01\thi')).message, /no \.wav extension.*"speech01\.wav"/);
    });

    it('accepts .wav in any case', async () => {
      await none('transcript/audio-not-wav', 'a.WAV\thi\nb.Wav\tho');
    });
  });

  describe('transcript/duplicate-audio', () => {
    it('reports the later line, naming the first', async () => {
      const p = await one('transcript/duplicate-audio', 'a.wav\tx\nb.wav\ty\na.wav\tz');
      assert.equal(p.severity, 'error');
      assert.deepEqual(p.range, at(2, 0, 5));
      assert.match(p.message, /"a\.wav" is already named on line 1/);
    });

    it('accepts distinct names', async () => {
      await none('transcript/duplicate-audio', 'a.wav\tx\nA.wav\ty\nsub/a.wav\tz');
    });
  });

  describe('transcript/too-many-files', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `s${i}.wav\thello`).join('\n');

    it('flags the entry that makes the zip exceed 10,000 files', async () => {
      const p = await one('transcript/too-many-files', lines(10_050));
      assert.equal(p.severity, 'error');
      assert.deepEqual(p.range, at(9_999, 0, 's9999.wav'.length));
      assert.match(p.message, /10,000/);
    });

    it('accepts 9,999 audio files', async () => {
      await none('transcript/too-many-files', lines(9_999));
    });
  });

  describe('transcript/non-ascii (en-US)', () => {
    it('replaces typographic characters by their ASCII spelling', async () => {
      const text = 'a.wav\tit\u2019s \u201Cfine\u201D \u2014 really\u2026\u00A0ok\u200B';
      const problems = await problemsOf('transcript/non-ascii', text);
      assert.deepEqual(problems.map((p) => p.range.start), [8, 11, 16, 18, 26, 27, 30]);
      assert.ok(problems.every((p) => p.severity === 'warning'));
      assert.match(problems[0]!.message, /"\u2019" \(U\+2019 right single quotation mark\).*write "'" instead/);
      assert.match(problems[5]!.message, /U\+00A0 no-break space/);
      assert.match(problems[6]!.message, /delete it/);
      assert.equal(applyFixes(text, problems.map((p) => p.fix)), 'a.wav\tit\'s "fine" -- really... ok');
    });

    it('flags letters without an ASCII spelling, without a fix', async () => {
      const p = await one('transcript/non-ascii', 'a.wav\tna\u00EFve');
      assert.deepEqual(p.range, at(0, 8, 9));
      assert.match(p.message, /U\+00EF/);
      assert.equal(p.fix, undefined);
    });

    it('checks the audio name too, but never rewrites it', async () => {
      const problems = await problemsOf('transcript/non-ascii', 'caf\u00E9\u2019s.wav\thi');
      assert.deepEqual(problems.map((p) => p.range), [at(0, 3, 4), at(0, 4, 5)]);
      assert.match(problems[0]!.message, /"\u00E9" \(U\+00E9\) in the audio file name.*Rename the file/);
      assert.ok(problems.every((p) => p.fix === undefined));
    });

    it('applies to en-US only', async () => {
      await none('transcript/non-ascii', 'a.wav\tit\u2019s', { locale: 'de-DE' });
      await none('transcript/non-ascii', 'a.wav\tplain ASCII, "quotes" and -- dashes');
    });
  });

  describe('transcript/missing-bom', () => {
    it('asks non-en-US transcripts for a BOM, and inserts it', async () => {
      const text = 'a.wav\tguten Tag';
      const p = await one('transcript/missing-bom', text, { locale: 'de-DE' });
      assert.equal(p.severity, 'warning');
      assert.deepEqual(p.range, at(0, 0, text.length));
      assert.match(p.message, /Save as UTF-8 with BOM/);
      assert.deepEqual(p.fix!.edits, [{ range: at(0, 0, 0), newText: '\uFEFF' }]);
      assert.equal(applyFixes(text, [p.fix]), '\uFEFFa.wav\tguten Tag');
    });

    it('is quiet with a BOM, for en-US, and for an empty file', async () => {
      await none('transcript/missing-bom', '\uFEFFa.wav\tguten Tag', { locale: 'de-DE' });
      await none('transcript/missing-bom', 'a.wav\tguten Tag', { locale: 'de-DE', hasBom: true });
      await none('transcript/missing-bom', 'a.wav\thello');
      await none('transcript/missing-bom', '', { locale: 'zh-CN' });
    });
  });

  describe('transcript/repetition', () => {
    it('flags words, phrases and characters repeated more than 3 times', async () => {
      const p = await one('transcript/repetition', 'a.wav\tno no no no way');
      assert.equal(p.severity, 'warning');
      assert.deepEqual(p.range, at(0, 6, 17));
      assert.match(p.message, /Word "no" repeated 4 times in a row/);
      assert.match((await one('transcript/repetition', 'a.wav\tthank you thank you thank you thank you')).message, /Phrase "thank you" repeated 4 times/);
      const letters = await one('transcript/repetition', 'a.wav\tsoooooo good');
      assert.deepEqual(letters.range, at(0, 7, 13));
      assert.match(letters.message, /Letter "o" repeated 6 times/);
      assert.match((await one('transcript/repetition', 'a.wav\twhat?!!!!')).message, /Character "!"/);
      await one('transcript/repetition', 'a.wav\tla la la la', { locale: 'fr-FR', hasBom: true });
    });

    it('accepts three times, and repeats in the audio name', async () => {
      await none('transcript/repetition', 'a.wav\tno no no\nzzzz.wav\tsleep\nb.wav\tNo NO no. no');
    });

    it('finds repeats the quick pre-check must not miss', async () => {
      // Tokens differing in case, non-ASCII words, astral characters.
      await one('transcript/repetition', 'a.wav\tNo no NO nO');
      await one('transcript/repetition', 'a.wav\tüber über über über');
      await one('transcript/repetition', 'a.wav\t\u{1F600}\u{1F600}\u{1F600}\u{1F600}');
      await one('transcript/repetition', 'a.wav\tyes no yes no yes no yes no');
    });
  });

  describe('transcript/not-spoken-form (en-US)', () => {
    it('spells small standalone numbers', async () => {
      const text = 'a.wav\tI have 3 cats, 42 dogs and 0 fish (7) on the 21st, the 2nd and the 13th';
      const problems = await problemsOf('transcript/not-spoken-form', text);
      assert.deepEqual(problems.map((p) => text.slice(p.range.start, p.range.end)), ['3', '42', '0', '7', '21st', '2nd', '13th']);
      assert.equal(problems[0]!.severity, 'warning');
      assert.deepEqual(problems[0]!.range, at(0, 13, 14));
      assert.match(problems[0]!.message, /Number "3" is written in digits: write it as spoken, "three"/);
      assert.equal(problems[0]!.fix!.title, 'Write "three"');
      assert.equal(
        applyFixes(text, problems.map((p) => p.fix)),
        'a.wav\tI have three cats, forty two dogs and zero fish (seven) on the twenty first, the second and the thirteenth',
      );
    });

    it('suggests spoken forms for other numbers, without a fix', async () => {
      const cases: [string, RegExp][] = [
        ['101', /"one oh one" or "one hundred one"/],
        ['1999', /"nineteen ninety nine" \(a year\) or "one thousand nine hundred ninety nine"/],
        ['2005', /"two thousand five" \(a year\)/],
        ['2.5', /"two point five"/],
        ['10:30', /"ten thirty"/],
        ['1,000', /"one thousand"/],
        ['90s', /"nineties"/],
        ['1990s', /"nineteen nineties"/],
        ['MP3', /"M P three"/],
        ['007', /"oh oh seven"/],
        ['22th', /"twenty second"/],
        ['123456', /"one hundred twenty three thousand four hundred fifty six", or digit by digit "one two three four five six"/],
      ];
      for (const [written, suggestion] of cases) {
        const p = await one('transcript/not-spoken-form', `a.wav\tsay ${written} now`);
        assert.deepEqual(p.range, at(0, 10, 10 + written.length), written);
        assert.match(p.message, new RegExp(`"${written.replace(/[.]/g, '\\.')}" is written in digits`));
        assert.match(p.message, suggestion);
        assert.equal(p.fix, undefined, written);
      }
    });

    it('does not fix numbers glued to other characters', async () => {
      const problems = await problemsOf('transcript/not-spoken-form', 'a.wav\tUTF-8 and 10-20 and $5');
      assert.deepEqual(
        problems.map((p) => [p.range.start, p.range.end, p.fix]),
        [[10, 11, undefined], [16, 18, undefined], [19, 21, undefined], [26, 27, undefined], [27, 28, undefined]],
      );
    });

    it('writes symbols as words where there is one reading', async () => {
      const text = 'a.wav\trock & roll, AT&T, 50% off, C++ and 1+1';
      const problems = await problemsOf('transcript/not-spoken-form', text);
      const symbols = problems.filter((p) => /Symbol/.test(p.message));
      assert.deepEqual(symbols.map((p) => text.slice(p.range.start, p.range.end)), ['&', '&', '%', '++', '+']);
      assert.match(symbols[0]!.message, /Symbol "&" is not written as spoken: write "and"/);
      assert.match(symbols[3]!.message, /Symbols "\+\+" are not written as spoken: write "plus plus"/);
      assert.equal(applyFixes(text, problems.map((p) => p.fix)), 'a.wav\trock and roll, AT and T, fifty percent off, C plus plus and one plus one');
    });

    it('explains symbols with several readings', async () => {
      const cases: [string, RegExp][] = [
        ['/', /"slash", "or", "per" or "over"/],
        ['=', /"equals"/],
        ['#', /"number"/],
        ['$', /"dollars"/],
        ['*', /"star" or "times"/],
        ['<', /"less than"/],
        ['>', /"greater than"/],
      ];
      for (const [symbol, reading] of cases) {
        const p = await one('transcript/not-spoken-form', `a.wav\tx ${symbol} y`);
        assert.deepEqual(p.range, at(0, 8, 9));
        assert.match(p.message, reading);
        assert.equal(p.fix, undefined);
      }
      const at_ = await one('transcript/not-spoken-form', 'a.wav\tmeet me @ home');
      assert.equal(applyFixes('a.wav\tmeet me @ home', [at_.fix]), 'a.wav\tmeet me at home');
    });

    it('spells out abbreviations with one reading', async () => {
      const text = 'a.wav\tMr. Smith and Mrs. Jones vs. Smith Jr. etc.';
      const problems = await problemsOf('transcript/not-spoken-form', text);
      assert.deepEqual(problems[0]!.range, at(0, 6, 9));
      assert.match(problems[0]!.message, /Abbreviation "Mr\." is not written as spoken: write "mister"/);
      assert.equal(applyFixes(text, problems.map((p) => p.fix)), 'a.wav\tMister Smith and Missus Jones versus Smith Junior et cetera');
    });

    it('fixes "Dr." and "St." only before a name', async () => {
      const before = await one('transcript/not-spoken-form', 'a.wav\tI saw Dr. Smith');
      assert.equal(applyFixes('a.wav\tI saw Dr. Smith', [before.fix]), 'a.wav\tI saw Doctor Smith');
      const saint = await one('transcript/not-spoken-form', 'a.wav\tSt. Louis is nice');
      assert.equal(applyFixes('a.wav\tSt. Louis is nice', [saint.fix]), 'a.wav\tSaint Louis is nice');
      const street = await one('transcript/not-spoken-form', 'a.wav\tturn into Main St. Then left');
      assert.equal(street.fix, undefined);
      assert.match(street.message, /"saint" \(before a name\) or "street" \(in an address\)/);
      assert.equal((await one('transcript/not-spoken-form', 'a.wav\ton Elm Dr. and')).fix, undefined);
    });

    it('spaces out dotted letter abbreviations', async () => {
      const text = 'a.wav\tthe U.S. and the U.K. at five p.m. today';
      const problems = await problemsOf('transcript/not-spoken-form', text);
      assert.deepEqual(problems.map((p) => text.slice(p.range.start, p.range.end)), ['U.S.', 'U.K.', 'p.m.']);
      assert.match(problems[0]!.message, /"U\.S\." .*"U S"/);
      assert.equal(applyFixes(text, problems.map((p) => p.fix)), 'a.wav\tthe U S and the U K at five p m today');
      const eg = await one('transcript/not-spoken-form', 'a.wav\tfruit e.g. apples');
      assert.match(eg.message, /"for example" or "e g"/);
      assert.equal(eg.fix, undefined);
    });

    it('flags "No." and "Fig." only before a number', async () => {
      const text = 'a.wav\tit is No. 5';
      const problems = await problemsOf('transcript/not-spoken-form', text);
      assert.equal(applyFixes(text, problems.map((p) => p.fix)), 'a.wav\tit is Number five');
      await none('transcript/not-spoken-form', 'a.wav\tI said no. I ate a fig. Then I left.');
    });

    it('leaves words, word-like acronyms, initials and URIs alone', async () => {
      await none('transcript/not-spoken-form', 'a.wav\tNATO and RAM and UTF are fine, John F. Kennedy too, as is the end.');
      await none('transcript/not-spoken-form', 'a.wav\tgo to https://contoso.com/a+b?x=1&y=2 now');
    });

    it('applies to en-US only', async () => {
      await none('transcript/not-spoken-form', 'a.wav\tich habe 3 Katzen & Dr. Hund', { locale: 'de-DE', hasBom: true });
    });
  });

  describe('transcript/uri', () => {
    it('flags URIs in the text', async () => {
      const p = await one('transcript/uri', 'a.wav\tgo to www.contoso.com now');
      assert.equal(p.severity, 'warning');
      assert.deepEqual(p.range, at(0, 12, 27));
      assert.match(p.message, /URI "www\.contoso\.com".*as it was spoken/);
    });

    it('accepts spoken addresses', async () => {
      await none('transcript/uri', 'a.wav\tgo to w w w dot contoso dot com now');
    });
  });

  describe('transcript/ja-line-too-long (ja-JP)', () => {
    const ja = { locale: 'ja-JP', hasBom: true } as const;

    it('flags transcripts over 90 characters from the 91st on', async () => {
      const text = `a.wav\t${'\u3042'.repeat(95)}`;
      const p = await one('transcript/ja-line-too-long', text, ja);
      assert.equal(p.severity, 'warning');
      assert.deepEqual(p.range, at(0, 96, 101));
      assert.match(p.message, /95 characters.*over 90/);
    });

    it('counts characters, not UTF-16 units, and applies to ja-JP only', async () => {
      await none('transcript/ja-line-too-long', `a.wav\t${'\u3042'.repeat(90)}`, ja);
      await none('transcript/ja-line-too-long', `a.wav\t${'\u{20BB7}'.repeat(90)}`, ja);
      await none('transcript/ja-line-too-long', `a.wav\t${'a '.repeat(60)}`);
    });
  });

  describe('transcript/zh-halfwidth-punctuation (zh-CN)', () => {
    const zh = { locale: 'zh-CN', hasBom: true } as const;

    it('replaces ASCII punctuation by full-width', async () => {
      const text = 'a.wav\t\u4F60\u597D,\u4E16\u754C. \u771F\u7684?! \u55EF...';
      const problems = await problemsOf('transcript/zh-halfwidth-punctuation', text, zh);
      assert.equal(problems[0]!.severity, 'info');
      assert.deepEqual(problems[0]!.range, at(0, 8, 9));
      assert.match(problems[0]!.message, /Half-width "," .*full-width punctuation, "\uFF0C"/);
      assert.equal(applyFixes(text, problems.map((p) => p.fix)), 'a.wav\t\u4F60\u597D\uFF0C\u4E16\u754C\u3002 \u771F\u7684\uFF1F\uFF01 \u55EF\u2026\u2026');
    });

    it('leaves numbers and ASCII words alone, and other locales', async () => {
      await none('transcript/zh-halfwidth-punctuation', 'a.wav\t\u662F3.14\u548C1,000\u548C10:30\u548CNode.js', zh);
      await none('transcript/zh-halfwidth-punctuation', 'a.wav\thello, world.');
    });
  });

  describe('long lines', () => {
    it('lint a 10 MB line quickly', async () => {
      const started = performance.now();
      await lint(`a.wav\t${'the quick brown fox jumps over 3 lazy dogs & Dr. Who '.repeat(200_000)}`);
      await lint(`a.wav\t${'a\t'.repeat(5_000_000)}`);
      await lint(`a.wav\t${'a '.repeat(5_000_000)}`);
      assert.ok(performance.now() - started < 3000, `took ${performance.now() - started} ms`);
    });

    it('lint 100,000 lines quickly', async () => {
      const lines = Array.from({ length: 100_000 }, (_, i) => `speech${i}.wav\tthis is line number ${i % 3 ? 'three' : 'four'} of the test set, it's fine`);
      const started = performance.now();
      const problems = await lint(lines.join('\n'));
      assert.deepEqual([...new Set(problems.map((p) => p.code))], ['transcript/too-many-files']);
      assert.ok(performance.now() - started < 3000, `took ${performance.now() - started} ms`);
    });
  });
});

describe('spoken forms', () => {
  it('spell numbers', () => {
    assert.equal(cardinal(0), 'zero');
    assert.equal(cardinal(15), 'fifteen');
    assert.equal(cardinal(40), 'forty');
    assert.equal(cardinal(99), 'ninety nine');
    assert.equal(cardinal(100), 'one hundred');
    assert.equal(cardinal(1_000_001), 'one million one');
    assert.equal(cardinal(999_999_999_999), 'nine hundred ninety nine billion nine hundred ninety nine million nine hundred ninety nine thousand nine hundred ninety nine');
    assert.equal(ordinal(1), 'first');
    assert.equal(ordinal(12), 'twelfth');
    assert.equal(ordinal(20), 'twentieth');
    assert.equal(ordinal(99), 'ninety ninth');
    assert.equal(digitByDigit('101'), 'one oh one');
    assert.equal(yearWords(1905), 'nineteen oh five');
    assert.equal(yearWords(1900), 'nineteen hundred');
    assert.equal(yearWords(2024), 'twenty twenty four');
  });

  it('stop after the limit and skip the given spans', () => {
    assert.equal(findNotSpokenForms('1 2 3 4 5', [], 2).length, 2);
    assert.deepEqual(findNotSpokenForms('1 & 2', [{ start: 0, end: 3 }]).map((i) => i.written), ['2']);
  });
});

/** A test double over real files: counts lookups and how many run at once. */
class CountingAudioFolder implements AudioFolder {
  lookups = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly folder: string) {}

  async listWavFiles(): Promise<string[]> {
    return new DiskAudioFolder(this.folder).listWavFiles();
  }

  async lookup(name: string): Promise<AudioLookup> {
    this.lookups.set(name, (this.lookups.get(name) ?? 0) + 1);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1));
      let bytes: Buffer;
      try {
        bytes = await readFile(path.join(this.folder, name));
      } catch {
        return { kind: 'missing' };
      }
      const parsed = parseWavHeader(bytes.subarray(0, WAV_HEADER_PREFIX_BYTES), bytes.byteLength);
      return parsed.ok ? { kind: 'found', header: parsed.header } : { kind: 'unreadable', reason: parsed.reason };
    } finally {
      this.inFlight--;
    }
  }
}

describe('transcript audio rules', () => {
  let root: string;
  let folder: string;
  const transcript = [
    'good.wav\thello', // 0
    'cd.wav\thello', // 1
    'eight.wav\thello', // 2
    'float.wav\thello', // 3
    'long.wav\thello', // 4
    'huge.wav\thello', // 5
    'empty.wav\thello', // 6
    'fake.wav\thello', // 7
    'missing.wav\thello', // 8
    'case.wav\thello', // 9
    'notes.txt\thello', // 10
    '../outside.wav\thello', // 11
  ].join('\n');

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'cs-transcript-'));
    folder = path.join(root, 'dataset');
    await mkdir(folder);
    await writeWav(path.join(folder, 'good.wav'), { seconds: 2 });
    await writeWav(path.join(folder, 'cd.wav'), { sampleRate: 44100, channels: 2 });
    await writeWav(path.join(folder, 'eight.wav'), { bitsPerSample: 8 });
    await writeWav(path.join(folder, 'float.wav'), { formatTag: 3, bitsPerSample: 32 });
    await writeWav(path.join(folder, 'long.wav'), { seconds: 41 });
    await writeWav(path.join(folder, 'huge.wav'), { seconds: 2 * 3600 + 1 });
    await writeWav(path.join(folder, 'empty.wav'), { seconds: 0 });
    await writeFile(path.join(folder, 'fake.wav'), 'this is no audio');
    await writeWav(path.join(folder, 'Case.wav'));
    await writeWav(path.join(folder, 'extra1.wav'));
    await writeWav(path.join(folder, 'extra2.wav'));
    await writeWav(path.join(root, 'outside.wav'));
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  for (const [label, make] of [
    ['a test audio folder', () => new CountingAudioFolder(folder)],
    ['the disk audio folder', () => new DiskAudioFolder(folder)],
  ] as const) {
    describe(`over ${label}`, () => {
      let problems: Problem[];
      const of = (code: string) => problems.filter((p) => p.code === code);

      before(async () => {
        problems = await lint(transcript, { audio: make() });
      });

      it('transcript/audio-missing: names the missing file, fixes a case mismatch', () => {
        const [missing, cased, ...rest] = of('transcript/audio-missing');
        assert.deepEqual(rest, []);
        assert.equal(missing!.severity, 'error');
        assert.deepEqual(missing!.range, at(8, 0, 11));
        assert.match(missing!.message, /"missing\.wav" not found beside the transcript/);
        assert.deepEqual(cased!.range, at(9, 0, 8));
        assert.match(cased!.message, /"Case\.wav", which differs in case/);
        assert.equal(applyFixes(transcript, [cased!.fix]).split('\n')[9], 'Case.wav\thello');
      });

      it('transcript/audio-format: says what is wrong with each file', () => {
        const found = of('transcript/audio-format');
        assert.deepEqual(found.map((p) => p.range), [at(1, 0, 6), at(2, 0, 9), at(3, 0, 9), at(7, 0, 8)]);
        assert.equal(found[0]!.severity, 'error');
        assert.match(found[0]!.message, /"cd\.wav" has an unsupported format: 2 channels \(needs mono\), 44100 Hz \(needs 8000 or 16000 Hz\)/);
        assert.match(found[1]!.message, /8-bit samples \(needs 16-bit\)/);
        assert.match(found[2]!.message, /encoding IEEE float \(needs PCM\)/);
        assert.match(found[3]!.message, /"fake\.wav" is not usable WAV audio: not a RIFF file/);
      });

      it('transcript/audio-empty: flags a file without samples', () => {
        const [p, ...rest] = of('transcript/audio-empty');
        assert.deepEqual(rest, []);
        assert.equal(p!.severity, 'warning');
        assert.deepEqual(p!.range, at(6, 0, 9));
        assert.match(p!.message, /"empty\.wav" holds no audio/);
      });

      it('transcript/audio-too-long-for-training and transcript/audio-too-long: over 40 s and over 2 h', () => {
        const [training, ...more] = of('transcript/audio-too-long-for-training');
        assert.deepEqual(more, []);
        assert.equal(training!.severity, 'warning');
        assert.deepEqual(training!.range, at(4, 0, 8));
        assert.match(training!.message, /"long\.wav" is 41\.0 s long.*only the text/);
        const [rejected, ...others] = of('transcript/audio-too-long');
        assert.deepEqual(others, []);
        assert.equal(rejected!.severity, 'error');
        assert.deepEqual(rejected!.range, at(5, 0, 8));
        assert.match(rejected!.message, /"huge\.wav" is 2 h 0 min 1 s long.*over 2 hours/);
        assert.deepEqual(of('transcript/all-audio-too-long-for-training'), []);
      });

      it('transcript/audio-without-transcript: lists files no line names', () => {
        const found = of('transcript/audio-without-transcript');
        assert.deepEqual(found.map((p) => p.range), [at(0, 0, 0), at(0, 0, 0)]);
        assert.equal(found[0]!.severity, 'info');
        assert.match(found[0]!.message, /"extra1\.wav" is in the folder, but no line of this transcript names it/);
        assert.match(found[1]!.message, /"extra2\.wav"/);
      });

      it('does not look up names that are not .wav or leave the folder', () => {
        for (const p of problems) assert.ok(p.range.line !== 10 && p.range.line !== 11 || !/audio-(missing|format)/.test(p.code), p.message);
      });
    });
  }

  it('looks each file up once per run, at most 16 at a time', async () => {
    const many = path.join(root, 'concurrent');
    await mkdir(many);
    await Promise.all(Array.from({ length: 40 }, (_, i) => writeWav(path.join(many, `n${i}.wav`))));
    const audio = new CountingAudioFolder(many);
    const names = Array.from({ length: 40 }, (_, i) => `n${i}.wav\thello`);
    await lint([...names, 'gone.wav\thi'].join('\n'), { audio });
    assert.equal(audio.lookups.size, 40, 'a name missing from the folder listing is not opened');
    assert.ok([...audio.lookups.values()].every((count) => count === 1), 'one lookup per file for all audio rules');
    assert.equal(audio.maxInFlight, AUDIO_LOOKUP_CONCURRENCY);
    // A new run reads again (the folder may have changed; caching across runs is CachedAudioFolder's job).
    await lint('n1.wav\thi', { audio });
    assert.equal(audio.lookups.get('n1.wav'), 2);
  });

  it('skips every audio rule without an audio folder', async () => {
    const problems = await lint(transcript);
    assert.deepEqual(problems.filter((p) => /audio-(missing|format|empty|too-long|without)/.test(p.code)), []);
  });

  it('transcript/all-audio-too-long-for-training: warns when no file is short enough to train on', async () => {
    const p = await one('transcript/all-audio-too-long-for-training', 'long.wav\thello\nhuge.wav\tbye\nmissing.wav\tx', { audio: new DiskAudioFolder(folder) });
    assert.equal(p.severity, 'warning');
    assert.deepEqual(p.range, at(0, 0, 0));
    assert.match(p.message, /All 2 audio files found are longer than 40 s: training on this dataset would fail/);
  });

  it('transcript/audio-without-transcript: summarises beyond 20 files', async () => {
    const many = path.join(root, 'many');
    await mkdir(many);
    await Promise.all(Array.from({ length: 25 }, (_, i) => writeWav(path.join(many, `f${String(i).padStart(2, '0')}.wav`))));
    const found = await problemsOf('transcript/audio-without-transcript', 'f00.wav\thello', { audio: new DiskAudioFolder(many) });
    assert.equal(found.length, 21);
    assert.match(found[0]!.message, /"f01\.wav"/);
    assert.match(found[20]!.message, /^4 more \.wav files in the folder are named on no line of this transcript \("f21\.wav", "f22\.wav", "f23\.wav", …\)/);
  });

  it('checks thousands of audio files on disk quickly', async () => {
    // 2,000 files keep the suite fast on slow disks; 10,000 take about a second on this machine.
    const count = 2_000;
    const big = path.join(root, 'big');
    await mkdir(big);
    const header = await readFile(path.join(folder, 'good.wav'));
    for (let i = 0; i < count; i += 500) {
      await Promise.all(Array.from({ length: 500 }, (_, j) => writeFile(path.join(big, `s${i + j}.wav`), header)));
    }
    const text = Array.from({ length: count }, (_, i) => `s${i}.wav\thello`).join('\n');
    const started = performance.now();
    const problems = await lint(text, { audio: new DiskAudioFolder(big) });
    const elapsed = performance.now() - started;
    assert.deepEqual(problems, []);
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
  });
});
