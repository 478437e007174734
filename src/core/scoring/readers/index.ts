import { ScoringInputError, type Corpus, type CorpusFormat } from '../types';
import { parseAzureTranscription } from './azure-json';
import { readAzureFolder } from './azure-folder';
import { decodeUtf8 } from './decode-utf8';
import { formatFromName, sniffFormat } from './detect-format';
import { readInput, statInput } from './input-path';
import { parseTranscript } from './transcript';
import { parseTrn } from './trn';

export { AzureResults } from './azure-results';
export { canonicalId } from './canonical-id';
export { detectFormat, FORMATS_ACCEPTED } from './detect-format';
export { parseAzureTranscription, parseTranscript, parseTrn };

const parsers: Record<CorpusFormat, (text: string, file: string) => Corpus> = {
  transcript: parseTranscript,
  trn: parseTrn,
  'azure-json': parseAzureTranscription,
};

/**
 * Reads a reference or hypothesis: a file (the format detected unless given) or a folder of Azure
 * transcription JSON files. Every problem is a `ScoringInputError` naming the file, and the line when there is one.
 */
export async function readCorpus(inputPath: string, format?: CorpusFormat): Promise<Corpus> {
  if ((await statInput(inputPath)).isDirectory()) {
    if (format !== undefined && format !== 'azure-json') {
      throw new ScoringInputError(inputPath, undefined, `is a folder; only Azure transcription JSON can be read from a folder, not ${format}`);
    }
    return readAzureFolder(inputPath);
  }
  const text = decodeUtf8(await readInput(inputPath), inputPath);
  return parsers[format ?? formatFromName(inputPath) ?? sniffFormat(text, inputPath)](text, inputPath);
}
