import * as assert from 'node:assert/strict';
import { Linter, lintText } from '../../../src/core/lint/linter';
import { lineRule, type Rule } from '../../../src/core/lint/rule';

const flagX = lineRule({ code: 'related-text/test-x', kind: 'related-text', severity: 'warning', doc: 'x is flagged' }, (text, line, context) => {
  const at = text.indexOf('x');
  if (at >= 0) context.report({ line, start: at, end: at + 1 }, 'an x', { title: 'Remove x', edits: [{ range: { line, start: at, end: at + 1 }, newText: '' }] });
});
const counter: Rule = {
  code: 'related-text/test-count',
  kind: 'related-text',
  severity: 'info',
  doc: 'counts lines',
  create(context) {
    let lines = 0;
    return { line: () => void lines++, end: () => context.report({ line: 0, start: 0, end: 0 }, `${lines} lines`) };
  },
};

describe('Linter', () => {
  it('runs only the rules of the kind, with their default severity', async () => {
    const linter = new Linter('related-text', { locale: 'en-US' }, [flagX, { ...flagX, kind: 'transcript', code: 'transcript/other' }]);
    linter.line('a x b', 0);
    const problems = await linter.end();
    assert.deepEqual(problems.map((p) => [p.code, p.severity, p.range.start]), [['related-text/test-x', 'warning', 2]]);
  });

  it('applies severity overrides and turns rules off', async () => {
    const raised = new Linter('related-text', { locale: 'en-US', severities: { 'related-text/test-x': 'error' } }, [flagX]);
    raised.line('x', 0);
    assert.equal((await raised.end())[0]!.severity, 'error');
    const off = new Linter('related-text', { locale: 'en-US', severities: { 'related-text/test-x': 'off' } }, [flagX]);
    off.line('x', 0);
    assert.deepEqual(await off.end(), []);
  });

  it('shifts columns on the first line past a BOM, fixes included', async () => {
    const linter = new Linter('related-text', { locale: 'en-US' }, [flagX]);
    linter.line('\uFEFFax', 0);
    linter.line('ax', 1);
    const [first, second] = await linter.end();
    assert.deepEqual(first!.range, { line: 0, start: 2, end: 3 });
    assert.deepEqual(first!.fix!.edits[0]!.range, { line: 0, start: 2, end: 3 });
    assert.deepEqual(second!.range, { line: 1, start: 1, end: 2 });
  });

  it('shifts line-0 ranges reported at the end too', async () => {
    const [problem] = await lintTextWith('\uFEFFa\nb', [counter]);
    assert.deepEqual(problem!.range, { line: 0, start: 1, end: 1 });
  });

  it('caps collected problems but counts them all', async () => {
    const linter = new Linter('related-text', { locale: 'en-US', maxProblems: 2 }, [flagX]);
    for (let i = 0; i < 5; i++) linter.line('x', i);
    assert.equal((await linter.end()).length, 2);
    assert.equal(linter.problemCount, 5);
  });

  it('streams problems to onProblem instead of collecting', async () => {
    const seen: string[] = [];
    const linter = new Linter('related-text', { locale: 'en-US', onProblem: (p) => seen.push(p.message) }, [flagX]);
    linter.line('x', 0);
    assert.deepEqual(await linter.end(), []);
    assert.deepEqual(seen, ['an x']);
  });

  it('does not feed the empty line after a final line break', async () => {
    const problems = await lintTextWith('a\nb\n', [counter]);
    assert.equal(problems[0]!.message, '2 lines');
    assert.equal((await lintTextWith('a\r\nb', [counter]))[0]!.message, '2 lines');
  });

  it('stops at binary content with one problem, skipping end-of-file checks', async () => {
    const problems = await lintText('hello\nRIFF\0\0\0WAVE x\nmore x', 'related-text', { locale: 'en-US' });
    const binary = problems.filter((p) => p.code === 'file/binary');
    assert.equal(binary.length, 1);
    assert.deepEqual(binary[0]!.range, { line: 1, start: 4, end: 5 });
    assert.ok(!problems.some((p) => p.range.line === 2), 'nothing after the binary line is checked');
  });

  it('reports invalid UTF-8 (U+FFFD runs) once per run', async () => {
    const problems = await lintText('ok \uFFFD\uFFFD here \uFFFD', 'pronunciation', { locale: 'en-US' });
    const invalid = problems.filter((p) => p.code === 'file/invalid-utf8');
    assert.deepEqual(invalid.map((p) => [p.range.start, p.range.end]), [[3, 5], [11, 12]]);
  });
});

function lintTextWith(text: string, rules: Rule[]) {
  return lintText(text, 'related-text', { locale: 'en-US' }, rules);
}
