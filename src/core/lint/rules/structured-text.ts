import type { Range } from '../problem';
import type { Rule, RuleContext } from '../rule';
import { MAX_PROBLEMS_PER_LINE, MB, fileSizeRule, formatCount, missingBomRule, quote, reportSpecialChars } from './shared';

/**
 * Structured text (LanguageMarkdown, `.md`, LU syntax):
 *
 * ```
 * // comment
 * @ list pet =
 * - cat
 * - dog
 * @ speech:phoneticlexicon
 * - cat/k ae t
 * #TrainingSentences_Section1
 * - what {@pet} do you have
 * ```
 *
 * Each line is classified once (`parseLine`, shared by the rules through a one-line cache); each
 * rule follows which block (list, lexicon, section) the line is in with its own `BlockTracker`.
 */

// ---------------------------------------------------------------------------------------------
// Reading lines

export type StructuredLine =
  | { type: 'blank' }
  | { type: 'comment' }
  /** `@ list <name> =` */
  | { type: 'list'; name: string; nameStart: number; nameEnd: number }
  /** `@ speech:phoneticlexicon` */
  | { type: 'lexicon' }
  /** Any other line starting with `@`. */
  | { type: 'definition'; start: number; end: number }
  /** `#Name`; `name` is what follows `#` and optional spaces. */
  | { type: 'section'; name: string; nameStart: number; nameEnd: number }
  /** `- content` (also `*` or `+`, as in LU); the content span excludes the marker. */
  | { type: 'item'; start: number; end: number }
  | { type: 'other'; start: number; end: number };

const LIST_HEADER = /^@[ \t]*list[ \t]+([^\s=]+)[ \t]*(?:=[ \t]*)?$/i;
const LEXICON_HEADER = /^@[ \t]*speech[ \t]*:[ \t]*phoneticlexicon[ \t]*$/i;

let lastText: string | undefined;
let lastParsed: StructuredLine = { type: 'blank' };

/** What kind of line `text` is (pure; the last result is cached for the next rule). */
export function parseLine(text: string): StructuredLine {
  if (text === lastText) return lastParsed;
  lastText = text;
  lastParsed = parse(text);
  return lastParsed;
}

function parse(text: string): StructuredLine {
  let start = 0;
  while (start < text.length && isBlankChar(text.charCodeAt(start))) start++;
  let end = text.length;
  while (end > start && isBlankChar(text.charCodeAt(end - 1))) end--;
  if (start === end) return { type: 'blank' };
  const first = text.charCodeAt(start);
  if (first === 0x2f /* / */ && text.charCodeAt(start + 1) === 0x2f) return { type: 'comment' };
  if (first === 0x40 /* @ */) {
    const header = text.slice(start, end);
    const list = LIST_HEADER.exec(header);
    if (list) {
      const nameStart = start + header.indexOf(list[1]!, header.toLowerCase().indexOf('list') + 4);
      return { type: 'list', name: list[1]!, nameStart, nameEnd: nameStart + list[1]!.length };
    }
    if (LEXICON_HEADER.test(header)) return { type: 'lexicon' };
    return { type: 'definition', start, end };
  }
  if (first === 0x23 /* # */) {
    let nameStart = start + 1;
    while (nameStart < end && isBlankChar(text.charCodeAt(nameStart))) nameStart++;
    return { type: 'section', name: text.slice(nameStart, end), nameStart, nameEnd: end };
  }
  if ((first === 0x2d /* - */ || first === 0x2a /* * */ || first === 0x2b /* + */) && (start + 1 === end || isBlankChar(text.charCodeAt(start + 1)))) {
    let content = start + 1;
    while (content < end && isBlankChar(text.charCodeAt(content))) content++;
    return { type: 'item', start: content, end };
  }
  return { type: 'other', start, end };
}

function isBlankChar(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

type Block = 'none' | 'list' | 'lexicon' | 'section' | 'unknown';

/** Follows which block the lines are in; headers open blocks, anything else stays in them. */
class BlockTracker {
  block: Block = 'none';
  /** Name of the current list, when `block` is `list`. */
  listName = '';

  update(parsed: StructuredLine): void {
    switch (parsed.type) {
      case 'list':
        this.block = 'list';
        this.listName = parsed.name;
        break;
      case 'lexicon':
        this.block = 'lexicon';
        break;
      case 'section':
        this.block = 'section';
        break;
      case 'definition':
        this.block = 'unknown';
        break;
    }
  }
}

/** A rule that sees each line with its parsed form and the block it is in. */
function blockRule(meta: Omit<Rule, 'create'>, create: (context: RuleContext) => { line(text: string, line: number, parsed: StructuredLine, blocks: BlockTracker): void; end?(): void }): Rule {
  return {
    ...meta,
    create(context) {
      const blocks = new BlockTracker();
      const visitor = create(context);
      return {
        line(text, line) {
          const parsed = parseLine(text);
          blocks.update(parsed);
          visitor.line(text, line, parsed, blocks);
        },
        ...(visitor.end ? { end: () => visitor.end!() } : {}),
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Lists and references

/** References to lists not defined (yet) that are remembered until the end of the file. */
export const MAX_PENDING_REFERENCES = 10_000;
const MAX_REMEMBERED_NAMES = 100_000;

interface PendingName {
  ranges: Range[];
  /** References past the memory cap: counted, not located. */
  more: number;
}

const REFERENCE = /\{@([^{}]*)(\})?/g;

const undefinedList = blockRule(
  {
    code: 'structured-text/undefined-list',
    kind: 'structured-text',
    severity: 'error',
    doc: 'A `{@name}` reference to a list that is not defined in the file: the service cannot expand the sentence.',
  },
  (context) => {
    const defined = new Set<string>();
    const pending = new Map<string, PendingName>();
    let stored = 0;
    return {
      line(text, line, parsed, blocks) {
        if (parsed.type === 'list') {
          if (defined.size < MAX_REMEMBERED_NAMES) defined.add(parsed.name);
          return;
        }
        if (parsed.type !== 'item' || blocks.block !== 'section' || text.indexOf('{@') < 0) return;
        REFERENCE.lastIndex = parsed.start;
        let unclosed = 0;
        for (let m = REFERENCE.exec(text); m; m = REFERENCE.exec(text)) {
          const start = m.index;
          const end = start + m[0].length;
          if (!m[2]) {
            if (unclosed++ >= MAX_PROBLEMS_PER_LINE) continue;
            context.report({ line, start, end }, `The reference ${quote(m[0])} has no closing "}": the service reads it as words. Write {@${m[1]!.trim()}}.`);
            continue;
          }
          const name = m[1]!;
          if (defined.has(name)) continue;
          let entry = pending.get(name);
          if (!entry) {
            if (pending.size >= MAX_PENDING_REFERENCES) continue;
            pending.set(name, (entry = { ranges: [], more: 0 }));
          }
          if (stored < MAX_PENDING_REFERENCES) {
            entry.ranges.push({ line, start, end });
            stored++;
          } else {
            entry.more++;
          }
        }
      },
      end() {
        const byLowerCase = new Map<string, string>();
        for (const name of defined) byLowerCase.set(name.toLowerCase(), name);
        for (const [name, entry] of pending) {
          if (defined.has(name)) continue;
          const other = byLowerCase.get(name.trim().toLowerCase());
          const lists = defined.size === 0 ? 'The file defines no list.' : `Defined lists: ${[...defined].slice(0, 10).map((n) => `{@${n}}`).join(', ')}${defined.size > 10 ? ', …' : ''}.`;
          entry.ranges.forEach((range, i) => {
            const more = i === 0 && entry.more > 0 ? ` (${formatCount(entry.more)} more references to it are not listed.)` : '';
            const message = other
              ? `No list is named ${quote(name)}; did you mean {@${other}}? The service cannot expand a reference to an undefined list, so the sentence is not used as written.${more}`
              : `No list is named ${quote(name)}: the service cannot expand {@${name}}, so the sentence is not used as written. Define it with "@ list ${name.trim() || 'name'} =" followed by "- item" lines, or fix the name. ${lists}${more}`;
            context.report(range, message, other ? { title: `Change to {@${other}}`, edits: [{ range, newText: `{@${other}}` }] } : undefined);
          });
        }
      },
    };
  },
);

const duplicateList = blockRule(
  {
    code: 'structured-text/duplicate-list',
    kind: 'structured-text',
    severity: 'error',
    doc: 'A list defined twice: list names must be unique.',
  },
  (context) => {
    const firstLine = new Map<string, number>();
    return {
      line(text, line, parsed) {
        if (parsed.type !== 'list') return;
        const first = firstLine.get(parsed.name);
        if (first === undefined) {
          if (firstLine.size < MAX_REMEMBERED_NAMES) firstLine.set(parsed.name, line);
          return;
        }
        context.report(
          { line, start: parsed.nameStart, end: parsed.nameEnd },
          `The list ${quote(parsed.name)} is already defined on line ${formatCount(first + 1)}: list names must be unique, and the service rejects a second definition. Merge the items into the first list, or rename this one.`,
        );
      },
    };
  },
);

const malformedDefinition = blockRule(
  {
    code: 'structured-text/malformed-definition',
    kind: 'structured-text',
    severity: 'error',
    doc: 'A line starting with `@` that is neither `@ list <name> =` nor `@ speech:phoneticlexicon`.',
  },
  (context) => ({
    line(text, line, parsed) {
      if (parsed.type !== 'definition') return;
      const value = text.slice(parsed.start, parsed.end);
      const listLike = /^@\s*list\b/i.test(value);
      context.report(
        { line, start: parsed.start, end: parsed.end },
        listLike
          ? `${quote(value)} is not a list definition the service can read: write "@ list <name> =" with a one-word name (letters, digits, _), then one "- item" per line.`
          : `${quote(value)} is not a definition structured text supports: the service knows "@ list <name> =" and "@ speech:phoneticlexicon". Its items are ignored or rejected.`,
      );
    },
  }),
);

const MAX_LISTS_WARNING = 10;
const MAX_LISTS = 20;

function listCountRule(code: string, severity: 'warning' | 'error', limit: number, doc: string, why: string): Rule {
  return blockRule({ code, kind: 'structured-text', severity, doc }, (context) => {
    const names = new Set<string>();
    return {
      line(text, line, parsed) {
        if (parsed.type !== 'list' || names.has(parsed.name) || names.size > limit) return;
        names.add(parsed.name);
        if (names.size === limit + 1) {
          context.report({ line, start: parsed.nameStart, end: parsed.nameEnd }, `${quote(parsed.name)} is list number ${limit + 1}: ${why}`);
        }
      },
    };
  });
}

const manyLists = listCountRule(
  'structured-text/many-lists',
  'warning',
  MAX_LISTS_WARNING,
  `More than ${MAX_LISTS_WARNING} lists: the limits table of the service allows ${MAX_LISTS_WARNING} (the format page says ${MAX_LISTS}).`,
  `the service's limits table allows ${MAX_LISTS_WARNING} lists per file (the format page says ${MAX_LISTS}), so the import may fail. Merge lists that hold the same kind of words.`,
);

const tooManyLists = listCountRule(
  'structured-text/too-many-lists',
  'error',
  MAX_LISTS,
  `More than ${MAX_LISTS} lists: the service accepts at most ${MAX_LISTS}.`,
  `the service accepts at most ${MAX_LISTS} lists per file and fails the import. Merge lists, or split the file into several datasets.`,
);

const MAX_ITEMS_WARNING = 4_000;
const MAX_ITEMS = 35_000;

function listItemsRule(code: string, severity: 'warning' | 'error', limit: number, doc: string, why: string): Rule {
  return blockRule({ code, kind: 'structured-text', severity, doc }, (context) => {
    let count = 0;
    return {
      line(text, line, parsed, blocks) {
        if (parsed.type === 'list') count = 0;
        if (parsed.type !== 'item' || blocks.block !== 'list') return;
        if (++count === limit + 1) {
          context.report({ line, start: parsed.start, end: parsed.end }, `The list ${quote(blocks.listName)} has more than ${formatCount(limit)} items (this is item ${formatCount(limit + 1)}): ${why}`);
        }
      },
    };
  });
}

const manyListItems = listItemsRule(
  'structured-text/many-list-items',
  'warning',
  MAX_ITEMS_WARNING,
  `A list of more than ${formatCount(MAX_ITEMS_WARNING)} items: the limits table of the service allows ${formatCount(MAX_ITEMS_WARNING)} (the format page says ${formatCount(MAX_ITEMS)}).`,
  `the service's limits table allows ${formatCount(MAX_ITEMS_WARNING)} items per list (the format page says ${formatCount(MAX_ITEMS)}), so the import may fail. Keep the items people really say, or split the list.`,
);

const tooManyListItems = listItemsRule(
  'structured-text/too-many-list-items',
  'error',
  MAX_ITEMS,
  `A list of more than ${formatCount(MAX_ITEMS)} items: the service accepts at most ${formatCount(MAX_ITEMS)}.`,
  `the service accepts at most ${formatCount(MAX_ITEMS)} items per list and fails the import. Split the list.`,
);

const emptyList = blockRule(
  {
    code: 'structured-text/empty-list',
    kind: 'structured-text',
    severity: 'warning',
    doc: 'A list without items: references to it expand to nothing.',
  },
  (context) => {
    let open: { name: string; range: Range; items: number } | undefined;
    const close = (): void => {
      if (open && open.items === 0) {
        context.report(open.range, `The list ${quote(open.name)} has no items: sentences that reference {@${open.name}} expand to nothing, so the service learns nothing from them. Add "- item" lines after the definition.`);
      }
      open = undefined;
    };
    return {
      line(text, line, parsed, blocks) {
        switch (parsed.type) {
          case 'list':
            close();
            open = { name: parsed.name, range: { line, start: parsed.nameStart, end: parsed.nameEnd }, items: 0 };
            break;
          case 'lexicon':
          case 'section':
          case 'definition':
            close();
            break;
          case 'item':
            if (open && blocks.block === 'list') open.items++;
            break;
        }
      },
      end: close,
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Sections and sentences

const SECTION_NAME = /^[A-Za-z0-9_]+$/;

const invalidSectionName = blockRule(
  {
    code: 'structured-text/invalid-section-name',
    kind: 'structured-text',
    severity: 'error',
    doc: 'A `#Section` name with characters other than letters, digits and `_` (or no name).',
  },
  (context) => ({
    line(text, line, parsed) {
      if (parsed.type !== 'section' || SECTION_NAME.test(parsed.name)) return;
      if (parsed.name === '') {
        const at = text.indexOf('#');
        context.report({ line, start: at, end: at + 1 }, 'This section has no name: write it right after "#" (letters, digits and _ only), e.g. "#TrainingSentences".');
        return;
      }
      const fixed = parsed.name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
      const bad = [...new Set(parsed.name.match(/[^A-Za-z0-9_]/g) ?? [])].map((c) => (c === ' ' ? 'space' : c === '\t' ? 'tab' : `"${c}"`)).join(', ');
      context.report(
        { line, start: parsed.nameStart, end: parsed.nameEnd },
        `The section name ${quote(parsed.name)} has characters other than letters, digits and _ (${bad}): the service rejects it.${fixed ? ` Write "#${fixed}".` : ''}`,
        fixed ? { title: `Rename to "${fixed}"`, edits: [{ range: { line, start: parsed.nameStart, end: parsed.nameEnd }, newText: fixed }] } : undefined,
      );
    },
  }),
);

const MAX_SENTENCES = 50_000;

const tooManySentences = blockRule(
  {
    code: 'structured-text/too-many-sentences',
    kind: 'structured-text',
    severity: 'warning',
    doc: `More than ${formatCount(MAX_SENTENCES)} sentences: the limit in the service's limits table.`,
  },
  (context) => {
    let count = 0;
    return {
      line(text, line, parsed, blocks) {
        if (parsed.type !== 'item' || blocks.block !== 'section') return;
        if (++count === MAX_SENTENCES + 1) {
          context.report({ line, start: parsed.start, end: parsed.end }, `This is sentence ${formatCount(MAX_SENTENCES + 1)}: the service's limits table allows ${formatCount(MAX_SENTENCES)} sentences in a structured-text file, and the import may fail. Split the file into several datasets, or put plain sentences in a related-text file.`);
        }
      },
    };
  },
);

const specialChar = blockRule(
  {
    code: 'structured-text/special-char',
    kind: 'structured-text',
    severity: 'warning',
    doc: 'Special characters above U+00A1 in sentences and list items (typographic quotes, symbols, emoji; for non-English locales only symbols and invisible characters): the service rejects or drops them.',
  },
  (context) => ({
    line(text, line, parsed, blocks) {
      if (parsed.type === 'item' && (blocks.block === 'section' || blocks.block === 'list')) reportSpecialChars(context, text, line, 'structured text');
    },
  }),
);

const strayLine = blockRule(
  {
    code: 'structured-text/stray-line',
    kind: 'structured-text',
    severity: 'warning',
    doc: 'A line that is not a comment, header or `- item`, or an item outside any list or section: the service ignores it or fails.',
  },
  (context) => ({
    line(text, line, parsed, blocks) {
      if (parsed.type === 'item' && blocks.block === 'none') {
        context.report(
          { line, start: parsed.start, end: parsed.end },
          'This item is outside any section or list: the service does not know what it belongs to. Put a "#SectionName" line (for sentences) or an "@ list name =" line (for list items) above it.',
        );
        return;
      }
      if (parsed.type !== 'other') return;
      const range = { line, start: parsed.start, end: parsed.end };
      if (text.charCodeAt(parsed.start) === 0x3e /* > */) {
        context.report(range, 'Lines starting with ">" are comments in LU files, but structured text writes comments with "//": the service reads this line as content. Use "//".', {
          title: 'Make it a // comment',
          edits: [{ range: { line, start: parsed.start, end: parsed.start + 1 }, newText: '//' }],
        });
        return;
      }
      if (blocks.block === 'none') {
        context.report(range, 'This line is outside any section or list: the service only reads "#Section" sentences, "@ list" items, the phonetic lexicon and "//" comments. Put it under a "#SectionName" line as "- sentence", or make it a "//" comment.');
        return;
      }
      const where = blocks.block === 'list' ? `the list ${quote(blocks.listName)}` : blocks.block === 'lexicon' ? 'the phonetic lexicon' : blocks.block === 'section' ? 'this section' : 'this block';
      context.report(range, `This line in ${where} does not start with "- ": the service reads only "- " items there and ignores or rejects the rest. Start it with "- ".`, {
        title: 'Start the line with "- "',
        edits: [{ range: { line, start: parsed.start, end: parsed.start }, newText: '- ' }],
      });
    },
  }),
);

// ---------------------------------------------------------------------------------------------
// The phonetic lexicon

const MAX_LEXICON_ENTRIES = 15_000;
const MAX_PRONUNCIATIONS = 2;

interface LexiconEntry {
  word: string;
  wordStart: number;
  wordEnd: number;
  phones: string;
}

/** `- word/p h o n e s`, or undefined when the item is not of that form. */
function readLexiconEntry(text: string, start: number, end: number): LexiconEntry | undefined {
  const slash = text.indexOf('/', start);
  if (slash < 0 || slash >= end) return undefined;
  const second = text.indexOf('/', slash + 1);
  if (second >= 0 && second < end) return undefined;
  const word = text.slice(start, slash).trim();
  let phones = text.slice(slash + 1, end).trim();
  if (IRREGULAR_SPACING.test(phones)) phones = phones.replace(/[ \t]+/g, ' ');
  if (word === '' || phones === '') return undefined;
  const wordStart = start + text.slice(start, slash).indexOf(word);
  return { word, wordStart, wordEnd: wordStart + word.length, phones };
}

const IRREGULAR_SPACING = /\t| {2}/;

const malformedLexiconEntry = blockRule(
  {
    code: 'structured-text/malformed-lexicon-entry',
    kind: 'structured-text',
    severity: 'error',
    doc: 'A phonetic lexicon item that is not `- word/phones` (one slash, a word before it, phones after it).',
  },
  (context) => ({
    line(text, line, parsed, blocks) {
      if (parsed.type !== 'item' || blocks.block !== 'lexicon') return;
      if (readLexiconEntry(text, parsed.start, parsed.end)) return;
      const value = text.slice(parsed.start, parsed.end);
      const slashes = value.split('/').length - 1;
      const problem =
        slashes === 0 ? 'has no "/" between the word and its phones' : slashes > 1 ? `has ${slashes} slashes; an entry has exactly one, between the word and its phones` : value.trim().startsWith('/') ? 'has no word before "/"' : 'has no phones after "/"';
      context.report(
        { line, start: parsed.start, end: parsed.end },
        `The lexicon entry ${quote(value)} ${problem}: the service reads "- word/phones", with phones of the Universal Phone Set separated by spaces (e.g. "- cat/k ae t"), and rejects the entry.`,
      );
    },
  }),
);

const lexiconTooLarge = blockRule(
  {
    code: 'structured-text/lexicon-too-large',
    kind: 'structured-text',
    severity: 'error',
    doc: `A phonetic lexicon of more than ${formatCount(MAX_LEXICON_ENTRIES)} entries: the service accepts at most ${formatCount(MAX_LEXICON_ENTRIES)}.`,
  },
  (context) => {
    let count = 0;
    return {
      line(text, line, parsed, blocks) {
        if (parsed.type !== 'item' || blocks.block !== 'lexicon') return;
        if (++count === MAX_LEXICON_ENTRIES + 1) {
          context.report({ line, start: parsed.start, end: parsed.end }, `This is lexicon entry ${formatCount(MAX_LEXICON_ENTRIES + 1)}: the service accepts at most ${formatCount(MAX_LEXICON_ENTRIES)} phonetic lexicon entries and fails the import. Keep the words that are misrecognized.`);
        }
      },
    };
  },
);

const tooManyPronunciations = blockRule(
  {
    code: 'structured-text/too-many-pronunciations',
    kind: 'structured-text',
    severity: 'error',
    doc: `More than ${MAX_PRONUNCIATIONS} pronunciations of one word in the phonetic lexicon: the service accepts at most ${MAX_PRONUNCIATIONS}.`,
  },
  (context) => {
    const seen = new Map<string, { line: number; phones: string[] }>();
    return {
      line(text, line, parsed, blocks) {
        if (parsed.type !== 'item' || blocks.block !== 'lexicon') return;
        const entry = readLexiconEntry(text, parsed.start, parsed.end);
        if (!entry) return;
        let known = seen.get(entry.word);
        if (!known) {
          if (seen.size >= MAX_REMEMBERED_NAMES) return;
          seen.set(entry.word, (known = { line, phones: [] }));
        }
        if (known.phones.includes(entry.phones)) return;
        if (known.phones.length < MAX_PRONUNCIATIONS) {
          known.phones.push(entry.phones);
          return;
        }
        context.report(
          { line, start: parsed.start, end: parsed.end },
          `${quote(entry.word)} already has ${MAX_PRONUNCIATIONS} pronunciations (${known.phones.map((p) => quote(p)).join(', ')}, from line ${formatCount(known.line + 1)}): the service accepts at most ${MAX_PRONUNCIATIONS} per word and rejects the lexicon. Keep the ${MAX_PRONUNCIATIONS} that matter.`,
        );
      },
    };
  },
);

// ---------------------------------------------------------------------------------------------
// The file

const missingBom = missingBomRule(
  {
    code: 'structured-text/missing-bom',
    kind: 'structured-text',
    severity: 'warning',
    doc: 'The file has no UTF-8 byte order mark: structured text is expected in UTF-8 with BOM.',
  },
  'The file has no UTF-8 byte order mark (BOM): the service expects structured text in UTF-8 with BOM and may fail the import or misread characters. Save it as "UTF-8 with BOM".',
);

const fileTooLarge = fileSizeRule(
  {
    code: 'structured-text/file-too-large',
    kind: 'structured-text',
    severity: 'error',
    doc: 'The file is over 200 MB: the service rejects structured-text files that big.',
  },
  200 * MB,
  'Split it into several datasets.',
);

export const structuredTextRules: readonly Rule[] = [
  missingBom,
  strayLine,
  malformedDefinition,
  duplicateList,
  undefinedList,
  emptyList,
  manyLists,
  tooManyLists,
  manyListItems,
  tooManyListItems,
  invalidSectionName,
  tooManySentences,
  specialChar,
  malformedLexiconEntry,
  lexiconTooLarge,
  tooManyPronunciations,
  fileTooLarge,
];
