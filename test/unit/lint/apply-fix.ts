import * as assert from 'node:assert/strict';
import type { FileKind } from '../../../src/core/lint/kinds';
import { lintText, type LinterSetup } from '../../../src/core/lint/linter';
import type { Fix, Problem } from '../../../src/core/lint/problem';

/** Test helpers for rule tests: lint a text, pick the problems of one rule, apply a quick fix. */

export async function lint(text: string, kind: FileKind, setup: Partial<LinterSetup> = {}): Promise<Problem[]> {
  return lintText(text, kind, { locale: 'en-US', ...setup });
}

/** The problems of rule `code`. */
export async function problemsOf(code: string, text: string, kind: FileKind, setup: Partial<LinterSetup> = {}): Promise<Problem[]> {
  return (await lint(text, kind, setup)).filter((p) => p.code === code);
}

/** The one problem of rule `code` (fails when there are none or several). */
export async function oneProblem(code: string, text: string, kind: FileKind, setup: Partial<LinterSetup> = {}): Promise<Problem> {
  const found = await problemsOf(code, text, kind, setup);
  assert.equal(found.length, 1, `expected one ${code}, got ${found.length}: ${JSON.stringify(found, null, 1)}`);
  return found[0]!;
}

/** Applies the edits of a fix to a text the way an editor does (positions past a line's end are clamped). */
export function applyFix(text: string, fix: Fix | undefined): string {
  assert.ok(fix, 'expected a quick fix');
  const lines = text.split('\n');
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  const at = (line: number, column: number): number => {
    if (line >= lines.length) return text.length;
    return lineStarts[line]! + Math.min(column, lines[line]!.length);
  };
  const edits = fix.edits
    .map((e) => ({ from: at(e.range.line, e.range.start), to: at(e.range.endLine ?? e.range.line, e.range.end), text: e.newText }))
    .sort((a, b) => b.from - a.from);
  let result = text;
  for (const edit of edits) result = result.slice(0, edit.from) + edit.text + result.slice(edit.to);
  return result;
}

/** The text a problem's range covers (single-line ranges). */
export function covered(text: string, problem: Problem): string {
  return text.split('\n')[problem.range.line]!.slice(problem.range.start, problem.range.end);
}
