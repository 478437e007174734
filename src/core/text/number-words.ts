/**
 * English (US) number words: how numbers written in digits are said. Shared by the spoken-form lint
 * rules and the scoring normalizer. Words are separated by single spaces and never hyphenated
 * ("forty two"), because the service splits hyphenated words anyway.
 */

/** `ONES[n]` is the word for 0–19. */
export const ONES: readonly string[] = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES: ReadonlyArray<[number, string]> = [[1e9, 'billion'], [1e6, 'million'], [1e3, 'thousand']];

/** Largest number `cardinal` spells out. */
export const MAX_CARDINAL = 999_999_999_999;

/** `42` → `forty two` (US style, no "and", no hyphens: the service splits hyphenated words anyway). */
export function cardinal(n: number): string {
  return cardinalWords(n).join(' ');
}

/** The words of `cardinal(n)`, pushed onto `out` without building a string (the scoring normalizer's hot path). */
export function cardinalWords(n: number, out: string[] = []): string[] {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_CARDINAL) throw new RangeError(`cannot spell ${n}`);
  pushCardinal(n, out);
  return out;
}

function pushCardinal(n: number, out: string[]): void {
  if (n < 20) {
    out.push(ONES[n]!);
  } else if (n < 100) {
    out.push(TENS[Math.floor(n / 10)]!);
    if (n % 10) out.push(ONES[n % 10]!);
  } else if (n < 1000) {
    out.push(ONES[Math.floor(n / 100)]!, 'hundred');
    if (n % 100) pushCardinal(n % 100, out);
  } else {
    const [scale, name] = SCALES.find(([scale]) => n >= scale)!;
    pushCardinal(Math.floor(n / scale), out);
    out.push(name);
    if (n % scale) pushCardinal(n % scale, out);
  }
}

const ORDINAL_WORDS: Readonly<Record<string, string>> = { one: 'first', two: 'second', three: 'third', five: 'fifth', eight: 'eighth', nine: 'ninth', twelve: 'twelfth' };

/** `21` → `twenty first`. */
export function ordinal(n: number): string {
  const words = cardinal(n).split(' ');
  const last = words.pop()!;
  const special = ORDINAL_WORDS[last];
  words.push(special ?? (last.endsWith('y') ? `${last.slice(0, -1)}ieth` : `${last}th`));
  return words.join(' ');
}

/** `101` → `one oh one`: how codes, room and flight numbers are read. */
export function digitByDigit(digits: string): string {
  return [...digits].map((d) => (d === '0' ? 'oh' : ONES[Number(d)]!)).join(' ');
}

/** `1999` → `nineteen ninety nine`, `2005` → `two thousand five`, `1905` → `nineteen oh five`. */
export function yearWords(n: number): string {
  if (n >= 2000 && n < 2010) return cardinal(n);
  const century = Math.floor(n / 100);
  const rest = n % 100;
  if (rest === 0) return `${cardinal(century)} hundred`;
  return `${cardinal(century)} ${rest < 10 ? `oh ${ONES[rest]!}` : cardinal(rest)}`;
}
