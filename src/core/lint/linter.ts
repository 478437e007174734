import type { FileKind } from './kinds';
import type { Problem, Range, Severity } from './problem';
import type { LintOptions, Rule, RuleVisitor } from './rule';
import { allRules } from './rules';

/** `off` disables a rule; any severity replaces its default. Keys are rule codes. */
export type SeverityOverrides = Readonly<Record<string, Severity | 'off'>>;

export interface LinterSetup extends LintOptions {
  severities?: SeverityOverrides;
  /** Stop collecting after this many problems (the editor shows a capped list; the CLI streams). */
  maxProblems?: number;
  /** Receives each problem as it is found, instead of collecting them. */
  onProblem?: (problem: Problem) => void;
}

const BOM = '\uFEFF';

/**
 * Runs the rules of one file kind over a file fed line by line. Memory stays bounded by what the
 * rules remember across lines (e.g. seen audio names), never by the file's size.
 */
export class Linter {
  private readonly visitors: RuleVisitor[] = [];
  private readonly lineVisitors: RuleVisitor[] = [];
  private readonly problems: Problem[] = [];
  private count = 0;
  private bomColumnShift = 0;
  private isStopped = false;

  constructor(readonly kind: FileKind, private readonly setup: LinterSetup, rules: readonly Rule[] = allRules) {
    const options: LintOptions = { ...setup };
    for (const rule of rules) {
      if (rule.kind !== kind && rule.kind !== 'any') continue;
      const severity = setup.severities?.[rule.code] ?? rule.severity;
      if (severity === 'off') continue;
      const visitor = rule.create({
        options,
        stop: () => {
          this.isStopped = true;
        },
        report: (range, message, fix) => this.add({ code: rule.code, severity, range: this.shift(range), message, ...(fix ? { fix: { ...fix, edits: fix.edits.map((e) => ({ ...e, range: this.shift(e.range) })) } } : {}) }),
      });
      this.visitors.push(visitor);
      if (visitor.line) this.lineVisitors.push(visitor);
    }
  }

  /** Feeds line `line` (zero-based) without its line break. */
  line(text: string, line: number): void {
    if (this.isStopped) return;
    if (line === 0 && text.startsWith(BOM)) {
      // Rules see line 0 without the BOM; its ranges (reported now or at the end) shift back by one.
      text = text.slice(1);
      this.bomColumnShift = 1;
    }
    for (const visitor of this.lineVisitors) {
      visitor.line!(text, line);
      if (this.isStopped) return;
    }
  }

  /** Runs the checks that need the whole file and returns what was collected. */
  async end(): Promise<Problem[]> {
    if (this.isStopped) return this.problems;
    for (const visitor of this.visitors) await visitor.end?.();
    return this.problems;
  }

  /** True once a rule stopped the check (e.g. binary content): feeding more lines is pointless. */
  get stopped(): boolean {
    return this.isStopped;
  }

  /** Number of problems found so far, including those past `maxProblems`. */
  get problemCount(): number {
    return this.count;
  }

  private add(problem: Problem): void {
    this.count++;
    if (this.setup.onProblem) return this.setup.onProblem(problem);
    if (this.setup.maxProblems === undefined || this.problems.length < this.setup.maxProblems) this.problems.push(problem);
  }

  private shift(range: Range): Range {
    if (!this.bomColumnShift || range.line !== 0) return range;
    const endLine = range.endLine ?? range.line;
    return { ...range, start: range.start + 1, end: endLine === 0 ? range.end + 1 : range.end };
  }
}

/** Lints a whole text in memory: the editor's path. Lines end at LF or CRLF, as in the CLI's reader. */
export async function lintText(text: string, kind: FileKind, setup: LinterSetup, rules: readonly Rule[] = allRules): Promise<Problem[]> {
  const hasBom = setup.hasBom ?? text.startsWith(BOM);
  const linter = new Linter(kind, { ...setup, hasBom }, rules);
  let line = 0;
  let start = 0;
  // A final line break ends the last line; it does not start an empty one.
  while (start < text.length || (start === 0 && line === 0)) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    linter.line(text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end), line++);
    if (newline < 0 || linter.stopped) break;
    start = newline + 1;
  }
  return linter.end();
}
