import { MAX_LINE_CHARS } from './line-reader';

/** Lines that may have problems, with their zero-based numbers; the others were proven clean. */
export interface SparseLineBatch {
  texts: string[];
  lines: number[];
}

// Line 0 loses its BOM, as in `readLines`; a U+FEFF starting any other line is text.
const firstLineDecoder = new TextDecoder('utf-8');
const lineDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * `readLines` for files whose rules have a byte-level prefilter: lines are split as bytes, and only
 * the lines `isClean` cannot vouch for are decoded and yielded — the same lines, with the same text,
 * that `readLines` would give. Line 0 and every line up to the first non-empty one are always
 * yielded: file-level rules (size, missing BOM) look at them.
 */
export async function* readCandidateLines(
  chunks: AsyncIterable<Uint8Array>,
  isClean: (bytes: Uint8Array, start: number, end: number) => boolean,
  maxLineChars = MAX_LINE_CHARS,
): AsyncGenerator<SparseLineBatch> {
  // maxLineChars UTF-16 units take at most 3 bytes each: a line is cut after that many bytes.
  const maxLineBytes = 3 * maxLineChars + 3;
  let line = 0;
  let content = false;
  let carry: Buffer | undefined; // the start of a line the chunks so far did not end
  let skipping = false; // in the rest of a line that was cut
  for await (const chunk of chunks) {
    let bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let from = 0;
    if (skipping) {
      const newline = bytes.indexOf(10);
      if (newline < 0) continue;
      skipping = false;
      line++;
      from = newline + 1;
    }
    if (carry) {
      bytes = Buffer.concat([carry, bytes.subarray(from)]);
      carry = undefined;
      from = 0;
    }
    const batch: SparseLineBatch = { texts: [], lines: [] };
    for (let newline = bytes.indexOf(10, from); newline >= 0; newline = bytes.indexOf(10, from)) {
      let end = newline > from && bytes[newline - 1] === 13 ? newline - 1 : newline;
      if (end - from > maxLineBytes) end = from + maxLineBytes;
      if (line === 0 || !content || !isClean(bytes, from, end)) {
        batch.texts.push(decodeLine(bytes, from, end, line, maxLineChars));
        batch.lines.push(line);
        content ||= end > from;
      }
      line++;
      from = newline + 1;
    }
    if (bytes.length - from > maxLineBytes) {
      // A line without an end in sight (a binary file, a 1 GB line): its start is all the rules get.
      batch.texts.push(decodeLine(bytes, from, from + maxLineBytes, line, maxLineChars));
      batch.lines.push(line);
      skipping = true;
    } else if (from < bytes.length) {
      carry = Buffer.from(bytes.subarray(from)); // a copy: the chunk itself can go
    }
    if (batch.texts.length) yield batch;
  }
  if (carry) {
    // The last line, without a line break.
    const end = carry[carry.length - 1] === 13 ? carry.length - 1 : carry.length;
    if (line === 0 || !content || !isClean(carry, 0, end)) yield { texts: [decodeLine(carry, 0, end, line, maxLineChars)], lines: [line] };
  }
}

function decodeLine(bytes: Uint8Array, start: number, end: number, line: number, maxLineChars: number): string {
  const text = (line === 0 ? firstLineDecoder : lineDecoder).decode(bytes.subarray(start, end));
  return text.length > maxLineChars ? text.slice(0, maxLineChars) : text;
}
