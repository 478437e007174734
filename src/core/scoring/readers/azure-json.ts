import { ScoringInputError, type Corpus, type Utterance } from '../types';
import { canonicalId } from './canonical-id';
import { corpusOf } from './corpus';
import { parseJson } from './json-text';

/*
 * Azure batch transcription result files (one per audio file):
 *   { "source": "https://…/call-1.wav?sv=…", "durationInTicks": …,
 *     "combinedRecognizedPhrases": [{ "channel": 0, "lexical": "…", "itn": "…", "maskedITN": "…", "display": "…" }],
 *     "recognizedPhrases": [{ "recognitionStatus": "Success", "channel": 0, "offsetInTicks": …,
 *                             "nBest": [{ "confidence": …, "lexical": "…", "display": "…", … }] }] }
 * The lexical form is scored: it is the words as spoken, without the display form's punctuation and numbers.
 */

type JsonObject = Record<string, unknown>;

const SHAPE = 'expected an Azure transcription result with "source" and "combinedRecognizedPhrases" or "recognizedPhrases"';

/** One transcription result (a JSON object), or an array of them. */
export function parseAzureTranscription(text: string, file: string): Corpus {
  if (text.trim() === '') return corpusOf(file, 'azure-json', []);
  const utterances = azureFileUtterances(text, file);
  if (!utterances) throw new ScoringInputError(file, undefined, SHAPE);
  return corpusOf(file, 'azure-json', utterances);
}

/**
 * The utterances of one JSON file, `line` being the entry number (1 for a single object); `undefined` when
 * the file is clearly something else — no entry has a source or phrases, as in the batch's `report.json`.
 */
export function azureFileUtterances(text: string, file: string): Utterance[] | undefined {
  if (text.trim() === '') return undefined;
  const value = parseJson(text, file);
  const entries = Array.isArray(value) ? value : [value];
  if (entries.length > 0 && !entries.some(looksLikeResult)) return undefined;
  const utterances: Utterance[] = [];
  const firstEntry = new Map<string, number>();
  entries.forEach((entry, index) => {
    const line = index + 1;
    const where = Array.isArray(value) ? `entry ${line}: ` : '';
    if (!looksLikeResult(entry)) throw new ScoringInputError(file, undefined, `${where}${SHAPE}`);
    const utterance = utteranceOf(entry, line, (detail) => new ScoringInputError(file, undefined, where + detail));
    const first = firstEntry.get(utterance.id);
    if (first !== undefined) {
      throw new ScoringInputError(file, undefined, `${where}duplicate id ${utterance.id} (first in entry ${first})`);
    }
    firstEntry.set(utterance.id, line);
    utterances.push(utterance);
  });
  return utterances;
}

function looksLikeResult(value: unknown): value is JsonObject {
  return isObject(value) && ('source' in value || 'combinedRecognizedPhrases' in value || 'recognizedPhrases' in value);
}

function utteranceOf(result: JsonObject, line: number, fail: (detail: string) => Error): Utterance {
  const { source, combinedRecognizedPhrases: combined, recognizedPhrases: recognized } = result;
  if (typeof source !== 'string' || source.trim() === '') throw fail('no "source" (the audio file the result is for)');
  const id = canonicalId(source);
  if (id === '') throw fail(`no file name in "source": "${source}"`);
  if (combined === undefined && recognized === undefined) {
    throw fail(`${id}: neither "combinedRecognizedPhrases" nor "recognizedPhrases"`);
  }
  for (const [name, list] of [['combinedRecognizedPhrases', combined], ['recognizedPhrases', recognized]] as const) {
    if (list !== undefined && !Array.isArray(list)) throw fail(`${id}: "${name}" is not a list`);
  }
  const text = Array.isArray(combined) && combined.length > 0
    ? combinedText(combined, (detail) => fail(`${id}: ${detail}`))
    : recognizedText(Array.isArray(recognized) ? recognized : [], (detail) => fail(`${id}: ${detail}`));
  return { id, text, line };
}

/** The lexical text of the channel scored: several entries of that channel are joined with a space. */
function combinedText(phrases: unknown[], fail: (detail: string) => Error): string {
  const read = phrases.map((phrase, i) => {
    if (!isObject(phrase) || typeof phrase.lexical !== 'string') throw fail(`combinedRecognizedPhrases[${i}] has no "lexical" text`);
    return { channel: channelOf(phrase), lexical: phrase.lexical };
  });
  const channel = scoredChannel(read.map((phrase) => phrase.channel));
  return joinWords(read.filter((phrase) => phrase.channel === channel).map((phrase) => phrase.lexical));
}

/** Without combined phrases: the best lexical form of each recognized phrase of the scored channel, in time order. */
function recognizedText(phrases: unknown[], fail: (detail: string) => Error): string {
  const read = phrases.flatMap((phrase, i) => {
    if (!isObject(phrase)) throw fail(`recognizedPhrases[${i}] is not an object`);
    // Phrases that did not succeed (NoMatch, InitialSilenceTimeout …) carry no words.
    if (phrase.recognitionStatus !== undefined && phrase.recognitionStatus !== 'Success') return [];
    const best: unknown = Array.isArray(phrase.nBest) ? phrase.nBest[0] : undefined;
    if (!isObject(best) || typeof best.lexical !== 'string') throw fail(`recognizedPhrases[${i}] has no "nBest[0].lexical" text`);
    const offset = typeof phrase.offsetInTicks === 'number' ? phrase.offsetInTicks : i;
    return [{ channel: channelOf(phrase), offset, lexical: best.lexical }];
  });
  const channel = scoredChannel(read.map((phrase) => phrase.channel));
  const ordered = read.filter((phrase) => phrase.channel === channel).sort((a, b) => a.offset - b.offset);
  return joinWords(ordered.map((phrase) => phrase.lexical));
}

/** Channel 0 when it is there; a result that only has another channel (one side of a call) uses its lowest. */
function scoredChannel(channels: number[]): number {
  return channels.includes(0) ? 0 : channels.reduce((lowest, channel) => Math.min(lowest, channel), Infinity);
}

function channelOf(phrase: JsonObject): number {
  return typeof phrase.channel === 'number' ? phrase.channel : 0;
}

function joinWords(parts: string[]): string {
  return parts.filter((part) => part !== '').join(' ');
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
