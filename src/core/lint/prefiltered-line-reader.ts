import { MAX_LINE_CHARS } from './line-reader';
import type { LinePrefilter } from './rule';

/**
 * Lines that may have problems, with their zero-based numbers; the others were proven clean. With a
 * prefilter that has `headEnd`, the heads of the clean lines come too, as byte ranges of `bytes`.
 */
export interface SparseLineBatch {
  texts: string[];
  lines: number[];
  /** The bytes the heads are in (valid until the next batch is asked for). */
  bytes: Buffer;
  /** Line `headLines[i]` was proven clean; its head is `bytes[headStarts[i], headEnds[i])`. */
  headLines: number[];
  headStarts: number[];
  headEnds: number[];
}

// Line 0 loses its BOM, as in `readLines`; a U+FEFF starting any other line is text.
const firstLineDecoder = new TextDecoder('utf-8');
const lineDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * `readLines` for files whose rules have a byte-level prefilter: lines are split as bytes, and only
 * the lines `isClean` cannot vouch for are decoded and yielded — the same lines, with the same text,
 * that `readLines` would give — plus the heads of the clean ones when the prefilter has `headEnd`
 * (or the whole line, for the one a chunk boundary splits).
 * Line 0 and every line up to the first non-empty one are always yielded whole: file-level rules
 * (size, missing BOM) look at them.
 */
export async function* readCandidateLines(
  chunks: AsyncIterable<Uint8Array>,
  prefilter: Pick<LinePrefilter, 'isClean' | 'headEnd'>,
  maxLineChars = MAX_LINE_CHARS,
): AsyncGenerator<SparseLineBatch> {
  const sorter = new LineSorter(prefilter, maxLineChars);
  for await (const chunk of chunks) {
    const batch = sorter.chunk(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (batch) yield batch;
  }
  const batch = sorter.end();
  if (batch) yield batch;
}

/**
 * The work of `readCandidateLines`, outside the generator: V8 optimizes a generator's loop only
 * once it is called again, and it is called once per file, while a method's loop is optimized
 * while it runs (on-stack replacement) — a third of the time on a 100,000-line transcript.
 */
class LineSorter {
  // maxLineChars UTF-16 units take at most 3 bytes each: a line is cut after that many bytes.
  private readonly maxLineBytes: number;
  private line = 0;
  private content = false;
  private carry: Buffer | undefined; // the start of a line the chunks so far did not end
  private skipping = false; // in the rest of a line that was cut
  private batch = newBatch();

  constructor(private readonly prefilter: Pick<LinePrefilter, 'isClean' | 'headEnd'>, private readonly maxLineChars: number) {
    this.maxLineBytes = 3 * maxLineChars + 3;
  }

  /** The lines a chunk ends, sorted; undefined when it yields none. */
  chunk(chunk: Buffer): SparseLineBatch | undefined {
    let bytes = chunk;
    let from = 0;
    if (this.skipping) {
      const newline = bytes.indexOf(10);
      if (newline < 0) return undefined;
      this.skipping = false;
      this.line++;
      from = newline + 1;
    }
    const maxLineBytes = this.maxLineBytes;
    if (this.carry) {
      const newline = bytes.indexOf(10, from);
      if (newline >= 0) {
        // Only the line that straddles the chunks is joined, not the whole chunk to it.
        const line = Buffer.concat([this.carry, bytes.subarray(from, newline + 1)]);
        const end = line.length > 1 && line[line.length - 2] === 13 ? line.length - 2 : line.length - 1;
        this.take(line, 0, Math.min(end, maxLineBytes), true);
        this.line++;
        from = newline + 1;
      } else {
        bytes = Buffer.concat([this.carry, bytes.subarray(from)]);
        from = 0;
      }
      this.carry = undefined;
    }
    for (let newline = bytes.indexOf(10, from); newline >= 0; newline = bytes.indexOf(10, from)) {
      const end = newline > from && bytes[newline - 1] === 13 ? newline - 1 : newline;
      this.take(bytes, from, Math.min(end, from + maxLineBytes));
      this.line++;
      from = newline + 1;
    }
    if (bytes.length - from > maxLineBytes) {
      // A line without an end in sight (a binary file, a 1 GB line): its start is all the rules get.
      this.batch.texts.push(decodeLine(bytes, from, from + maxLineBytes, this.line, this.maxLineChars));
      this.batch.lines.push(this.line);
      this.skipping = true;
    } else if (from < bytes.length) {
      this.carry = Buffer.from(bytes.subarray(from)); // a copy: the chunk itself can go
    }
    return this.flush();
  }

  /** The last line, if it has no line break. */
  end(): SparseLineBatch | undefined {
    const carry = this.carry;
    if (carry) this.take(carry, 0, carry[carry.length - 1] === 13 ? carry.length - 1 : carry.length);
    return this.flush();
  }

  /**
   * Puts the current line, `bytes[start, end)`, into the batch: whole, as its head, or not at all.
   * A line `joined` across chunks is given whole instead of as its head: a batch's heads are all in
   * its chunk.
   */
  private take(bytes: Buffer, start: number, end: number, joined = false): void {
    if (this.line === 0 || !this.content || !this.prefilter.isClean(bytes, start, end)) {
      this.takeWhole(bytes, start, end);
    } else if (this.prefilter.headEnd) {
      const head = this.prefilter.headEnd(bytes, start, end);
      if (head === start) return;
      if (joined) return this.takeWhole(bytes, start, end);
      const batch = this.batch;
      batch.bytes = bytes;
      batch.headLines.push(this.line);
      batch.headStarts.push(start);
      batch.headEnds.push(head);
    }
  }

  private takeWhole(bytes: Buffer, start: number, end: number): void {
    this.batch.texts.push(decodeLine(bytes, start, end, this.line, this.maxLineChars));
    this.batch.lines.push(this.line);
    this.content ||= end > start;
  }

  private flush(): SparseLineBatch | undefined {
    const batch = this.batch;
    if (!batch.texts.length && !batch.headLines.length) return undefined;
    this.batch = newBatch();
    return batch;
  }
}

const NO_BYTES = Buffer.alloc(0);

function newBatch(): SparseLineBatch {
  return { texts: [], lines: [], bytes: NO_BYTES, headLines: [], headStarts: [], headEnds: [] };
}

function decodeLine(bytes: Uint8Array, start: number, end: number, line: number, maxLineChars: number): string {
  const text = (line === 0 ? firstLineDecoder : lineDecoder).decode(bytes.subarray(start, end));
  return text.length > maxLineChars ? text.slice(0, maxLineChars) : text;
}
