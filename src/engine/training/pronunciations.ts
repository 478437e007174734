import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Pronunciations in the CMU dictionary's phone set (39 ARPAbet phones, no stress marks), for words
 * the dictionary lacks: espeak-ng's US English rules give IPA, mapped here phone by phone. A word
 * missing from the decoder's dictionary is silently dropped from its language model, so every
 * domain word needs one.
 */

// Longest symbols first: diphthongs and affricates before their parts.
const IPA_TO_ARPABET: readonly [string, string[]][] = [
  ['eɪ', ['EY']], ['aɪ', ['AY']], ['ɔɪ', ['OY']], ['aʊ', ['AW']], ['oʊ', ['OW']], ['əʊ', ['OW']],
  ['tʃ', ['CH']], ['dʒ', ['JH']],
  ['ɜː', ['ER']], ['ɝ', ['ER']], ['ɚ', ['ER']], ['ɜ', ['ER']], ['əɹ', ['ER']],
  ['ɑː', ['AA']], ['ɑ', ['AA']], ['ɒ', ['AA']], ['æ', ['AE']], ['ʌ', ['AH']], ['ə', ['AH']], ['ɐ', ['AH']], ['ᵻ', ['IH']],
  ['ɔː', ['AO']], ['ɔ', ['AO']], ['ɛ', ['EH']], ['e', ['EH']], ['ɪ', ['IH']], ['iː', ['IY']], ['i', ['IY']],
  ['ʊ', ['UH']], ['uː', ['UW']], ['u', ['UW']], ['o', ['OW']], ['a', ['AA']],
  ['l̩', ['AH', 'L']], ['n̩', ['AH', 'N']], ['m̩', ['AH', 'M']],
  ['b', ['B']], ['d', ['D']], ['ð', ['DH']], ['f', ['F']], ['ɡ', ['G']], ['g', ['G']], ['h', ['HH']], ['k', ['K']], ['x', ['K']],
  ['l', ['L']], ['ɫ', ['L']], ['m', ['M']], ['n', ['N']], ['ŋ', ['NG']], ['p', ['P']], ['ɹ', ['R']], ['r', ['R']], ['s', ['S']],
  ['ʃ', ['SH']], ['t', ['T']], ['ɾ', ['T']], ['θ', ['TH']], ['v', ['V']], ['w', ['W']], ['j', ['Y']], ['z', ['Z']], ['ʒ', ['ZH']],
];

/** Marks that carry no phone: stress, length, syllable breaks, ties, the glottal stop. */
const IGNORED = new Set(['ˈ', 'ˌ', 'ː', '.', '-', ' ', '\u0361', '\u035c', 'ʔ', '_', "'"]);

/** ARPAbet phones of one word's IPA (as espeak-ng --ipa writes it); unknown symbols are skipped. */
export function ipaToArpabet(ipa: string): string[] {
  const phones: string[] = [];
  let at = 0;
  outer: while (at < ipa.length) {
    for (const [symbol, arpabet] of IPA_TO_ARPABET) {
      if (ipa.startsWith(symbol, at)) {
        phones.push(...arpabet);
        at += symbol.length;
        continue outer;
      }
    }
    if (!IGNORED.has(ipa[at]!)) {
      // A symbol outside the table (rare diacritics): skipping it keeps the rest of the word usable.
    }
    at++;
  }
  return phones;
}

/** Generated pronunciations of `words` (lowercase), via espeak-ng, in batches of one word per line. */
export async function generatePronunciations(words: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const BATCH = 500;
  for (let i = 0; i < words.length; i += BATCH) {
    const batch = words.slice(i, i + BATCH);
    let lines = await espeakIpa(batch.join('\n'));
    // espeak-ng answers one line per input line; if it ever merges lines, ask word by word.
    if (lines.length !== batch.length) lines = await Promise.all(batch.map(async (word) => (await espeakIpa(word)).join(' ')));
    batch.forEach((word, k) => {
      const phones = ipaToArpabet(lines[k] ?? '');
      if (phones.length) out.set(word, phones);
    });
  }
  return out;
}

async function espeakIpa(text: string): Promise<string[]> {
  try {
    const child = run('espeak-ng', ['-q', '--ipa', '-v', 'en-us', '--stdin'], { maxBuffer: 64 << 20 });
    child.child.stdin!.end(text);
    const { stdout } = await child;
    return stdout.split('\n').map((line) => line.trim()).filter((line, index, all) => line || index < all.length - 1);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error('espeak-ng is missing: it generates pronunciations for new words. Install it with `npm run setup` (apt package espeak-ng).');
    throw error;
  }
}

/** The CMU dictionary as PocketSphinx reads it: `word phones…`, variants as `word(2)`. */
export async function readDictionary(file: string): Promise<Map<string, string[][]>> {
  const dictionary = new Map<string, string[][]>();
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 2) continue;
    const word = parts[0]!.replace(/\(\d+\)$/, '');
    const variants = dictionary.get(word);
    if (variants) variants.push(parts.slice(1));
    else dictionary.set(word, [parts.slice(1)]);
  }
  return dictionary;
}

/** Dictionary lines for `entries`, numbering variants as PocketSphinx expects. */
export function dictionaryLines(entries: ReadonlyMap<string, readonly (readonly string[])[]>): string {
  const lines: string[] = [];
  for (const word of [...entries.keys()].sort()) {
    entries.get(word)!.forEach((phones, i) => lines.push(`${i === 0 ? word : `${word}(${i + 1})`} ${phones.join(' ')}`));
  }
  return lines.join('\n') + '\n';
}
