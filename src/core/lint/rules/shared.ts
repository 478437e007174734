import type { FileKind } from '../kinds';
import type { Fix, TextEdit } from '../problem';
import type { LintOptions, Rule, RuleContext } from '../rule';
import { describeChar } from '../text-checks';
import { findSpecialChars, isEnglishLocale } from '../fast-text-checks';

/** Building blocks shared by the rules of several file kinds. */

export const BOM = '\uFEFF';

/** The quick fix that adds a UTF-8 byte order mark at the start of the file. */
export const addBomFix: Fix = {
  title: 'Add a UTF-8 byte order mark (BOM)',
  edits: [{ range: { line: 0, start: 0, end: 0 }, newText: BOM }],
};

export const MB = 1024 * 1024;

/**
 * Rules that report each occurrence stop at this many on one line: a line with more is garbage
 * (a binary or concatenated file), and building thousands of messages would only slow the editor.
 */
export const MAX_PROBLEMS_PER_LINE = 100;

/** The first `MAX_PROBLEMS_PER_LINE` findings of a line. */
export function firstFew<T>(found: readonly T[]): readonly T[] {
  return found.length > MAX_PROBLEMS_PER_LINE ? found.slice(0, MAX_PROBLEMS_PER_LINE) : found;
}

/** `1.5 MB (1,572,864 bytes)`. */
export function describeBytes(bytes: number): string {
  const size = bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;
  return bytes >= 1024 ? `${size} (${formatCount(bytes)} bytes)` : size;
}

/**
 * `12,345`: a whole number grouped as `toLocaleString('en-US')` would, without it — its first call
 * loads the ICU number formats, tens of milliseconds of a command-line lint.
 */
export function formatCount(n: number): string {
  const digits = String(Math.abs(Math.round(n)));
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
  return n < 0 && grouped !== '0' ? `-${grouped}` : grouped;
}

/**
 * A rule that reports once, at the first line, when the file has no byte order mark. `hasBom`
 * undefined means the caller does not know: nothing is reported then.
 */
export function missingBomRule(meta: Omit<Rule, 'create'>, message: string, applies: (options: Readonly<LintOptions>) => boolean = () => true): Rule {
  return {
    ...meta,
    create(context) {
      if (context.options.hasBom !== false || !applies(context.options)) return {};
      // An empty file has nothing to misread: report only once some text is seen.
      let firstLineLength = 0;
      let content = false;
      return {
        line(text, line) {
          if (line === 0) firstLineLength = text.length;
          content ||= text.length > 0;
        },
        end() {
          if (content) context.report({ line: 0, start: 0, end: firstLineLength }, message, addBomFix);
        },
      };
    },
  };
}

/**
 * A rule that reports a file bigger than `maxBytes` (from `options.byteLength`, known before the
 * first line) once, on the first line: reported while that line is linted, its range is right
 * whether or not the text starts with a BOM (problems reported in `end()` get no BOM shift).
 */
export function fileSizeRule(meta: Omit<Rule, 'create'>, maxBytes: number, advice: string): Rule {
  return {
    ...meta,
    create(context) {
      const bytes = context.options.byteLength;
      if (bytes === undefined || bytes <= maxBytes) return {};
      return {
        line(text, line) {
          if (line !== 0) return;
          context.report(
            { line: 0, start: 0, end: text.length },
            `The file is ${describeBytes(bytes)}; the service accepts at most ${describeBytes(maxBytes)} for a ${kindLabel[meta.kind as FileKind] ?? 'dataset'} file and rejects bigger ones. ${advice}`,
          );
        },
      };
    },
  };
}

const kindLabel: Record<FileKind, string> = {
  transcript: 'transcript',
  pronunciation: 'pronunciation',
  'related-text': 'related-text',
  'structured-text': 'structured-text',
};

function isSpaceOrTab(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

/**
 * An edit that removes `text[start, end)` from a line and keeps the words around it apart by
 * exactly one space: `a <br> b` → `a b`, `a<br>b` → `a b`, `<br> a` → `a`.
 */
export function removalEdit(text: string, line: number, start: number, end: number): TextEdit {
  const before = text[start - 1];
  const after = text[end];
  if (isSpaceOrTab(before) && (isSpaceOrTab(after) || after === undefined)) return { range: { line, start: start - 1, end }, newText: '' };
  if (before === undefined && isSpaceOrTab(after)) return { range: { line, start, end: end + 1 }, newText: '' };
  if (before !== undefined && after !== undefined && !isSpaceOrTab(before) && !isSpaceOrTab(after)) return { range: { line, start, end }, newText: ' ' };
  return { range: { line, start, end }, newText: '' };
}

/** Shortens a quoted value for a message: long values keep their start and end. */
export function quote(value: string, max = 60): string {
  const shown = value.length > max ? `${value.slice(0, max - 21)}…${value.slice(-20)}` : value;
  const escaped = shown.indexOf('\t') < 0 ? shown : shown.replace(/\t/g, '\\t');
  return escaped.includes('"') && !escaped.includes("'") ? `'${escaped}'` : `"${escaped}"`;
}

/** How a message names a character: `"’" (U+2019 right single quotation mark)`, or just `U+0007` for invisible ones. */
export function showChar(char: string): string {
  return INVISIBLE.test(char) ? describeChar(char) : `${quote(char)} (${describeChar(char)})`;
}

const INVISIBLE = /^[\p{C}\p{Z}]/u;

/**
 * Reports the special characters of a line (see `findSpecialChars`, or the `find` given), each with
 * a fix when it has a plain replacement. `what` names the file kind in messages ("related text").
 */
export function reportSpecialChars(context: RuleContext, text: string, line: number, what: string, find: typeof findSpecialChars = findSpecialChars): void {
  const all = find(text, context.options.locale);
  if (all.length === 0) return;
  const english = isEnglishLocale(context.options.locale);
  for (const found of firstFew(all)) {
    const times = (found.end - found.start) / found.char.length;
    const shown = `${showChar(found.char)}${times > 1 ? ` ×${times}` : ''}`;
    const control = /^\p{Cc}/u.test(found.char);
    const why = control
      ? `${shown} is a control character: the service rejects or drops special characters in ${what}.`
      : english
        ? `${shown} is above U+00A1: the service rejects or drops special characters in ${what}.`
        : `${shown} is a symbol or invisible character, not text: the service rejects or drops special characters in ${what}.`;
    const range = { line, start: found.start, end: found.end };
    if (found.replacement === undefined) {
      context.report(range, `${why} Remove it, or write what is said instead.`);
    } else if (found.replacement === '') {
      context.report(range, `${why} Remove it.`, { title: `Remove ${describeChar(found.char)}`, edits: [{ range, newText: '' }] });
    } else {
      context.report(range, `${why} Write ${quote(found.replacement)} instead.`, { title: `Replace with ${quote(found.replacement)}`, edits: [{ range, newText: found.replacement }] });
    }
  }
}
