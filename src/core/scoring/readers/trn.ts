import { ScoringInputError, type Corpus, type Utterance } from '../types';
import { canonicalId } from './canonical-id';
import { corpusOf } from './corpus';
import { duplicateIdError } from './duplicate-id';
import { endWithoutSpaces, forEachLine } from './lines';

const OPEN = 0x28; // (
const CLOSE = 0x29; // )

/**
 * A NIST sclite trn file: `<text> (<utterance id>)` per line. The id is in the last parentheses, which
 * end the line; the text before them may be empty. This runs on 100,000-line files: each line is
 * scanned with charCodeAt (`lastIndexOf` is a slow call in V8) and sliced once for the id and once for the text.
 */
export function parseTrn(text: string, file: string): Corpus {
  const utterances: Utterance[] = [];
  const ids = new Set<string>();
  forEachLine(text, (start, lineEnd, line) => {
    const end = endWithoutSpaces(text, start, lineEnd);
    if (end === start) return;
    const open = lastOpenParenthesis(text, start, end);
    if (text.charCodeAt(end - 1) !== CLOSE || open < start) {
      throw new ScoringInputError(file, line, 'no (utterance id) at the end of the line');
    }
    const id = canonicalId(text.slice(open + 1, end - 1));
    if (id === '') throw new ScoringInputError(file, line, 'empty utterance id ()');
    if (ids.has(id)) throw duplicateIdError(file, line, id, utterances);
    ids.add(id);
    // The spaces before `(` separate the text from the id; they are not part of the text.
    utterances.push({ id, text: text.slice(start, endWithoutSpaces(text, start, open)), line });
  });
  return corpusOf(file, 'trn', utterances);
}

/** The offset of the last `(` in `text.slice(start, end)`, or -1. */
function lastOpenParenthesis(text: string, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (text.charCodeAt(i) === OPEN) return i;
  return -1;
}
