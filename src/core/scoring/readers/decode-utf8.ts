import { ScoringInputError } from '../types';

const LF = 0x0a;

/** The text of a whole file; invalid UTF-8 is reported with the first line that holds it. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    // `fatal`: a wrong encoding (a Latin-1 or UTF-16 export) must stop scoring, not turn words into U+FFFD
    // that then count as errors. The default `ignoreBOM: false` drops a leading BOM.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ScoringInputError(file, firstInvalidLine(bytes), 'invalid UTF-8 (save the file as UTF-8)');
  }
}

/** Decodes line by line until one fails: a multi-byte UTF-8 sequence never contains a line feed. */
function firstInvalidLine(bytes: Uint8Array): number | undefined {
  const lineDecoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    const nl = bytes.indexOf(LF, start);
    const end = nl < 0 ? bytes.length : nl;
    try {
      lineDecoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
  }
  return undefined;
}
