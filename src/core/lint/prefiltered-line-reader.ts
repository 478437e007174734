import { MAX_LINE_CHARS } from './line-reader';
import type { LinePrefilter } from './rule';

/** Where `feedCandidateLines` puts the lines, in line order. */
export interface CandidateLineSink {
  /** A line that may have problems (zero-based `line`), decoded. */
  line(text: string, line: number): void;
  /** The head `bytes[start, end)` of line `line`, which the prefilter proved clean; `bytes` is valid during the call only. */
  head(bytes: Buffer, start: number, end: number, line: number): void;
  /** True once the sink wants no more lines. */
  readonly stopped: boolean;
}

// Line 0 loses its BOM, as in `readLines`; a U+FEFF starting any other line is text.
const firstLineDecoder = new TextDecoder('utf-8');
const lineDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * `readLines` for files whose rules have a byte-level prefilter: lines are split as bytes, and only
 * the lines `isClean` cannot vouch for are decoded and given to `sink.line` — the same lines, with
 * the same text, that `readLines` would give — and the heads of the clean ones to `sink.head` when
 * the prefilter has `headEnd`, in line order.
 * Line 0 and every line up to the first non-empty one are always given whole: file-level rules
 * (size, missing BOM) look at them.
 */
export async function feedCandidateLines(
  chunks: AsyncIterable<Uint8Array>,
  prefilter: Pick<LinePrefilter, 'isClean' | 'headEnd'>,
  sink: CandidateLineSink,
  maxLineChars = MAX_LINE_CHARS,
): Promise<void> {
  const sorter = new LineSorter(prefilter, sink, maxLineChars);
  for await (const chunk of chunks) {
    sorter.chunk(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (sink.stopped) return;
  }
  sorter.end();
}

/**
 * The work of `feedCandidateLines`, in methods: V8 optimizes an async function's (or generator's)
 * loop only once it is called again, and it is called once per file, while a method's loop is
 * optimized while it runs (on-stack replacement) — a third of the time on a 100,000-line transcript.
 * Lines go straight to the sink: collecting a chunk's 12,000 heads in arrays first, then walking
 * them, took as long as the prefilter's scan.
 */
class LineSorter {
  // maxLineChars UTF-16 units take at most 3 bytes each: a line is cut after that many bytes.
  private readonly maxLineBytes: number;
  private line = 0;
  private content = false;
  private carry: Buffer | undefined; // the start of a line the chunks so far did not end
  private skipping = false; // in the rest of a line that was cut

  constructor(
    private readonly prefilter: Pick<LinePrefilter, 'isClean' | 'headEnd'>,
    private readonly sink: CandidateLineSink,
    private readonly maxLineChars: number,
  ) {
    this.maxLineBytes = 3 * maxLineChars + 3;
  }

  /** Gives the lines a chunk ends to the sink. */
  chunk(chunk: Buffer): void {
    let bytes = chunk;
    let from = 0;
    if (this.skipping) {
      const newline = bytes.indexOf(10);
      if (newline < 0) return;
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
        this.take(line, 0, Math.min(end, maxLineBytes));
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
      this.sink.line(decodeLine(bytes, from, from + maxLineBytes, this.line, this.maxLineChars), this.line);
      this.skipping = true;
    } else if (from < bytes.length) {
      this.carry = Buffer.from(bytes.subarray(from)); // a copy: the chunk itself can go
    }
  }

  /** The last line, if it has no line break. */
  end(): void {
    const carry = this.carry;
    if (carry) this.take(carry, 0, carry[carry.length - 1] === 13 ? carry.length - 1 : carry.length);
  }

  /** Gives the current line, `bytes[start, end)`, to the sink: whole, as its head, or not at all. */
  private take(bytes: Buffer, start: number, end: number): void {
    if (this.line === 0 || !this.content || !this.prefilter.isClean(bytes, start, end)) {
      this.sink.line(decodeLine(bytes, start, end, this.line, this.maxLineChars), this.line);
      this.content ||= end > start;
    } else if (this.prefilter.headEnd) {
      const head = this.prefilter.headEnd(bytes, start, end);
      if (head !== start) this.sink.head(bytes, start, head, this.line);
    }
  }
}

function decodeLine(bytes: Uint8Array, start: number, end: number, line: number, maxLineChars: number): string {
  const text = (line === 0 ? firstLineDecoder : lineDecoder).decode(bytes.subarray(start, end));
  return text.length > maxLineChars ? text.slice(0, maxLineChars) : text;
}
