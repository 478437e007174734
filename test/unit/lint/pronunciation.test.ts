import * as assert from 'node:assert/strict';
import { commonEnglishWords, isCommonEnglishWord } from '../../../src/core/lint/common-words';
import { pronunciationRules, spellSmallNumber } from '../../../src/core/lint/rules/pronunciation';
import { applyFix, covered, lint, oneProblem, problemsOf } from './apply-fix';

const BOM = '\uFEFF';
const kind = 'pronunciation';

describe('pronunciation rules', () => {
  it('have unique codes of their kind, a severity and a one-line doc', () => {
    const codes = pronunciationRules.map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const rule of pronunciationRules) {
      assert.match(rule.code, /^pronunciation\/[a-z-]+$/);
      assert.ok(rule.doc.length > 20 && !rule.doc.includes('\n'), rule.code);
    }
  });

  it('find nothing in a good file (en-US without BOM is accepted)', async () => {
    const text = '3CPO\tthree c p o\nIEEE\ti triple e\nContoso Bank\tcontoso bank\n\nUS\tu s\nKubernetes\tkoo ber net eez\n';
    assert.deepEqual(await lint(text, kind), []);
  });

  describe('pronunciation/missing-tab', () => {
    const code = 'pronunciation/missing-tab';
    it('fixes a run of spaces used as a column separator', async () => {
      const text = 'IEEE    i triple e\n';
      const problem = await oneProblem(code, text, kind);
      assert.equal(problem.severity, 'error');
      assert.deepEqual(problem.range, { line: 0, start: 4, end: 8 });
      assert.match(problem.message, /No tab in "IEEE    i triple e"/);
      assert.equal(applyFix(text, problem.fix), 'IEEE\ti triple e\n');
      const aligned = 'new york   new york\n';
      assert.equal(applyFix(aligned, (await oneProblem(code, aligned, kind)).fix), 'new york\tnew york\n');
    });
    it('fixes a single space after a one-token display form that cannot be a spoken word', async () => {
      const text = 'ok\tok\n3CPO three c p o\n';
      const problem = await oneProblem(code, text, kind);
      assert.deepEqual(problem.range, { line: 1, start: 4, end: 5 });
      assert.equal(applyFix(text, problem.fix), 'ok\tok\n3CPO\tthree c p o\n');
    });
    it('offers no fix when the split is unclear', async () => {
      for (const text of ['new york new york\n', 'IEEE\n', 'IEEE I triple e\n', 'a  b  c\n']) {
        const problem = await oneProblem(code, text, kind);
        assert.equal(problem.fix, undefined, text);
        assert.equal(problem.range.start, 0);
      }
      assert.match((await oneProblem(code, 'IEEE\n', kind)).message, /"IEEE\\ti e e e"/);
    });
    it('ignores blank lines', async () => {
      assert.deepEqual(await problemsOf(code, 'a\tb\n   \n\nc\td\n', kind), []);
    });
  });

  describe('pronunciation/extra-tab', () => {
    const code = 'pronunciation/extra-tab';
    it('flags extra tabs and collapses a double tab', async () => {
      const text = 'IEEE\t\ti triple e\n';
      const problem = await oneProblem(code, text, kind);
      assert.deepEqual(problem.range, { line: 0, start: 5, end: 6 });
      assert.match(problem.message, /2 tabs/);
      assert.equal(applyFix(text, problem.fix), 'IEEE\ti triple e\n');
    });
    it('removes a trailing tab', async () => {
      const text = 'IEEE\ti triple e\t\n';
      assert.equal(applyFix(text, (await oneProblem(code, text, kind)).fix), 'IEEE\ti triple e\n');
    });
    it('offers no fix for a tab inside a form', async () => {
      const text = 'IEEE\ti\ttriple e\n';
      const problem = await oneProblem(code, text, kind);
      assert.deepEqual(problem.range, { line: 0, start: 6, end: 7 });
      assert.equal(problem.fix, undefined);
    });
  });

  describe('pronunciation/empty-form', () => {
    const code = 'pronunciation/empty-form';
    it('flags an empty display form', async () => {
      const problem = await oneProblem(code, '\ti triple e\n', kind);
      assert.deepEqual(problem.range, { line: 0, start: 0, end: 1 });
      assert.match(problem.message, /display form is empty/);
    });
    it('flags an empty spoken form', async () => {
      const problem = await oneProblem(code, 'IEEE\t  \n', kind);
      assert.deepEqual(problem.range, { line: 0, start: 4, end: 7 });
      assert.match(problem.message, /spoken form of "IEEE" is empty/);
    });
  });

  describe('pronunciation/uppercase-spoken', () => {
    const code = 'pronunciation/uppercase-spoken';
    it('lowercases the words with capitals when that is the only problem', async () => {
      const text = 'IEEE\ti Triple E\n';
      const problem = await oneProblem(code, text, kind);
      assert.equal(covered(text, problem), 'Triple E');
      assert.match(problem.message, /Capital letters in the spoken form "i Triple E".*Write "i triple e"/);
      assert.equal(applyFix(text, problem.fix), 'IEEE\ti triple e\n');
    });
    it('offers no fix when the spoken form has other problems', async () => {
      const problem = await oneProblem(code, 'R2D2\tR 2 d two\n', kind);
      assert.equal(problem.fix, undefined);
    });
    it('handles letters of other alphabets', async () => {
      const text = 'Öl\tÖl\n';
      const problem = await oneProblem(code, text, kind, { locale: 'de-DE', hasBom: true });
      assert.equal(applyFix(text, problem.fix), 'Öl\töl\n');
    });
  });

  describe('pronunciation/digits-in-spoken', () => {
    const code = 'pronunciation/digits-in-spoken';
    it('spells out numbers 0–99, keeping them apart from letters', async () => {
      const text = 'R2D2\tr2d2\nC3PO\tc 3 p o\nAgent 47\tagent 47\nBond 007\tbond 07\n';
      const problems = await problemsOf(code, text, kind);
      assert.deepEqual(problems.map((p) => covered(text, p)), ['2', '2', '3', '47', '07']);
      assert.equal(applyFix(text, problems[0]!.fix).split('\n')[0], 'R2D2\tr two d2');
      assert.equal(applyFix(text, problems[1]!.fix).split('\n')[0], 'R2D2\tr2d two');
      assert.equal(applyFix(text, problems[2]!.fix).split('\n')[1], 'C3PO\tc three p o');
      assert.equal(applyFix(text, problems[3]!.fix).split('\n')[2], 'Agent 47\tagent forty seven');
      assert.equal(applyFix(text, problems[4]!.fix).split('\n')[3], 'Bond 007\tbond zero seven');
      assert.match(problems[3]!.message, /Digits "47" in the spoken form "agent 47".*Write "forty seven"/);
    });
    it('gives no fix for longer numbers or non-English locales', async () => {
      const problem = await oneProblem(code, 'Windows 2000\twindows 2000\n', kind);
      assert.equal(covered('Windows 2000\twindows 2000', problem), '2000');
      assert.equal(problem.fix, undefined);
      assert.equal((await oneProblem(code, 'X\tx 5\n', kind, { locale: 'fr-FR', hasBom: true })).fix, undefined);
    });
    it('spells small numbers as cardinals, a leading zero digit by digit', () => {
      assert.deepEqual(['0', '7', '10', '13', '20', '42', '99', '05', '100', 'x'].map(spellSmallNumber), ['zero', 'seven', 'ten', 'thirteen', 'twenty', 'forty two', 'ninety nine', 'zero five', undefined, undefined]);
    });
  });

  describe('pronunciation/invalid-spoken-char', () => {
    const code = 'pronunciation/invalid-spoken-char';
    it('flags punctuation and letters outside a–z for en-US', async () => {
      const text = "O'Neil\to'neil\nCafé\tcafé\nfour-two\tforty-two\n";
      const problems = await problemsOf(code, text, kind, { hasBom: true });
      assert.deepEqual(problems.map((p) => [p.range.line, covered(text, p)]), [[0, "'"], [1, 'é'], [2, '-']]);
      assert.match(problems[0]!.message, /"'" in the spoken form "o'neil" is not allowed.*a–z/);
      assert.equal(problems[0]!.fix, undefined);
      assert.equal(applyFix(text, problems[1]!.fix).split('\n')[1], 'Café\tcafe');
      assert.equal(applyFix(text, problems[2]!.fix).split('\n')[2], 'four-two\tforty two');
    });
    it('accepts ä ö ü ß for de-DE and any letters elsewhere', async () => {
      assert.deepEqual(await problemsOf(code, 'Straße\tstraße\nÖl\töl\n', kind, { locale: 'de-DE', hasBom: true }), []);
      assert.deepEqual(await problemsOf(code, 'Café\tcafé\n', kind, { locale: 'fr-FR', hasBom: true }), []);
      const problem = await oneProblem(code, 'Café\tcafé\n', kind, { locale: 'de-DE', hasBom: true });
      assert.match(problem.message, /a–z, ä, ö, ü and ß/);
    });
    it('leaves digits and capitals to their rules', async () => {
      assert.deepEqual(await problemsOf(code, 'X\tX 5\n', kind), []);
    });
  });

  describe('pronunciation/suspect-display-char', () => {
    const code = 'pronunciation/suspect-display-char';
    it('warns about ~ and ^ in the display form', async () => {
      const text = 'x~y^z\tx y z\n';
      const problems = await problemsOf(code, text, kind);
      assert.deepEqual(problems.map((p) => [p.severity, covered(text, p)]), [['warning', '~'], ['warning', '^']]);
      assert.match(problems[0]!.message, /"~" in the display form "x~y\^z"/);
    });
    it('accepts other symbols', async () => {
      assert.deepEqual(await problemsOf(code, 'C#\tc sharp\nAT&T\ta t and t\n', kind), []);
    });
  });

  describe('pronunciation/redefined-display and duplicate-entry', () => {
    it('warns when a display form gets another spoken form', async () => {
      const text = 'IEEE\ti triple e\nieee\ti e e e\nIEEE\ti e e e\n';
      const problem = await oneProblem('pronunciation/redefined-display', text, kind);
      assert.equal(problem.severity, 'warning');
      assert.deepEqual(problem.range, { line: 2, start: 0, end: 4 });
      assert.match(problem.message, /"IEEE" is already defined on line 1 as "i triple e"; here it is "i e e e"/);
      assert.deepEqual(await problemsOf('pronunciation/duplicate-entry', text, kind), []);
    });
    it('notes an identical entry and removes its line', async () => {
      const text = 'IEEE\ti triple e\nCPU\tc p u\nIEEE\ti  triple e\n';
      const problem = await oneProblem('pronunciation/duplicate-entry', text, kind);
      assert.equal(problem.severity, 'info');
      assert.match(problem.message, /already on line 1/);
      assert.equal(applyFix(text, problem.fix), 'IEEE\ti triple e\nCPU\tc p u\n');
      assert.deepEqual(await problemsOf('pronunciation/redefined-display', text, kind), []);
    });
  });

  describe('pronunciation/common-word', () => {
    const code = 'pronunciation/common-word';
    it('notes common English words', async () => {
      const text = 'IEEE\ti triple e\nThe\tthee\n';
      const problem = await oneProblem(code, text, kind);
      assert.equal(problem.severity, 'info');
      assert.equal(covered(text, problem), 'The');
      assert.match(problem.message, /"The" is one of the most common English words/);
    });
    it('leaves acronyms, phrases and other locales alone', async () => {
      assert.deepEqual(await problemsOf(code, 'US\tu s\nIT\ti t\nthe end\tthe end\n', kind), []);
      assert.deepEqual(await problemsOf(code, 'the\tthe\n', kind, { locale: 'de-DE', hasBom: true }), []);
    });
    it('ships about 300 common words', () => {
      assert.ok(commonEnglishWords.size >= 250 && commonEnglishWords.size <= 400, String(commonEnglishWords.size));
      assert.ok(isCommonEnglishWord('The') && isCommonEnglishWord('would') && !isCommonEnglishWord('Contoso'));
    });
  });

  describe('pronunciation/file-too-large', () => {
    const code = 'pronunciation/file-too-large';
    it('is an error above 1 MB', async () => {
      const problem = await oneProblem(code, 'IEEE\ti triple e\n', kind, { byteLength: 2 * 1024 * 1024 });
      assert.equal(problem.severity, 'error');
      assert.deepEqual(problem.range, { line: 0, start: 0, end: 15 });
      assert.match(problem.message, /2\.0 MB.*at most 1\.0 MB \(1,048,576 bytes\)/);
      assert.deepEqual(await problemsOf(code, 'IEEE\ti triple e\n', kind, { byteLength: 1024 * 1024 }), []);
    });
  });

  describe('pronunciation/missing-bom', () => {
    const code = 'pronunciation/missing-bom';
    it('warns for non-English locales, with a fix', async () => {
      const text = 'Straße\tstraße\n';
      const problem = await oneProblem(code, text, kind, { locale: 'de-DE' });
      assert.equal(problem.severity, 'warning');
      assert.deepEqual(problem.range, { line: 0, start: 0, end: 13 });
      assert.match(problem.message, /for de-DE/);
      assert.equal(applyFix(text, problem.fix), `${BOM}Straße\tstraße\n`);
      assert.deepEqual(await problemsOf(code, `${BOM}${text}`, kind, { locale: 'de-DE' }), []);
    });
    it('accepts ASCII English without a BOM, but not English with other characters', async () => {
      assert.deepEqual(await problemsOf(code, 'IEEE\ti triple e\n', kind), []);
      const problem = await oneProblem(code, 'IEEE\ti triple e\nCafé\tcafe\n', kind);
      assert.match(problem.message, /outside ASCII \(first on line 2\).*ANSI/);
      assert.equal(applyFix('IEEE\ti triple e\nCafé\tcafe\n', problem.fix), `${BOM}IEEE\ti triple e\nCafé\tcafe\n`);
    });
  });
});
