import * as assert from 'node:assert/strict';
import { Linter } from '../../../src/core/lint/linter';
import { MAX_PENDING_REFERENCES, parseLine, structuredTextRules } from '../../../src/core/lint/rules/structured-text';
import { applyFix, covered, lint, oneProblem, problemsOf } from './apply-fix';

const BOM = '\uFEFF';
const kind = 'structured-text';

const good = `${BOM}// Pets and what people ask about them
@ list pet =
- cat
- dog

@ speech:phoneticlexicon
- cat/k ae t
- cat/k aa t

#TrainingSentences_Section1
- what {@pet} do you have
- I like {@food}
@ list food =
- pizza
`;

/** `lines` items of a list, one per line. */
function items(count: number, prefix = 'item'): string {
  let out = '';
  for (let i = 0; i < count; i++) out += `- ${prefix} ${i}\n`;
  return out;
}

describe('structured-text rules', () => {
  it('have unique codes of their kind, a severity and a one-line doc', () => {
    const codes = structuredTextRules.map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const rule of structuredTextRules) {
      assert.match(rule.code, /^structured-text\/[a-z-]+$/);
      assert.ok(rule.doc.length > 20 && !rule.doc.includes('\n'), rule.code);
    }
  });

  it('find nothing in a good file (lists may be defined after use)', async () => {
    assert.deepEqual(await lint(good, kind), []);
  });

  it('read each kind of line', () => {
    assert.deepEqual(parseLine('  // note'), { type: 'comment' });
    assert.deepEqual(parseLine('@ list pet ='), { type: 'list', name: 'pet', nameStart: 7, nameEnd: 10 });
    assert.deepEqual(parseLine('@list  pet'), { type: 'list', name: 'pet', nameStart: 7, nameEnd: 10 });
    assert.deepEqual(parseLine('@ speech:phoneticlexicon'), { type: 'lexicon' });
    assert.deepEqual(parseLine('@ ml thing'), { type: 'definition', start: 0, end: 10 });
    assert.deepEqual(parseLine('# Greet'), { type: 'section', name: 'Greet', nameStart: 2, nameEnd: 7 });
    assert.deepEqual(parseLine('- hello there '), { type: 'item', start: 2, end: 13 });
    assert.deepEqual(parseLine('-5 degrees'), { type: 'other', start: 0, end: 10 });
    assert.deepEqual(parseLine(' \t'), { type: 'blank' });
  });

  describe('structured-text/undefined-list', () => {
    const code = 'structured-text/undefined-list';
    it('is an error at the reference, resolved at the end of the file', async () => {
      const text = `${BOM}#S\n- buy {@fruit} and {@veg}\n@ list fruit =\n- apple\n`;
      const problem = await oneProblem(code, text, kind);
      assert.equal(problem.severity, 'error');
      assert.equal(covered(text, problem), '{@veg}');
      assert.deepEqual(problem.range, { line: 1, start: 19, end: 25 });
      assert.match(problem.message, /No list is named "veg".*Defined lists: \{@fruit\}/);
    });
    it('suggests a list that differs only in case', async () => {
      const text = `${BOM}@ list Pet =\n- cat\n#S\n- my {@pet}\n`;
      const problem = await oneProblem(code, text, kind);
      assert.match(problem.message, /did you mean \{@Pet\}/);
      assert.equal(applyFix(text, problem.fix), `${BOM}@ list Pet =\n- cat\n#S\n- my {@Pet}\n`);
    });
    it('flags an unclosed reference', async () => {
      const problem = await oneProblem(code, `${BOM}@ list pet =\n- cat\n#S\n- my {@pet and more\n`, kind);
      assert.match(problem.message, /no closing "\}"/);
    });
    it('remembers a bounded number of references', async () => {
      const refs = MAX_PENDING_REFERENCES + 50;
      const linter = new Linter(kind, { locale: 'en-US', hasBom: true }, structuredTextRules);
      linter.line('#S', 0);
      for (let i = 0; i < refs; i++) linter.line('- a {@missing} b', i + 1);
      const problems = (await linter.end()).filter((p) => p.code === code);
      assert.equal(problems.length, MAX_PENDING_REFERENCES);
      assert.match(problems[0]!.message, /50 more references to it are not listed/);
    });
  });

  describe('structured-text/duplicate-list', () => {
    const code = 'structured-text/duplicate-list';
    it('is an error at the second definition', async () => {
      const text = `${BOM}@ list pet =\n- cat\n@ list pet =\n- dog\n`;
      const problem = await oneProblem(code, text, kind);
      assert.deepEqual(problem.range, { line: 2, start: 7, end: 10 });
      assert.match(problem.message, /"pet" is already defined on line 1/);
    });
    it('treats names that differ in case as different', async () => {
      assert.deepEqual(await problemsOf(code, `${BOM}@ list pet =\n- cat\n@ list Pet =\n- dog\n`, kind), []);
    });
  });

  describe('structured-text/malformed-definition', () => {
    const code = 'structured-text/malformed-definition';
    it('flags @ lines that are not a list or the lexicon', async () => {
      const text = `${BOM}@ list my pets =\n- cat\n@ ml thing\n`;
      const problems = await problemsOf(code, text, kind);
      assert.deepEqual(problems.map((p) => covered(text, p)), ['@ list my pets =', '@ ml thing']);
      assert.match(problems[0]!.message, /one-word name/);
      assert.match(problems[1]!.message, /"@ speech:phoneticlexicon"/);
    });
  });

  describe('structured-text/invalid-section-name', () => {
    const code = 'structured-text/invalid-section-name';
    it('flags characters other than letters, digits and _, with a fix', async () => {
      const text = `${BOM}#Training Sentences!\n- hello\n`;
      const problem = await oneProblem(code, text, kind);
      assert.equal(problem.severity, 'error');
      assert.equal(covered(text, problem), 'Training Sentences!');
      assert.match(problem.message, /\(space, "!"\)/);
      assert.equal(applyFix(text, problem.fix), `${BOM}#Training_Sentences\n- hello\n`);
    });
    it('flags a section without a name', async () => {
      const problem = await oneProblem(code, `${BOM}#\n- hello\n`, kind);
      assert.match(problem.message, /no name/);
      assert.equal(problem.fix, undefined);
    });
    it('accepts letters, digits, _ and a space after #', async () => {
      assert.deepEqual(await problemsOf(code, `${BOM}#Section_1\n- a\n# Greetings2\n- b\n`, kind), []);
    });
  });

  describe('list limits', () => {
    it('warn at list 11 and fail at list 21', async () => {
      let text = BOM;
      for (let i = 1; i <= 22; i++) text += `@ list l${i} =\n- x\n`;
      const warning = await oneProblem('structured-text/many-lists', text, kind);
      assert.equal(warning.severity, 'warning');
      assert.equal(covered(text, warning), 'l11');
      const error = await oneProblem('structured-text/too-many-lists', text, kind);
      assert.equal(error.severity, 'error');
      assert.equal(covered(text, error), 'l21');
      assert.match(error.message, /list number 21.*at most 20/);
    });
    it('accept 10 lists', async () => {
      let text = BOM;
      for (let i = 1; i <= 10; i++) text += `@ list l${i} =\n- x\n`;
      assert.deepEqual(await problemsOf('structured-text/many-lists', text, kind), []);
    });
    it('warn above 4,000 items in a list and fail above 35,000', async () => {
      const text = `${BOM}@ list big =\n${items(35_001)}@ list small =\n${items(4_000)}`;
      const warning = await oneProblem('structured-text/many-list-items', text, kind);
      assert.equal(warning.range.line, 1 + 4_000);
      assert.match(warning.message, /"big" has more than 4,000 items/);
      const error = await oneProblem('structured-text/too-many-list-items', text, kind);
      assert.equal(error.range.line, 1 + 35_000);
      assert.equal(error.severity, 'error');
    });
  });

  describe('structured-text/empty-list', () => {
    const code = 'structured-text/empty-list';
    it('warns about a list without items, also at the end of the file', async () => {
      // List a is on line 0: its problem, reported later, still counts the BOM in its columns.
      const text = `${BOM}@ list a =\n\n// nothing\n@ list b =\n- x\n@ list c =\n`;
      const problems = await problemsOf(code, text, kind);
      assert.deepEqual(problems.map((p) => covered(text, p)), ['a', 'c']);
      assert.equal(problems[0]!.severity, 'warning');
    });
  });

  describe('structured-text/too-many-sentences', () => {
    it('warns at sentence 50,001', async () => {
      const text = `${BOM}#A\n${items(30_000, 'say')}#B\n${items(20_001, 'say')}`;
      const problem = await oneProblem('structured-text/too-many-sentences', text, kind);
      assert.equal(problem.range.line, 1 + 30_000 + 1 + 20_000);
      assert.equal((await problemsOf('structured-text/too-many-sentences', `${BOM}#A\n${items(50_000)}`, kind)).length, 0);
    });
  });

  describe('phonetic lexicon', () => {
    it('fails above 15,000 entries', async () => {
      let text = `${BOM}@ speech:phoneticlexicon\n`;
      for (let i = 0; i < 15_001; i++) text += `- w${i}/w ah n\n`;
      const problem = await oneProblem('structured-text/lexicon-too-large', text, kind);
      assert.equal(problem.range.line, 15_001);
      assert.equal(problem.severity, 'error');
    });
    it('fails at a third pronunciation of a word', async () => {
      const text = `${BOM}@ speech:phoneticlexicon\n- cat/k ae t\n- cat/k  ae t\n- cat/k aa t\n- cat/k ah t\n- dog/d ao g\n`;
      const problem = await oneProblem('structured-text/too-many-pronunciations', text, kind);
      assert.equal(problem.range.line, 4);
      assert.match(problem.message, /"cat" already has 2 pronunciations \("k ae t", "k aa t", from line 2\)/);
    });
    it('flags entries that are not word/phones', async () => {
      const text = `${BOM}@ speech:phoneticlexicon\n- dog\n- a/b/c\n- /k ae t\n- cat/\n- cat/k ae t\n`;
      const problems = await problemsOf('structured-text/malformed-lexicon-entry', text, kind);
      assert.deepEqual(problems.map((p) => covered(text, p)), ['dog', 'a/b/c', '/k ae t', 'cat/']);
      assert.match(problems[0]!.message, /no "\/" between the word and its phones/);
      assert.match(problems[1]!.message, /2 slashes/);
      assert.match(problems[2]!.message, /no word before/);
      assert.match(problems[3]!.message, /no phones after/);
    });
  });

  describe('structured-text/stray-line', () => {
    const code = 'structured-text/stray-line';
    it('flags lines outside any section or list', async () => {
      const text = `${BOM}hello there\n- orphan\n#S\n- fine\n`;
      const problems = await problemsOf(code, text, kind);
      assert.deepEqual(problems.map((p) => covered(text, p)), ['hello there', 'orphan']);
      assert.match(problems[0]!.message, /outside any section or list/);
      assert.equal(problems[0]!.fix, undefined);
    });
    it('makes a plain line in a section an item', async () => {
      const text = `${BOM}#S\n- fine\n  also fine\n`;
      const problem = await oneProblem(code, text, kind);
      assert.match(problem.message, /does not start with "- "/);
      assert.equal(applyFix(text, problem.fix), `${BOM}#S\n- fine\n  - also fine\n`);
    });
    it('turns an LU > comment into //', async () => {
      const text = `${BOM}> a comment\n`;
      assert.equal(applyFix(text, (await oneProblem(code, text, kind)).fix), `${BOM}// a comment\n`);
    });
  });

  describe('structured-text/special-char', () => {
    const code = 'structured-text/special-char';
    it('flags characters above U+00A1 in sentences and list items, not in comments', async () => {
      const text = `${BOM}// it\u2019s a comment\n@ list x =\n- caf\u00E9\n#S\n- it\u2019s fine\n`;
      const problems = await problemsOf(code, text, kind);
      assert.deepEqual(problems.map((p) => [p.range.line, covered(text, p)]), [[2, '\u00E9'], [4, '\u2019']]);
      assert.equal(applyFix(text, problems[1]!.fix), `${BOM}// it\u2019s a comment\n@ list x =\n- caf\u00E9\n#S\n- it's fine\n`);
    });
  });

  describe('structured-text/missing-bom', () => {
    it('warns once with a fix', async () => {
      const text = '#S\n- hi\n';
      const problem = await oneProblem('structured-text/missing-bom', text, kind);
      assert.equal(problem.severity, 'warning');
      assert.equal(applyFix(text, problem.fix), `${BOM}#S\n- hi\n`);
      assert.deepEqual(await problemsOf('structured-text/missing-bom', `${BOM}${text}`, kind), []);
    });
  });

  describe('structured-text/file-too-large', () => {
    it('is an error above 200 MB', async () => {
      const problem = await oneProblem('structured-text/file-too-large', `${BOM}#S\n- hi\n`, kind, { byteLength: 201 * 1024 * 1024 });
      assert.equal(problem.severity, 'error');
      assert.equal(problem.range.line, 0);
      assert.deepEqual(await problemsOf('structured-text/file-too-large', `${BOM}#S\n`, kind, { byteLength: 200 * 1024 * 1024 }), []);
    });
  });
});
