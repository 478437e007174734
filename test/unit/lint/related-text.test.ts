import * as assert from 'node:assert/strict';
import { Linter } from '../../../src/core/lint/linter';
import { relatedTextRules } from '../../../src/core/lint/rules/related-text';
import { applyFix, covered, lint, oneProblem, problemsOf } from './apply-fix';

const BOM = '\uFEFF';
const kind = 'related-text';

describe('related-text rules', () => {
  it('have unique codes of their kind, a severity and a one-line doc', () => {
    const codes = relatedTextRules.map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const rule of relatedTextRules) {
      assert.match(rule.code, /^related-text\/[a-z-]+$/);
      assert.equal(rule.kind, kind);
      assert.ok(rule.doc.length > 20 && !rule.doc.includes('\n'), rule.code);
    }
  });

  it('find nothing in clean text with a BOM', async () => {
    const text = `${BOM}I would like to check my balance.\nCan you transfer two hundred dollars to my checking account?\nWhat's the interest rate... on savings?\n`;
    assert.deepEqual(await lint(text, kind), []);
  });

  describe('related-text/missing-bom', () => {
    const code = 'related-text/missing-bom';
    it('is an error once, at line 0, with a fix that adds the BOM', async () => {
      const text = 'first line\nsecond line\n';
      const problem = await oneProblem(code, text, kind);
      assert.equal(problem.severity, 'error');
      assert.deepEqual(problem.range, { line: 0, start: 0, end: 10 });
      assert.match(problem.message, /NoUtf8WithBom/);
      assert.equal(applyFix(text, problem.fix), `${BOM}first line\nsecond line\n`);
    });
    it('is quiet with a BOM, and when the caller does not know', async () => {
      assert.deepEqual(await problemsOf(code, `${BOM}text\n`, kind), []);
      const linter = new Linter(kind, { locale: 'en-US' }, relatedTextRules);
      linter.line('text', 0);
      assert.deepEqual(await linter.end(), []);
    });
  });

  describe('related-text/special-char', () => {
    const code = 'related-text/special-char';
    it('flags code points above U+00A1 with the ASCII replacement as a fix', async () => {
      const text = `${BOM}ok\nit\u2019s \u201Cfine\u201D \u2014 really\n`;
      const problems = await problemsOf(code, text, kind);
      assert.deepEqual(problems.map((p) => covered(text, p)), ['\u2019', '\u201C', '\u201D', '\u2014']);
      assert.deepEqual(problems[0]!.range, { line: 1, start: 2, end: 3 });
      assert.match(problems[0]!.message, /U\+2019 right single quotation mark.*above U\+00A1/);
      let fixed = text;
      for (const p of [...problems].reverse()) fixed = applyFix(fixed, p.fix);
      assert.equal(fixed, `${BOM}ok\nit's "fine" -- really\n`);
    });
    it('flags emoji and control characters without a fix, and accepts Latin-1 up to U+00A1', async () => {
      const text = `${BOM}caf\u00E9 \u00A1hola! \u{1F600} bell\u0007\n`;
      const problems = await problemsOf(code, text, kind, { locale: 'en-US' });
      assert.deepEqual(problems.map((p) => [covered(text, p), p.fix]), [['\u00E9', undefined], ['\u{1F600}', undefined], ['\u0007', undefined]]);
      assert.match(problems[2]!.message, /U\+0007 is a control character/);
    });
    it('keeps the letters and punctuation of other locales, flags their symbols', async () => {
      const text = `${BOM}Gr\u00FC\u00DFe \u201EHallo\u201C \u2605 Stra\u00DFe\u200B\n`;
      const problems = await problemsOf(code, text, kind, { locale: 'de-DE' });
      assert.deepEqual(problems.map((p) => covered(text, p)), ['\u2605', '\u200B']);
      assert.equal(applyFix(text, problems[1]!.fix), `${BOM}Gr\u00FC\u00DFe \u201EHallo\u201C \u2605 Stra\u00DFe\n`);
    });
    it('columns on the first line count the BOM', async () => {
      const text = `${BOM}a\u2019b\n`;
      const problem = await oneProblem(code, text, kind);
      assert.deepEqual(problem.range, { line: 0, start: 2, end: 3 });
      assert.equal(applyFix(text, problem.fix), `${BOM}a'b\n`);
    });
  });

  describe('related-text/uri', () => {
    const code = 'related-text/uri';
    it('flags URIs at their columns', async () => {
      const text = `${BOM}see https://contoso.com/a?b=1 or WWW.Example.org today\n`;
      const problems = await problemsOf(code, text, kind);
      assert.deepEqual(problems.map((p) => covered(text, p)), ['https://contoso.com/a?b=1', 'WWW.Example.org']);
      assert.match(problems[0]!.message, /URI "https:\/\/contoso.com\/a\?b=1"/);
      assert.equal(problems[0]!.severity, 'warning');
    });
    it('leaves words with dots and colons alone', async () => {
      assert.deepEqual(await problemsOf(code, `${BOM}at 10:30 we met Mr. www and saw the web site. ratio 1:2\n`, kind), []);
    });
  });

  describe('related-text/repetition', () => {
    const code = 'related-text/repetition';
    it('flags a word repeated more than 3 times and keeps 3 with the fix', async () => {
      const text = `${BOM}no\nwell No no NO no thanks\n`;
      const problem = await oneProblem(code, text, kind);
      assert.equal(covered(text, problem), 'No no NO no');
      assert.match(problem.message, /"No" is repeated 4 times/);
      assert.equal(applyFix(text, problem.fix), `${BOM}no\nwell No no NO thanks\n`);
    });
    it('flags phrases and characters', async () => {
      const text = `${BOM}thank you thank you thank you thank you so much\nsoooooo good!!!!\n`;
      const problems = await problemsOf(code, text, kind);
      assert.deepEqual(problems.map((p) => covered(text, p)), ['thank you thank you thank you thank you', 'oooooo', '!!!!']);
      assert.equal(applyFix(text, problems[0]!.fix), `${BOM}thank you thank you thank you so much\nsoooooo good!!!!\n`);
      assert.equal(applyFix(text, problems[1]!.fix), `${BOM}thank you thank you thank you thank you so much\nsooo good!!!!\n`);
    });
    it('accepts 3 repetitions and repeated digits', async () => {
      assert.deepEqual(await problemsOf(code, `${BOM}no no no\ncall 1000000\nha ha ha, ha\n`, kind), []);
    });
  });

  describe('related-text/markup', () => {
    const code = 'related-text/markup';
    it('flags tags and placeholders, and removes them keeping words apart', async () => {
      const text = `${BOM}Hello<br>world\nsay <unk> now\n<p class="x">Hi</p>\n`;
      const problems = await problemsOf(code, text, kind);
      assert.deepEqual(problems.map((p) => covered(text, p)), ['<br>', '<unk>', '<p class="x">', '</p>']);
      assert.match(problems[0]!.message, /Markup "<br>"/);
      assert.equal(applyFix(text, problems[0]!.fix), `${BOM}Hello world\nsay <unk> now\n<p class="x">Hi</p>\n`);
      assert.equal(applyFix(text, problems[1]!.fix), `${BOM}Hello<br>world\nsay now\n<p class="x">Hi</p>\n`);
      assert.equal(applyFix(text, problems[2]!.fix), `${BOM}Hello<br>world\nsay <unk> now\nHi</p>\n`);
    });
    it('flags character entities and decodes the known ones', async () => {
      const text = `${BOM}Tom &amp; Jerry &#39;s &nbsp;x &foo;\n`;
      const problems = await problemsOf(code, text, kind);
      assert.deepEqual(problems.map((p) => covered(text, p)), ['&amp;', '&#39;', '&nbsp;', '&foo;']);
      assert.equal(applyFix(text, problems[0]!.fix), `${BOM}Tom & Jerry &#39;s &nbsp;x &foo;\n`);
      assert.equal(applyFix(text, problems[1]!.fix), `${BOM}Tom &amp; Jerry 's &nbsp;x &foo;\n`);
      assert.equal(problems[3]!.fix, undefined);
    });
    it('leaves comparisons and ampersands alone', async () => {
      assert.deepEqual(await problemsOf(code, `${BOM}if a < b and b > c then AT&T and R&D; 3 <4\n`, kind), []);
    });
  });

  describe('related-text/symbol-run', () => {
    const code = 'related-text/symbol-run';
    it('flags decoration and code symbols', async () => {
      const text = `${BOM}*** Chapter 1 ==> |---|---| #$% done\n`;
      const problems = await problemsOf(code, text, kind);
      assert.deepEqual(problems.map((p) => covered(text, p)), ['***', '==>', '|---|---|', '#$%']);
      assert.equal(applyFix(text, problems[0]!.fix), `${BOM}Chapter 1 ==> |---|---| #$% done\n`);
      assert.equal(applyFix(text, problems[1]!.fix), `${BOM}*** Chapter 1 |---|---| #$% done\n`);
    });
    it('leaves ordinary punctuation, C++ and smileys alone, and URIs to their rule', async () => {
      assert.deepEqual(await problemsOf(code, `${BOM}Wait... what?! "Yes." (really) -- I use C++. :-) 50% #1 @home https://a.b/c//d\n`, kind), []);
    });
  });

  describe('related-text/long-token', () => {
    const code = 'related-text/long-token';
    it('flags 40 characters or more without a space', async () => {
      const hash = '9f86d081884c7d659a2feaea0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0';
      const text = `${BOM}the hash ${hash} is wrong\n`;
      const problem = await oneProblem(code, text, kind);
      assert.equal(covered(text, problem), hash);
      assert.match(problem.message, /is 64 characters without a space/);
    });
    it('leaves long words and URIs alone', async () => {
      const text = `${BOM}supercalifragilisticexpialidocious antidisestablishmentarianism https://example.com/a/very/long/path/that/goes/on/and/on\n`;
      assert.deepEqual(await problemsOf(code, text, kind), []);
    });
  });

  describe('related-text/long-line', () => {
    const code = 'related-text/long-line';
    it('flags lines over 2,000 characters with their length', async () => {
      const long = 'word '.repeat(500).trim();
      const text = `${BOM}short\n${long}\n`;
      const problem = await oneProblem(code, text, kind);
      assert.deepEqual(problem.range, { line: 1, start: 0, end: 2499 });
      assert.match(problem.message, /2,499 characters.*one sentence or utterance per line/);
    });
    it('accepts 2,000 characters', async () => {
      assert.deepEqual(await problemsOf(code, `${BOM}${'a'.repeat(2000)}\n`, kind), []);
    });
  });

  describe('related-text/file-too-large', () => {
    const code = 'related-text/file-too-large';
    it('is an error at line 0 above 200 MB', async () => {
      const problem = await oneProblem(code, `${BOM}hello\n`, kind, { byteLength: 250 * 1024 * 1024 });
      assert.equal(problem.severity, 'error');
      assert.deepEqual(problem.range, { line: 0, start: 1, end: 6 }); // past the BOM
      assert.equal(covered(`${BOM}hello\n`, problem), 'hello');
      assert.match(problem.message, /250\.0 MB \(262,144,000 bytes\).*at most 200\.0 MB/);
    });
    it('accepts 200 MB, and an unknown size', async () => {
      assert.deepEqual(await problemsOf(code, `${BOM}hello\n`, kind, { byteLength: 200 * 1024 * 1024 }), []);
      assert.deepEqual(await problemsOf(code, `${BOM}hello\n`, kind), []);
    });
  });

  it('lints a 10 MB line in well under a second', async function () {
    this.timeout(20000);
    const line = 'the quick brown fox, jumps! over <the> lazy dog & co. '.repeat(200_000).slice(0, 10_000_000);
    const started = Date.now();
    await lint(`${BOM}${line}\n`, kind, { maxProblems: 10 });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
  });
});
