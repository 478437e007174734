const BOM = 0xfeff;
const LF = '\n';
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * Calls `visit` with the bounds of each line of `text`, numbered from 1: split on LF, a CR before it
 * left out, a leading BOM skipped. Bounds rather than line strings: on 100,000-line files, a string per
 * line that the parsers slice again anyway costs more than the parsing itself.
 */
export function forEachLine(text: string, visit: (start: number, end: number, line: number) => void): void {
  let start = text.charCodeAt(0) === BOM ? 1 : 0;
  for (let line = 1; start <= text.length; line++) {
    let end = text.indexOf(LF, start);
    const next = end < 0 ? text.length + 1 : end + 1;
    if (end < 0) end = text.length;
    if (end > start && text.charCodeAt(end - 1) === CR) end--;
    visit(start, end, line);
    start = next;
  }
}

/** Where `text.slice(start, end)` ends once trailing spaces and tabs are dropped (`start` when it is blank). */
export function endWithoutSpaces(text: string, start: number, end: number): number {
  while (end > start) {
    const code = text.charCodeAt(end - 1);
    if (code !== SPACE && code !== TAB) break;
    end--;
  }
  return end;
}

/** Files read from disk lose their BOM in decoding; text handed in by other callers may still have it. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}
