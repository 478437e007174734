/**
 * Do two words sound alike — the kind of pair a pronunciation entry fixes ("ship" heard as "sheep",
 * "kowalski" as "kowalsky")? Same Soundex code, or spellings at most a third apart. Both words need
 * three letters: short function words ("in" → "on") are the acoustic model's business.
 */
export function soundsAlike(a: string, b: string): boolean {
  if (a === b || a.length < 3 || b.length < 3) return false;
  if (soundex(a) === soundex(b)) return true;
  return editDistance(a, b) <= Math.max(a.length, b.length) / 3;
}

const CODES: Record<string, string> = { b: '1', f: '1', p: '1', v: '1', c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2', d: '3', t: '3', l: '4', m: '5', n: '5', r: '6' };

/** American Soundex of the word's letters (others ignored); '' for a word without letters. */
export function soundex(word: string): string {
  const letters = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!letters) return '';
  let code = letters[0]!.toUpperCase();
  let last = CODES[letters[0]!] ?? '';
  for (const letter of letters.slice(1)) {
    const digit = CODES[letter] ?? '';
    if (digit && digit !== last) code += digit;
    // h and w do not separate equal codes; vowels do.
    if (letter !== 'h' && letter !== 'w') last = digit;
    if (code.length === 4) break;
  }
  return code.padEnd(4, '0');
}

/** Levenshtein distance in code points, two rows. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}
