/**
 * Training sentences from structured text (LanguageMarkdown, LU markdown): the `- sentence` lines
 * under `#Section` headings, with each `{@list}` reference expanded from the `@ list name =` items.
 * A sentence is expanded as many times as its longest list has items, the k-th expansion taking item
 * k (modulo each list's length) of every list it names: every item is seen in context at least once
 * without the product of all lists. Phonetic lexicon entries and comments are not sentences.
 */

/** At most this many expansions of one sentence (a list may hold 35,000 items). */
export const MAX_EXPANSIONS_PER_SENTENCE = 5000;

export function structuredTextSentences(lines: readonly string[]): string[] {
  const lists = new Map<string, string[]>();
  const templates: string[] = [];
  let current: 'list' | 'sentences' | 'other' = 'other';
  let list: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('//')) continue;
    const listStart = /^@\s*list\s+([^\s=]+)\s*=?\s*$/i.exec(line);
    if (listStart) {
      list = [];
      lists.set(listStart[1]!.toLowerCase(), list);
      current = 'list';
    } else if (line.startsWith('@')) {
      current = 'other'; // speech:phoneticlexicon and other definitions
    } else if (line.startsWith('#')) {
      current = 'sentences';
    } else if (/^[-*+]\s+/.test(line)) {
      const item = line.replace(/^[-*+]\s+/, '');
      if (current === 'list') list.push(item);
      else if (current === 'sentences') templates.push(item);
    } else if (current !== 'list') {
      templates.push(line); // a plain line of text outside any definition is a sentence too
    }
  }
  const sentences: string[] = [];
  for (const template of templates) {
    const references = [...template.matchAll(/\{@([^}\s]+)\}/g)].map((m) => lists.get(m[1]!.toLowerCase()));
    if (references.length === 0) {
      sentences.push(template);
      continue;
    }
    if (references.some((items) => !items || items.length === 0)) continue; // the linter reports undefined lists
    const count = Math.min(MAX_EXPANSIONS_PER_SENTENCE, Math.max(...references.map((items) => items!.length)));
    for (let k = 0; k < count; k++) {
      let j = 0;
      sentences.push(template.replace(/\{@([^}\s]+)\}/g, () => {
        const items = references[j++]!;
        return items[(k + j) % items.length]!;
      }));
    }
  }
  return sentences;
}
