import type { Rule } from '../rule';
import { lineRule } from '../rule';
import { MAX_LINE_CHARS } from '../line-reader';
import { formatCount } from './shared';

/** Rules about the bytes of a file, whatever its kind: what a text editor would silently hide. */

/** NUL bytes mean a binary file (an audio file or a zip opened as text): one error, not thousands. */
const binaryContent = lineRule(
  {
    code: 'file/binary',
    kind: 'any',
    severity: 'error',
    doc: 'The file contains NUL bytes: it is binary (audio, zip, UTF-16 text), not a UTF-8 text dataset.',
  },
  (text, line, context) => {
    const at = text.indexOf('\0');
    if (at < 0) return;
    context.report({ line, start: at, end: at + 1 }, 'The file contains NUL bytes: it looks binary (audio, zip or UTF-16 text). Dataset files must be UTF-8 text.');
    context.stop();
  },
);

const invalidUtf8 = lineRule(
  {
    code: 'file/invalid-utf8',
    kind: 'any',
    severity: 'error',
    doc: 'Bytes that are not valid UTF-8 (shown as U+FFFD): the service reads every dataset file as UTF-8.',
  },
  (text, line, context) => {
    for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) {
      let end = at + 1;
      while (text[end] === '\uFFFD') end++;
      context.report({ line, start: at, end }, 'Invalid UTF-8: these bytes are not text in UTF-8. Re-save the file as UTF-8.');
      at = end - 1;
    }
  },
);

/** No sentence is this long: a missing line break, or not a text file at all. */
const HUGE_LINE_CHARS = 100_000;

const hugeLine = lineRule(
  {
    code: 'file/huge-line',
    kind: 'any',
    severity: 'error',
    doc: `A line of ${formatCount(HUGE_LINE_CHARS)} characters or more: no dataset line is that long (a missing line break, or not a text file).`,
  },
  (text, line, context) => {
    if (text.length < HUGE_LINE_CHARS) return;
    // The streaming reader cuts lines at MAX_LINE_CHARS (one less past a BOM).
    const size = text.length >= MAX_LINE_CHARS - 1 ? `at least ${formatCount(MAX_LINE_CHARS)} characters (only those were checked)` : `${formatCount(text.length)} characters`;
    context.report({ line, start: 0, end: Math.min(text.length, 200) }, `This line has ${size}. A dataset line is one utterance: is a line break missing, or is this not a text file?`);
  },
);

export const commonRules: readonly Rule[] = [binaryContent, invalidUtf8, hugeLine];
