import type { FileKind } from './kinds';
import type { Fix, Range, Severity } from './problem';
import type { AudioFolder } from '../formats/audio-folder';

export interface LintOptions {
  /** BCP-47 locale of the dataset, e.g. `en-US`; some rules depend on it. */
  locale: string;
  /** Path or name of the file, for rules that look at its neighbours or name. */
  fileName?: string;
  /** Size of the file in bytes, when known (file-size limits). */
  byteLength?: number;
  /** Whether the file starts with a UTF-8 byte order mark (the editor strips it from the text). */
  hasBom?: boolean;
  /** The folder that holds a transcript's audio; transcript audio rules are skipped without it. */
  audio?: AudioFolder;
}

export interface RuleContext {
  readonly options: Readonly<LintOptions>;
  /** Reports a problem at `range`; the severity comes from the rule and the user's settings. */
  report(range: Range, message: string, fix?: Fix): void;
  /** Ends linting of this file: what follows would only be noise (e.g. binary content). */
  stop(): void;
}

/**
 * A rule sees the file line by line (so files of any size stream through it) and gets a last call
 * at the end for checks across lines. State lives in the closure `create` returns.
 */
export interface RuleVisitor {
  line?(text: string, line: number): void;
  /**
   * The head of line `line`, `bytes[start, end)` (ASCII), for a line the kind's prefilter proved
   * clean (see `LinePrefilter.headEnd`): a rule that remembers every line may read it from the bytes
   * instead of being given it as the text of `line`.
   */
  head?(bytes: Buffer, start: number, end: number, line: number): void;
  end?(): void | Promise<void>;
}

export interface Rule {
  /** Stable code, `<kind>/<name>`; users refer to it in settings and docs link to it. */
  code: string;
  kind: FileKind | 'any';
  severity: Severity;
  /** One line saying what is wrong and why it matters to the service. */
  doc: string;
  /**
   * The rule's problems on a line depend only on that line's text and the options, so the editor may
   * reuse them for a line that did not change (see `LineCache`). `lineRule` sets it.
   */
  stateless?: boolean;
  create(context: RuleContext): RuleVisitor;
}

type LineCheck = (text: string, line: number, context: RuleContext) => void;

/** The common case: a rule that looks at one line at a time and keeps no state. */
export function lineRule(meta: Omit<Rule, 'create'>, check: LineCheck): Rule {
  return { ...meta, stateless: true, create: (context) => ({ line: (text, line) => check(text, line, context) }) };
}

/**
 * A byte-level test that proves a line clean for a set of stateless line rules, many times faster
 * than running them: the streaming linter then skips the line without even decoding it. It must be
 * conservative: whenever a covered rule could report something on the line, `isClean` is false.
 */
export interface LinePrefilter {
  kind: FileKind;
  /** Codes of the rules it speaks for. A rule with a line check outside this set turns it off. */
  covers: ReadonlySet<string>;
  /** The UTF-8 line `bytes[start, end)` (without its line break). */
  isClean(bytes: Uint8Array, start: number, end: number): boolean;
  /**
   * For kinds whose rules remember something of every line (a transcript's audio names): where the
   * part of a clean line those rules read ends. The covered rules that are not `stateless` are fed
   * `bytes[start, headEnd)` of each clean line instead of the line (as the text of `line`, or to
   * `head`), and must find the same in it; an empty head is not fed. Without `headEnd` they see no
   * clean line at all. Called right after `isClean` proved the same line clean: it may reuse what
   * `isClean` found.
   */
  headEnd?(bytes: Uint8Array, start: number, end: number): number;
}
