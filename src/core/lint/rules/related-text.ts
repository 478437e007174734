import type { Rule } from '../rule';
import { lineRule } from '../rule';
import type { Repetition } from '../text-checks';
import { findLongTokensFast, findRepetitionsFast, findSpecialCharsFast, findSymbolRunsFast, findUrisFast } from '../fast-text-checks';
import { MAX_PROBLEMS_PER_LINE, MB, fileSizeRule, firstFew, formatCount, missingBomRule, quote, removalEdit, reportSpecialChars } from './shared';

/**
 * Plain related text (Language datasets, `.txt`): one utterance or sentence per line, UTF-8 with a
 * byte order mark. The rules run on every line of files up to 200 MB: they share one scan of each
 * line (`fast-text-checks`), add only cheap native searches, and allocate when they find something.
 */

const missingBom = missingBomRule(
  {
    code: 'related-text/missing-bom',
    kind: 'related-text',
    severity: 'error',
    doc: 'The file has no UTF-8 byte order mark: the service fails the import with NoUtf8WithBom.',
  },
  'The file has no UTF-8 byte order mark (BOM): the service fails the import of related text with the error NoUtf8WithBom. Save it as "UTF-8 with BOM".',
);

const specialChar = lineRule(
  {
    code: 'related-text/special-char',
    kind: 'related-text',
    severity: 'warning',
    doc: 'Special characters above U+00A1 (typographic quotes, symbols, emoji, control characters; for non-English locales only symbols and invisible characters): the service rejects or drops them.',
  },
  (text, line, context) => reportSpecialChars(context, text, line, 'related text', findSpecialCharsFast),
);

const uri = lineRule(
  {
    code: 'related-text/uri',
    kind: 'related-text',
    severity: 'warning',
    doc: 'URIs (`https://…`, `www.…`): the service rejects or mis-trains on them; nobody says them that way.',
  },
  (text, line, context) => {
    for (const span of firstFew(findUrisFast(text))) {
      context.report(
        { line, start: span.start, end: span.end },
        `URI ${quote(text.slice(span.start, span.end))}: the service rejects URIs in related text or learns them as noise. Remove it, or write it as people say it ("contoso dot com").`,
      );
    }
  },
);

const repetition = lineRule(
  {
    code: 'related-text/repetition',
    kind: 'related-text',
    severity: 'warning',
    doc: 'A character, word or group of words repeated more than 3 times in a row: the service may drop the line.',
  },
  (text, line, context) => {
    for (const found of firstFew(findRepetitionsFast(text))) {
      const unit = quote(found.unit, 40);
      context.report(
        { line, start: found.start, end: found.end },
        `${unit} is repeated ${found.times} times in a row: the service may drop lines that repeat a character, word or phrase more than 3 times. Keep at most 3.`,
        { title: `Keep ${unit} 3 times`, edits: [{ range: { line, start: found.start, end: found.end }, newText: keepThree(text, found) }] },
      );
    }
  },
);

/** The text of a repetition with only its first 3 copies (separators kept as they are). */
function keepThree(text: string, found: Repetition): string {
  const span = text.slice(found.start, found.end);
  // One character repeated ("soooo" → "sooo"): word repetitions are longer, they have separators.
  if (span.length === found.unit.length * found.times) return found.unit.repeat(3);
  // Words: keep 3 copies' worth of words.
  const wordsPerCopy = found.unit.split(/[ \t]+/).length;
  const words = /[^ \t]+/g;
  let kept = 0;
  for (let m = words.exec(span); m; m = words.exec(span)) {
    if (++kept === wordsPerCopy * 3) return span.slice(0, m.index + m[0].length);
  }
  return span;
}

const fileTooLarge = fileSizeRule(
  {
    code: 'related-text/file-too-large',
    kind: 'related-text',
    severity: 'error',
    doc: 'The file is over 200 MB: the service rejects related-text files that big.',
  },
  200 * MB,
  'Split it into several files, each its own dataset.',
);

export const LONG_LINE = 2000;

const longLine = lineRule(
  {
    code: 'related-text/long-line',
    kind: 'related-text',
    severity: 'warning',
    doc: `A line of more than ${formatCount(LONG_LINE)} characters: related text is one sentence or utterance per line.`,
  },
  (text, line, context) => {
    if (text.length <= LONG_LINE) return;
    context.report(
      { line, start: 0, end: text.length },
      `This line has ${formatCount(text.length)} characters: related text is one sentence or utterance per line (at most ${formatCount(LONG_LINE)} characters here), and the service learns which words follow which from the lines. Put each sentence on its own line.`,
    );
  },
);

// Tags (`<br>`, `</p>`, `<div class="x">`, `<unk>`), comment markers, and character entities.
const TAG = /<\/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?\/?>|<!--|-->/g;
const ENTITY = /&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});/g;

const entityText: Readonly<Record<string, string>> = {
  '&amp;': '&', '&quot;': '"', '&apos;': "'", '&lt;': '<', '&gt;': '>', '&nbsp;': ' ', '&#39;': "'", '&#34;': '"',
};

function decodeEntity(entity: string): string | undefined {
  const named = entityText[entity.toLowerCase()];
  if (named !== undefined) return named;
  const m = /^&#(x?)([0-9a-f]+);$/i.exec(entity);
  if (!m) return undefined;
  const code = parseInt(m[2]!, m[1] ? 16 : 10);
  return code >= 0x20 && code <= 0x7e ? String.fromCharCode(code) : undefined;
}

const markup = lineRule(
  {
    code: 'related-text/markup',
    kind: 'related-text',
    severity: 'warning',
    doc: 'HTML/XML tags (`<br>`, `</p>`, `<unk>`) and character entities (`&amp;`): leftovers of a web page or a transcript tool, not words.',
  },
  (text, line, context) => {
    let reported = 0;
    if (text.indexOf('<') >= 0 || text.indexOf('-->') >= 0) {
      TAG.lastIndex = 0;
      for (let m = TAG.exec(text); m && reported++ < MAX_PROBLEMS_PER_LINE; m = TAG.exec(text)) {
        const start = m.index;
        const end = start + m[0].length;
        context.report(
          { line, start, end },
          `Markup ${quote(m[0], 40)}: the service trains on it as if it were words. Remove tags and placeholders from related text.`,
          { title: `Remove ${quote(m[0], 40)}`, edits: [removalEdit(text, line, start, end)] },
        );
      }
    }
    if (text.indexOf('&') >= 0) {
      ENTITY.lastIndex = 0;
      for (let m = ENTITY.exec(text); m && reported++ < MAX_PROBLEMS_PER_LINE; m = ENTITY.exec(text)) {
        const start = m.index;
        const end = start + m[0].length;
        const decoded = decodeEntity(m[0]);
        const message = `Character entity ${quote(m[0])}: the service reads it letter by letter, as words. Write the character itself${decoded !== undefined ? ` (${quote(decoded)})` : ''}, or the word that is said.`;
        context.report({ line, start, end }, message, decoded !== undefined ? { title: `Replace with ${quote(decoded)}`, edits: [{ range: { line, start, end }, newText: decoded }] } : undefined);
      }
    }
  },
);

const symbolRun = lineRule(
  {
    code: 'related-text/symbol-run',
    kind: 'related-text',
    severity: 'warning',
    doc: 'Runs of symbols such as `***`, `==>`, `|---|`, `#$%`: decoration or code, which nobody says.',
  },
  (text, line, context) => {
    const runs = findSymbolRunsFast(text);
    if (runs.length === 0) return;
    const uris = findUrisFast(text);
    for (const run of firstFew(runs)) {
      if (uris.some((u) => run.start < u.end && u.start < run.end)) continue; // reported as a URI
      const value = text.slice(run.start, run.end);
      context.report(
        { line, start: run.start, end: run.end },
        `Symbols ${quote(value, 40)}: this is decoration or code, not something people say; the service trains on it as noise. Remove it, or write what is said.`,
        { title: `Remove ${quote(value, 40)}`, edits: [removalEdit(text, line, run.start, run.end)] },
      );
    }
  },
);

export const LONG_TOKEN = 40;

const longToken = lineRule(
  {
    code: 'related-text/long-token',
    kind: 'related-text',
    severity: 'warning',
    doc: `A "word" of ${LONG_TOKEN} characters or more without a space (base64, hashes, file paths, words glued together): not something people say.`,
  },
  (text, line, context) => {
    if (text.length < LONG_TOKEN) return;
    const tokens = findLongTokensFast(text, LONG_TOKEN);
    if (tokens.length === 0) return;
    const uris = findUrisFast(text);
    for (const token of firstFew(tokens)) {
      if (uris.some((u) => token.start < u.end && u.start < token.end)) continue; // reported as a URI
      context.report(
        { line, start: token.start, end: token.end },
        `${quote(text.slice(token.start, token.end), 50)} is ${formatCount(token.end - token.start)} characters without a space: it is not a word anyone says (an ID, a hash, a path, or words missing their spaces), and the service learns it as noise. Remove it, or add the missing spaces.`,
      );
    }
  },
);

export const relatedTextRules: readonly Rule[] = [missingBom, specialChar, uri, repetition, markup, symbolRun, longToken, longLine, fileTooLarge];
