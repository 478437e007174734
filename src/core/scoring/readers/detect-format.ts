import { open } from 'node:fs/promises';
import * as path from 'node:path';
import { ScoringInputError, type CorpusFormat } from '../types';
import { statInput } from './input-path';
import { withoutBom } from './lines';

export const FORMATS_ACCEPTED =
  'a Custom Speech transcript (<audio file><TAB><text>), a NIST trn file (<text> (<utterance id>)) ' +
  'or Azure transcription JSON (a .json file or a folder of them)';

/** Enough of a file to see its first lines without reading (or splitting) hundreds of megabytes. */
const SNIFF_BYTES = 64 * 1024;

/** The format of a file or folder: folders and `.json` are Azure JSON, `.trn` is trn, other files are sniffed. */
export async function detectFormat(inputPath: string): Promise<CorpusFormat> {
  if ((await statInput(inputPath)).isDirectory()) return 'azure-json';
  return formatFromName(inputPath) ?? sniffFormat(await readHead(inputPath), inputPath);
}

export function formatFromName(file: string): CorpusFormat | undefined {
  const extension = path.extname(file).toLowerCase();
  return extension === '.json' ? 'azure-json' : extension === '.trn' ? 'trn' : undefined;
}

/** Decided by the first non-blank line: a tab means transcript, a closing `(id)` means trn. */
export function sniffFormat(text: string, file: string): CorpusFormat {
  const lines = withoutBom(text.slice(0, SNIFF_BYTES)).split('\n');
  const index = lines.findIndex((line) => line.trim() !== '');
  if (index < 0) throw new ScoringInputError(file, undefined, 'no utterances');
  const line = lines[index]!;
  if (line.includes('\t')) return 'transcript';
  const trimmed = line.trim();
  if (trimmed.endsWith(')') && trimmed.includes('(')) return 'trn';
  // A JSON result saved under another name (`result.txt`) is still recognisable by its first character.
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return 'azure-json';
  throw new ScoringInputError(file, index + 1, `unknown format: expected ${FORMATS_ACCEPTED}`);
}

async function readHead(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return new TextDecoder('utf-8').decode(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
