import { rm } from 'node:fs/promises';
import { readJsonObject } from '../http/body';
import { badRequest, conflict, notFound } from '../http/api-error';
import { pageOf } from '../http/paging';
import type { Router } from '../http/router';
import { evaluationFolder, type EngineState, type EvaluationRecord, type JobProgress } from '../engine-state';
import { deleteTranscriptions } from '../evaluation/evaluation-transcriptions';
import { placeholderMetrics, runEvaluation } from '../evaluation/run-evaluation';

import { customProperties, defined, describedUpdate, link, locale, newId, optionalText, projectOf, referencedId, requiredText, timestamp } from './common';
import { registerFileRoutes } from './files';
import { modelLink, modelRefOf } from './model-refs';

export const EVALUATION_FILTERABLE = new Set(['displayName', 'description', 'createdDateTime', 'lastActionDateTime', 'status', 'locale']);

export function presentEvaluation(base: string, evaluation: EvaluationRecord, running?: ReadonlyMap<string, JobProgress>): object {
  const progress = evaluation.status === 'Running' ? running?.get(evaluation.id) : undefined;
  const self = `evaluations/${evaluation.id}`;
  return defined({
    self: link(base, self),
    displayName: evaluation.displayName,
    description: evaluation.description,
    locale: evaluation.locale,
    customProperties: evaluation.customProperties,
    project: evaluation.project ? { self: link(base, `projects/${evaluation.project}`) } : undefined,
    model1: modelLink(base, evaluation.model1),
    model2: modelLink(base, evaluation.model2),
    dataset: { self: link(base, `datasets/${evaluation.dataset}`) },
    transcription1: evaluation.transcription1 ? { self: link(base, `transcriptions/${evaluation.transcription1}`) } : undefined,
    transcription2: evaluation.transcription2 ? { self: link(base, `transcriptions/${evaluation.transcription2}`) } : undefined,
    status: evaluation.status,
    createdDateTime: evaluation.createdDateTime,
    lastActionDateTime: evaluation.lastActionDateTime,
    links: { files: link(base, `${self}/files`) },
    // `progress` is the engine's own: Azure tells nothing of a running evaluation's progress.
    properties: defined({ ...evaluation.metrics, error: evaluation.error, progress: progress?.total ? { ...progress } : undefined }),
  });
}

export function registerEvaluationRoutes(router: Router, state: EngineState): void {
  const find = (id: string) => {
    const evaluation = state.evaluations.get(id.toLowerCase());
    if (!evaluation) throw notFound(`Evaluation ${id}`);
    return evaluation;
  };

  router.on('GET', '/evaluations', ({ base, query }) => {
    const page = pageOf(state.evaluations.all(), query, `${base}/evaluations`, { fields: EVALUATION_FILTERABLE, valuesOf: (e) => e as unknown as Record<string, unknown> });
    return { status: 200, body: { ...page, values: page.values.map((e) => presentEvaluation(base, e, state.progress)) } };
  });

  router.on('GET', '/evaluations/locales', () => ({ status: 200, body: ['en-US'] }));

  router.on('POST', '/evaluations', async ({ base, request }) => {
    const body = await readJsonObject(request);
    const evaluationLocale = locale(body);
    const datasetId = referencedId(body.dataset, 'datasets', 'dataset');
    const dataset = state.datasets.get(datasetId);
    if (!dataset) throw badRequest(`The dataset ${datasetId} does not exist.`, 'InvalidDataset');
    if (dataset.kind !== 'Acoustic' && dataset.kind !== 'AudioFiles') throw badRequest(`An evaluation tests on audio: an Acoustic dataset (audio + transcripts, for WER) or AudioFiles (audio only), not ${dataset.kind}.`, 'InvalidDataset');
    if (dataset.status !== 'Succeeded') throw badRequest(`The dataset ${dataset.displayName} is ${dataset.status}; only datasets whose import succeeded can be tested on.`, 'FailedDataset');
    const model1 = modelRefOf(body.model1, 'model1', state, { verb: 'evaluated', locale: evaluationLocale });
    const model2 = body.model2 === undefined ? model1 : modelRefOf(body.model2, 'model2', state, { verb: 'evaluated', locale: evaluationLocale });
    const project = projectOf(body, state);
    const now = timestamp();
    const evaluation: EvaluationRecord = defined({
      id: newId(),
      displayName: requiredText(body, 'displayName'),
      description: optionalText(body, 'description'),
      locale: evaluationLocale,
      customProperties: customProperties(body),
      project,
      model1,
      model2,
      dataset: datasetId,
      status: 'NotStarted' as const,
      createdDateTime: now,
      lastActionDateTime: now,
      metrics: placeholderMetrics(),
      files: [],
    });
    await state.evaluations.put(evaluation);
    state.jobs.add('evaluate', `evaluate ${evaluation.id}`, () => runEvaluation(state, evaluation.id));
    const answer = presentEvaluation(base, evaluation) as { self: string };
    return { status: 201, body: answer, headers: { Location: answer.self } };
  });

  router.on('GET', '/evaluations/:id', ({ base, params }) => {
    const evaluation = find(params.id!);
    const running = evaluation.status === 'NotStarted' || evaluation.status === 'Running';
    // Every 2 s: its progress moves with each utterance, and a loopback poll costs nothing.
    return { status: 200, body: presentEvaluation(base, evaluation, state.progress), ...(running ? { headers: { 'Retry-After': '2' } } : {}) };
  });

  router.on('PATCH', '/evaluations/:id', async ({ base, params, request }) => {
    const evaluation = find(params.id!);
    const body = await readJsonObject(request);
    const updated: EvaluationRecord = describedUpdate(evaluation, body, 'an evaluation', { state });
    await state.evaluations.put(updated);
    return { status: 200, body: presentEvaluation(base, updated, state.progress) };
  });

  router.on('DELETE', '/evaluations/:id', async ({ params }) => {
    const evaluation = state.evaluations.get(params.id!.toLowerCase());
    if (!evaluation) return { status: 204 };
    if (evaluation.status === 'Running') throw conflict(`The evaluation ${evaluation.id} is running; delete it when it has ended.`, 'InUseViolation');
    await state.evaluations.delete(evaluation.id);
    await rm(evaluationFolder(state, evaluation.id), { recursive: true, force: true });
    await deleteTranscriptions(state, evaluation);
    return { status: 204 };
  });

  registerFileRoutes(router, state, 'evaluations', (id) => {
    const evaluation = find(id);
    return { files: evaluation.files, folder: evaluationFolder(state, evaluation.id) };
  });
}
