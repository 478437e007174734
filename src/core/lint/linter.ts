import type { FileKind } from './kinds';
import type { LineCache } from './line-cache';
import type { Problem, Range, Severity } from './problem';
import type { LinePrefilter, LintOptions, Rule, RuleVisitor } from './rule';
import { allRules, linePrefilters } from './rules';

/** `off` disables a rule; any severity replaces its default. Keys are rule codes. */
export type SeverityOverrides = Readonly<Record<string, Severity | 'off'>>;

export interface LinterSetup extends LintOptions {
  severities?: SeverityOverrides;
  /** Stop collecting after this many problems (the editor shows a capped list; the CLI streams). */
  maxProblems?: number;
  /** Receives each problem as it is found, instead of collecting them. */
  onProblem?: (problem: Problem) => void;
  /** Reuses the stateless rules' problems of lines unchanged since the last check (the editor). */
  lineCache?: LineCache;
}

const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

interface LineVisitor {
  line: (text: string, line: number) => void;
  stateless: boolean;
}

const BOM = '\uFEFF';

/**
 * Runs the rules of one file kind over a file fed line by line. Memory stays bounded by what the
 * rules remember across lines (e.g. seen audio names), never by the file's size.
 */
export class Linter {
  private readonly visitors: RuleVisitor[] = [];
  private readonly lineVisitors: LineVisitor[] = [];
  /** The rules that remember something across lines and look at lines (see `head`). */
  private readonly statefulLineVisitors: RuleVisitor[] = [];
  /** While a line's stateless problems are being captured for the cache. */
  private captured: Problem[] | undefined;
  private readonly problems: Problem[] = [];
  private count = 0;
  private bomColumnShift = 0;
  private isStopped = false;
  /** Codes of the enabled rules that look at lines. */
  private readonly lineRuleCodes: string[] = [];

  constructor(readonly kind: FileKind, private readonly setup: LinterSetup, rules: readonly Rule[] = allRules) {
    const options: LintOptions = { ...setup };
    setup.lineCache?.begin(JSON.stringify([kind, setup.locale, setup.severities ?? {}]));
    for (const rule of rules) {
      if (rule.kind !== kind && rule.kind !== 'any') continue;
      const severity = setup.severities?.[rule.code] ?? rule.severity;
      if (severity === 'off') continue;
      const stateless = rule.stateless === true;
      const visitor = rule.create({
        options,
        stop: () => {
          this.isStopped = true;
        },
        report: (range, message, fix) => {
          const problem: Problem = { code: rule.code, severity, range, message, ...(fix ? { fix } : {}) };
          if (stateless && this.captured) this.captured.push(problem);
          else this.add(problem);
        },
      });
      this.visitors.push(visitor);
      if (visitor.line) {
        this.lineVisitors.push({ line: visitor.line.bind(visitor), stateless });
        if (!stateless) this.statefulLineVisitors.push(visitor);
        this.lineRuleCodes.push(rule.code);
      }
    }
  }

  /**
   * The kind's byte-level line prefilter, when it speaks for every enabled rule that looks at lines:
   * then lines it proves clean need not be fed at all (see `feedCandidateLines`).
   */
  get prefilter(): LinePrefilter | undefined {
    const prefilter = linePrefilters[this.kind];
    return prefilter && this.lineRuleCodes.every((code) => prefilter.covers.has(code)) ? prefilter : undefined;
  }

  /** Feeds line `line` (zero-based) without its line break. */
  line(text: string, line: number): void {
    if (this.isStopped) return;
    if (line === 0 && text.startsWith(BOM)) {
      // Rules see line 0 without the BOM; its ranges (reported now or at the end) shift back by one.
      text = text.slice(1);
      this.bomColumnShift = 1;
    }
    const cache = this.setup.lineCache;
    const cached = cache?.get(text);
    if (cache && !cached) this.captured = [];
    for (const visitor of this.lineVisitors) {
      if (visitor.stateless && cached) continue;
      visitor.line(text, line);
      if (this.isStopped) {
        // The line that stopped the check (binary content) is never cached, so it stops it again.
        for (const problem of this.captured ?? []) this.add(problem);
        this.captured = undefined;
        return;
      }
    }
    if (cached) {
      for (const problem of cached) this.add(moveToLine(problem, line));
    } else if (this.captured) {
      const found = this.captured;
      this.captured = undefined;
      cache!.set(text, found.length ? found.map((problem) => moveToLine(problem, -line)) : NO_PROBLEMS);
      for (const problem of found) this.add(problem);
    }
  }

  /**
   * Feeds the head `bytes[start, end)` of line `line`, a line the prefilter proved clean (see
   * `LinePrefilter.headEnd`): only the rules that remember something across lines see it, as bytes
   * when they read them, else as text.
   */
  head(bytes: Buffer, start: number, end: number, line: number): void {
    let text: string | undefined;
    for (const visitor of this.statefulLineVisitors) {
      if (this.isStopped) return;
      if (visitor.head) visitor.head(bytes, start, end, line);
      else visitor.line!((text ??= bytes.toString('utf8', start, end)), line);
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

  private add(raw: Problem): void {
    const problem = this.bomColumnShift ? this.shiftProblem(raw) : raw;
    this.count++;
    if (this.setup.onProblem) return this.setup.onProblem(problem);
    if (this.setup.maxProblems === undefined || this.problems.length < this.setup.maxProblems) this.problems.push(problem);
  }

  private shiftProblem(problem: Problem): Problem {
    const fix = problem.fix && { ...problem.fix, edits: problem.fix.edits.map((edit) => ({ ...edit, range: this.shift(edit.range) })) };
    return { ...problem, range: this.shift(problem.range), ...(fix ? { fix } : {}) };
  }

  private shift(range: Range): Range {
    if (!this.bomColumnShift || range.line !== 0) return range;
    const endLine = range.endLine ?? range.line;
    return { ...range, start: range.start + 1, end: endLine === 0 ? range.end + 1 : range.end };
  }
}

/** The same problem `delta` lines further down (its fix too). */
function moveToLine(problem: Problem, delta: number): Problem {
  const move = (range: Range): Range => ({ ...range, line: range.line + delta, ...(range.endLine !== undefined ? { endLine: range.endLine + delta } : {}) });
  const fix = problem.fix && { ...problem.fix, edits: problem.fix.edits.map((edit) => ({ ...edit, range: move(edit.range) })) };
  return { ...problem, range: move(problem.range), ...(fix ? { fix } : {}) };
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
