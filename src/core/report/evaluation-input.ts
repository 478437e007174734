import type { SpeechClient } from '../api/client';
import { SpeechApiError } from '../api/errors';
import { parseEntityUri } from '../api/ids';
import { evaluationMetrics, type Evaluation } from '../api/schemas';
import { parseScoreJson } from './parse-score';
import type { ReportInput, ReportSystemMeta } from './report-model';

/** The file the local engine stores the whole scoring result in, among an evaluation's files. */
export const SCORE_FILE = 'score.json';

/** The evaluation has no score.json: Azure's evaluations do not (yet) make a report from the CLI. */
export class NoScoreFileError extends Error {
  override readonly name = 'NoScoreFileError';
}

/**
 * Everything buildReport needs about a finished evaluation: its stored score (the EvaluationDetails
 * file `score.json`), its models' and test dataset's names, and the service's own metrics.
 */
export async function evaluationReportInput(client: SpeechClient, evaluationId: string, source: string, signal?: AbortSignal): Promise<ReportInput> {
  const evaluation = await client.evaluations.get(evaluationId, signal);
  let scoreUrl: string | undefined;
  for await (const file of client.evaluations.files(evaluationId, { signal })) {
    if (file.name === SCORE_FILE && file.kind === 'EvaluationDetails') scoreUrl = file.links?.contentUrl;
  }
  if (!scoreUrl) {
    const why = evaluation.status === 'Succeeded' ? `has no ${SCORE_FILE} (only the local engine stores the whole scoring result; Azure evaluations are not supported here yet)` : `is ${evaluation.status}, not Succeeded`;
    throw new NoScoreFileError(`Evaluation ${evaluationId} ${why}.`);
  }
  let score = parseScoreJson(await client.downloadText(scoreUrl, signal), `${SCORE_FILE} of evaluation ${evaluationId}`);
  const sameModel = evaluation.model1?.self !== undefined && evaluation.model1.self === evaluation.model2?.self;
  // Model 2 defaults to model 1: the same model twice is one system, not a comparison.
  if (sameModel && score.systems.length === 2) score = { ...score, systems: [score.systems[0]!], comparison: undefined };
  const models = [evaluation.model1, evaluation.model2].slice(0, score.systems.length);
  const systems = await Promise.all(models.map((model, index) => systemMeta(client, model?.self, index, signal)));
  const datasetId = evaluation.dataset ? parseEntityUri(evaluation.dataset.self)?.id : undefined;
  return {
    score,
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
