/**
 * Splits lowercased text into the words that are scored, in one pass over the character codes.
 * Anything that is not a letter, mark, number or in-word apostrophe breaks words, so punctuation
 * goes and hyphenated words split. When numbers are spelled (English), ASCII digits and the symbols
 * $ € £ % & + @ become words; otherwise digits are letters like any other (`mp3`, `3,14` stay whole).
 */

import { APOSTROPHE, isAsciiDigit, isDigitAt, isWordCharAt, JOINER, kindAt, SPACE, WORD, widthAt } from './char-kinds';
import { CURRENCIES, readBareFraction, readMoney, readNumber } from './english-numbers';

const TYPOGRAPHIC_APOSTROPHES = /[\u2019\u2018\u02bc]/g;

export class WordScanner {
  constructor(private readonly spellNumbers: boolean) {}

  scan(text: string): string[] {
    const out: string[] = [];
    const length = text.length;
    /** Where the last word ended: a number starting right there is glued to it (`mp3`). */
    let wordEnd = -1;
    let i = 0;
    while (i < length) {
      const c = text.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (isAsciiDigit(c) && !this.spellNumbers)) {
        i = wordEnd = this.readWord(text, i, out);
      } else if (c === 32) {
        i++;
      } else if (isAsciiDigit(c)) {
        i = readNumber(text, i, out, wordEnd === i);
      } else if (kindAt(text, i) === WORD) {
        i = wordEnd = this.readWord(text, i, out);
      } else {
        const symbolEnd = this.spellNumbers ? this.readSymbol(text, i, out) : i;
        i = symbolEnd > i ? symbolEnd : i + widthAt(text, i);
      }
    }
    return out;
  }

  /** Pushes the word starting at `start` and returns its end. */
  private readWord(text: string, start: number, out: string[]): number {
    let i = start;
    let plain = true;
    let typographic = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c >= 97 && c <= 122) {
        i++;
      } else if (isAsciiDigit(c)) {
        if (this.spellNumbers) break;
        i++;
      } else if ((c === 46 || c === 44 || c === 58) && !this.spellNumbers && isDigitAt(text, i - 1) && isDigitAt(text, i + 1)) {
        i++; // `3,14`, `1.200`, `10:30` stay one word when numbers are not spelled
      } else if (!(i < text.length)) {
        break;
      } else {
        const kind = kindAt(text, i);
        if (kind === WORD) {
          plain &&= c < 0x80;
          i += widthAt(text, i);
        } else if ((kind === APOSTROPHE || kind === JOINER) && this.continuesWordAt(text, i + 1)) {
          plain &&= c < 0x80;
          typographic ||= kind === APOSTROPHE && c !== 39;
          i++;
        } else {
          break;
        }
      }
    }
    let word = text.slice(start, i);
    if (!plain) {
      if (typographic) word = word.replace(TYPOGRAPHIC_APOSTROPHES, "'");
      word = word.normalize('NFC');
    }
    out.push(word);
    return i;
  }

  /** An apostrophe or joiner is kept only when a word character follows (`don't`, not `dogs'`). */
  private continuesWordAt(text: string, i: number): boolean {
    return isWordCharAt(text, i) && !(this.spellNumbers && isDigitAt(text, i));
  }

  /** Pushes the words of a symbol or amount at `i` (English); returns its end, or `i` for none. */
  private readSymbol(text: string, i: number, out: string[]): number {
    const c = text.charCodeAt(i);
    switch (c) {
      case 0x26: // &
        out.push('and');
        return i + 1;
      case 0x25: // %
        out.push('percent');
        return i + 1;
      case 0x2b: // +
        if (isBetweenWords(text, i)) out.push('plus');
        return i + 1;
      case 0x40: // @
        if (isSpaceOrEdge(text, i - 1) && isSpaceOrEdge(text, i + 1)) out.push('at');
        return i + 1;
      case 0x2e: // .
        return isDigitAt(text, i + 1) && !isWordCharAt(text, i - 1) ? readBareFraction(text, i, out) : i + 1;
    }
    const currency = CURRENCIES.get(c);
    return currency && isDigitAt(text, i + 1) ? readMoney(text, i + 1, currency, out) : i;
  }
}

function isSpaceOrEdge(text: string, i: number): boolean {
  return i < 0 || i >= text.length || kindAt(text, i) === SPACE;
}

/**
 * `a + b`, `1+1`: a word (or an amount) on both sides, white space on both sides or neither — with
 * space on one side only it is a sign (`call +1 555`).
 */
function isBetweenWords(text: string, at: number): boolean {
  let before = at - 1;
  while (before >= 0 && kindAt(text, before) === SPACE) before--;
  let after = at + 1;
  while (after < text.length && kindAt(text, after) === SPACE) after++;
  if ((before === at - 1) !== (after === at + 1)) return false;
  const amountAfter = CURRENCIES.has(text.charCodeAt(after)) && isDigitAt(text, after + 1);
  return isWordCharAt(text, before) && (isWordCharAt(text, after) || amountAfter);
}
