import type { SpeechClient } from '../api/client';
import { SpeechApiError } from '../api/errors';
import { parseEntityUri } from '../api/ids';
import { evaluationMetrics, type Evaluation } from '../api/schemas';
import type { Corpus } from '../scoring/types';
import { EvaluationResultsError } from './evaluation-results-error';
import { parseScoreJson } from './parse-score';
import type { ReportInput, ReportSystemMeta } from './report-model';
import { scoreTranscriptions } from './transcription-score';

export { EvaluationResultsError };

/** The file the local engine stores the whole scoring result in, among an evaluation's files. */
export const SCORE_FILE = 'score.json';

/** The evaluation has no score.json (only the local engine stores one), and it was asked for. */
export class NoScoreFileError extends EvaluationResultsError {
  override readonly name = 'NoScoreFileError';
}

export interface EvaluationReportOptions {
  signal?: AbortSignal;
  /**
   * Where the per-utterance results come from: `auto` (default) the local engine's score.json when
   * the evaluation has one, else its transcriptions (Azure's evaluations); or one of them only.
   */
  results?: 'auto' | 'score-file' | 'transcriptions';
  /** For the transcriptions: the reference transcripts (a transcript in the workspace); default the test dataset's. */
  reference?: Corpus;
}

/**
 * Everything buildReport needs about a finished evaluation: its per-utterance score (the local
 * engine's `score.json`, or scored here from the evaluation's transcriptions), its models' and
 * test dataset's names, and the service's own metrics. Unreadable results are an
 * EvaluationResultsError naming what is missing or malformed.
 */
export async function evaluationReportInput(client: SpeechClient, evaluationId: string, source: string, options: EvaluationReportOptions = {}): Promise<ReportInput> {
  const { signal, results = 'auto' } = options;
  const evaluation = await client.evaluations.get(evaluationId, signal);
  if (evaluation.status !== 'Succeeded') throw new EvaluationResultsError(`Evaluation ${evaluationId} is ${evaluation.status}, not Succeeded: it has no results yet.`);
  const scoreUrl = results === 'transcriptions' ? undefined : await scoreFileUrl(client, evaluationId, signal);
  if (!scoreUrl && results === 'score-file') throw new NoScoreFileError(`Evaluation ${evaluationId} has no ${SCORE_FILE} (only the local engine stores the whole scoring result; Azure evaluations are read from their transcriptions).`);
  let audioOf: ReportInput['audioOf'];
  let score;
  if (scoreUrl) score = parseScoreJson(await client.downloadText(scoreUrl, signal), `${SCORE_FILE} of evaluation ${evaluationId}`);
  else ({ score, audioOf } = await scoreTranscriptions(client, evaluation, { signal, ...(options.reference ? { reference: options.reference } : {}) }));
  const sameModel = evaluation.model1?.self !== undefined && evaluation.model1.self === evaluation.model2?.self;
  // Model 2 defaults to model 1: the same model twice is one system, not a comparison.
  if (sameModel && score.systems.length === 2) score = { ...score, systems: [score.systems[0]!], comparison: undefined };
  const models = [evaluation.model1, evaluation.model2].slice(0, score.systems.length);
  const systems = await Promise.all(models.map((model, index) => systemMeta(client, model?.self, index, signal)));
  const datasetId = evaluation.dataset ? parseEntityUri(evaluation.dataset.self)?.id : undefined;
  return {
    score,
    ...(audioOf ? { audioOf } : {}),
    meta: {
      title: evaluation.displayName,
      source,
      date: evaluation.lastActionDateTime ?? evaluation.createdDateTime ?? new Date().toISOString(),
      locale: evaluation.locale,
      evaluation: { id: evaluationId, name: evaluation.displayName, status: evaluation.status, self: evaluation.self },
      ...(datasetId ? { testDataset: await datasetMeta(client, datasetId, signal) } : {}),
      systems,
      serviceMetrics: serviceMetrics(evaluation),
    },
  };
}

async function scoreFileUrl(client: SpeechClient, evaluationId: string, signal?: AbortSignal): Promise<string | undefined> {
  let url: string | undefined;
  for await (const file of client.evaluations.files(evaluationId, { signal })) {
    if (file.name === SCORE_FILE && file.kind === 'EvaluationDetails') url = file.links?.contentUrl;
  }
  return url;
}

async function systemMeta(client: SpeechClient, self: string | undefined, index: number, signal?: AbortSignal): Promise<ReportSystemMeta> {
  const entity = self ? parseEntityUri(self) : undefined;
  const fallback: ReportSystemMeta = { name: `Model ${index + 1}`, kind: 'custom-model', ...(entity ? { id: entity.id } : {}) };
  if (!entity) return fallback;
  try {
    if (entity.collection === 'models/base') return { name: (await client.baseModels.get(entity.id, signal)).displayName, id: entity.id, kind: 'base-model' };
    const model = await client.models.get(entity.id, signal);
    const base = model.baseModel?.self ? parseEntityUri(model.baseModel.self)?.id : undefined;
    return { name: model.displayName, id: entity.id, kind: 'custom-model', ...(base ? { baseModel: base } : {}) };
  } catch (error) {
    // A deleted model still has its results: the report names it by number.
    if (error instanceof SpeechApiError && error.status === 404) return fallback;
    throw error;
  }
}

async function datasetMeta(client: SpeechClient, id: string, signal?: AbortSignal): Promise<{ id: string; name: string; kind?: string }> {
  try {
    const dataset = await client.datasets.get(id, signal);
    return { id, name: dataset.displayName, kind: dataset.kind };
  } catch (error) {
    if (error instanceof SpeechApiError && error.status === 404) return { id, name: id };
    throw error;
  }
}

function serviceMetrics(evaluation: Evaluation): NonNullable<ReportInput['meta']['serviceMetrics']> {
  const [one, two] = [evaluationMetrics(evaluation, 1), evaluationMetrics(evaluation, 2)];
  // −1 is the service's "not computed".
  const valid = (n: number | undefined) => (n !== undefined && n >= 0 ? n : undefined);
  const entries = { wordErrorRate1: valid(one.wordErrorRate), wordErrorRate2: valid(two.wordErrorRate), sentenceErrorRate1: valid(one.sentenceErrorRate), sentenceErrorRate2: valid(two.sentenceErrorRate) };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}
