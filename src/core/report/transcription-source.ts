import type { SpeechClient } from '../api/client';
import { SpeechApiError } from '../api/errors';
import { parseEntityUri } from '../api/ids';
import type { Evaluation, SpeechFile } from '../api/schemas';
import { AzureResults } from '../scoring/readers/azure-results';
import { decodeUtf8 } from '../scoring/readers/decode-utf8';
import type { Corpus } from '../scoring/types';
import { EvaluationResultsError } from './evaluation-results-error';

/** One Azure result file is one audio file's words: far below this even for hours of audio. */
export const MAX_RESULT_BYTES = 64 * 1024 ** 2;
/** Result files downloaded at once. */
const PARALLEL_DOWNLOADS = 4;

/**
 * Model n's hypotheses from the evaluation's `transcription{n}`: every file of kind Transcription
 * (Azure batch result JSON, one per audio file), read with the scorer's own Azure reader, so ids
 * are the audio file names by the scorer's rules. Errors name the transcription and the file.
 */
export async function transcriptionHypotheses(client: SpeechClient, evaluation: Evaluation, n: 1 | 2, signal?: AbortSignal): Promise<Corpus> {
  const id = transcriptionId(evaluation, n);
  const what = `transcription${n} (${id}) of evaluation ${evaluation.displayName}`;
  let transcription;
  try {
    transcription = await client.transcriptions.get(id, signal);
  } catch (error) {
    if (error instanceof SpeechApiError && error.status === 404) throw new EvaluationResultsError(`The ${what} no longer exists (the service deletes transcriptions after their time to live): its results cannot be read.`);
    throw error;
  }
  if (transcription.status !== 'Succeeded') {
    const why = transcription.properties?.error?.message;
    throw new EvaluationResultsError(`The ${what} is ${transcription.status}, not Succeeded${why ? `: ${why}` : ''}.`);
  }
  const files = [];
  for await (const file of client.transcriptions.files(id, { signal })) if (file.kind === 'Transcription') files.push(file);
  if (files.length === 0) throw new EvaluationResultsError(`The ${what} has no result files (kind Transcription).`);

  const results = new AzureResults();
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      try {
        const origin = `${file.name} of transcription ${id}`;
        results.add(origin, decodeUtf8(await resultBytes(client, file, origin, signal), origin), file.name);
      } catch (error) {
        queue.length = 0; // the first error ends the read: no point downloading the rest
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DOWNLOADS, files.length) }, worker));
  return results.corpus(what);
}

/** One result file's bytes, refused when it is too large to be one audio file's result. */
async function resultBytes(client: SpeechClient, file: SpeechFile, origin: string, signal?: AbortSignal): Promise<Buffer> {
  const url = file.links?.contentUrl;
  if (!url) throw new EvaluationResultsError(`${origin} has no content link.`);
  const size = file.properties?.size ?? 0;
  const tooLarge = (how: string) => new EvaluationResultsError(`${origin} is ${how}: too large for one audio file's transcription result.`);
  if (size > MAX_RESULT_BYTES) throw tooLarge(`${size.toLocaleString('en-US')} bytes`);
  try {
    return await client.downloadBytes(url, MAX_RESULT_BYTES, signal);
  } catch (error) {
    if (error instanceof RangeError) throw tooLarge(`over ${MAX_RESULT_BYTES.toLocaleString('en-US')} bytes`);
    throw error;
  }
}

/** The id in `transcription{n}`; an evaluation without one has no per-file results to read. */
function transcriptionId(evaluation: Evaluation, n: 1 | 2): string {
  const reference = n === 1 ? evaluation.transcription1 : evaluation.transcription2;
  const entity = reference ? parseEntityUri(reference.self) : undefined;
  if (!entity || entity.collection !== 'transcriptions') {
    throw new EvaluationResultsError(`Evaluation ${evaluation.displayName} has no transcription${n}: the service did not say where model ${n}'s recognition results are.`);
  }
  return entity.id;
}
