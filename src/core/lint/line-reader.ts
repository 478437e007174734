/**
 * Turns a byte stream into batches of lines without holding the file in memory: bytes are decoded as UTF-8
 * chunk by chunk (invalid bytes become U+FFFD, which `file/invalid-utf8` reports) and split on LF,
 * with a trailing CR removed. A line longer than `maxLineChars` is cut there; the rest of it is
 * skipped, so one enormous line (a binary file, a 1 GB file without line breaks) costs bounded memory.
 */

export const MAX_LINE_CHARS = 1_000_000;

export async function* readLines(chunks: AsyncIterable<Uint8Array>, maxLineChars = MAX_LINE_CHARS): AsyncGenerator<string[]> {
  // A leading BOM is dropped, as editors do, so columns match what users see (callers read it from the bytes).
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let pending = '';
  let skipping = false;
  // Lines come in batches, one per chunk: one await per line would cost more than linting it.
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    const batch: string[] = [];
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      if (!skipping) batch.push(stripCr(pending + text.slice(from, Math.min(nl, from + maxLineChars - pending.length))));
      pending = '';
      skipping = false;
      from = nl + 1;
    }
    if (!skipping) {
      pending += text.slice(from, from + maxLineChars - pending.length);
      if (pending.length >= maxLineChars) {
        batch.push(pending);
        pending = '';
        skipping = true;
      }
    }
    if (batch.length) yield batch;
  }
  const rest = decoder.decode();
  if (!skipping && (pending || rest)) yield [stripCr(pending + rest)];
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
