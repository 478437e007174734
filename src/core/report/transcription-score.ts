import type { SpeechClient } from '../api/client';
import { parseEntityUri } from '../api/ids';
import type { Evaluation } from '../api/schemas';
import { createNormalizer } from '../scoring/normalize';
import { scoreCorpora, toScoreJson, type ScoreJson } from '../scoring/report';
import { ScoringInputError, type Corpus } from '../scoring/types';
import { datasetReference } from './dataset-reference';
import { EvaluationResultsError } from './evaluation-results-error';
import { transcriptionHypotheses } from './transcription-source';

export interface TranscriptionScore {
  score: ScoreJson;
  /** The audio file of an utterance id, when the reference came from the test dataset. */
  audioOf?: (utteranceId: string) => string | undefined;
}

/**
 * An evaluation scored from its transcriptions, as Azure's evaluations must be (they store no
 * score.json): each model's per-file results against the reference — the caller's (a transcript
 * in the workspace) or the test dataset's own — normalized for the evaluation's locale. With the
 * dataset's transcript, utterance ids are its audio file names, as in the local engine's score.
 */
export async function scoreTranscriptions(client: SpeechClient, evaluation: Evaluation, options: { reference?: Corpus; signal?: AbortSignal } = {}): Promise<TranscriptionScore> {
  try {
    return await score(client, evaluation, options);
  } catch (error) {
    // A malformed result or transcript, a result for audio the reference lacks: the reader's message names the file (and line).
    if (error instanceof ScoringInputError) throw new EvaluationResultsError(error.message, { cause: error });
    throw error;
  }
}

async function score(client: SpeechClient, evaluation: Evaluation, options: { reference?: Corpus; signal?: AbortSignal }): Promise<TranscriptionScore> {
  const { signal } = options;
  // Model 2 defaults to model 1: the same model twice is one system.
  const sameModel = evaluation.model1?.self !== undefined && evaluation.model1.self === evaluation.model2?.self;
  let hypotheses = [await transcriptionHypotheses(client, evaluation, 1, signal)];
  if (!sameModel) hypotheses.push(await transcriptionHypotheses(client, evaluation, 2, signal));

  let reference = options.reference;
  let audioNames: Map<string, string> | undefined;
  if (!reference) {
    const datasetId = evaluation.dataset ? parseEntityUri(evaluation.dataset.self)?.id : undefined;
    if (!datasetId) throw new EvaluationResultsError(`Evaluation ${evaluation.displayName} names no test dataset: give the reference transcript.`);
    ({ corpus: reference, audioNames } = await datasetReference(client, datasetId, signal));
    const names = audioNames;
    const byAudioName = (corpus: Corpus): Corpus => ({ ...corpus, utterances: corpus.utterances.map((u) => ({ ...u, id: names.get(u.id) ?? u.id })) });
    reference = byAudioName(reference);
    hypotheses = hypotheses.map(byAudioName);
  }

  // Only what the service transcribed: lines its import rejected have no result in either model.
  const transcribed = new Set(hypotheses.flatMap((corpus) => corpus.utterances.map((u) => u.id)));
  const scored = reference.utterances.filter((u) => transcribed.has(u.id));
  if (scored.length === 0) {
    const sample = (ids: string[]) => ids.slice(0, 3).map((id) => `"${id}"`).join(', ');
    throw new EvaluationResultsError(`No transcription result matches an utterance of ${reference.path}: results are for ${sample([...transcribed])}, the reference has ${sample(reference.utterances.map((u) => u.id))}. Results are matched by the audio file name (without folders and extension).`);
  }
  const run = scoreCorpora({ ...reference, utterances: scored }, hypotheses, { normalizer: createNormalizer({ enabled: true, locale: evaluation.locale }) });
  const audioFiles = new Set(audioNames?.values());
  return { score: toScoreJson(run), ...(audioNames ? { audioOf: (id: string) => (audioFiles.has(id) ? id : undefined) } : {}) };
}
