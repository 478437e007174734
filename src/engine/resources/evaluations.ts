import { rm } from 'node:fs/promises';
import { readJsonObject } from '../http/body';
import { badRequest, conflict, notFound } from '../http/api-error';
import { pageOf } from '../http/paging';
import type { Router } from '../http/router';
import { evaluationFolder, type EngineState, type EvaluationRecord, type ModelRef } from '../engine-state';
import { placeholderMetrics, runEvaluation } from '../evaluation/run-evaluation';
import { BASE_MODEL } from './base-models';
import { customProperties, defined, link, locale, newId, optionalText, referencedId, requiredText, timestamp } from './common';
import { registerFileRoutes } from './files';

export const EVALUATION_FILTERABLE = new Set(['displayName', 'description', 'createdDateTime', 'lastActionDateTime', 'status', 'locale']);

const modelLink = (base: string, ref: ModelRef) => ({ self: link(base, ref.base ? `models/base/${ref.id}` : `models/${ref.id}`) });

export function presentEvaluation(base: string, evaluation: EvaluationRecord): object {
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
    status: evaluation.status,
    createdDateTime: evaluation.createdDateTime,
    lastActionDateTime: evaluation.lastActionDateTime,
    links: { files: link(base, `${self}/files`) },
    properties: defined({ ...evaluation.metrics, error: evaluation.error }),
  });
}

/** A `model1`/`model2` reference: the base model (`…/models/base/{id}`) or a trained custom model. */
function modelRef(value: unknown, field: string, state: EngineState, evaluationLocale: string): ModelRef {
  const self = typeof value === 'object' && value !== null ? (value as { self?: unknown }).self : undefined;
  if (typeof self === 'string' && /\/models\/base\//i.test(self)) {
    const id = referencedId(value, 'models/base', field);
    if (id !== BASE_MODEL.id) throw badRequest(`${field}: the base model ${id} does not exist.`, 'InvalidBaseModel');
    return { base: true, id };
  }
  const id = referencedId(value, 'models', field);
  const model = state.models.get(id);
  if (!model) throw badRequest(`${field}: the model ${id} does not exist.`, 'InvalidParameterValue');
  if (model.status !== 'Succeeded') throw badRequest(`${field}: the model ${model.displayName} is ${model.status}; only trained models can be evaluated.`, 'InvalidParameterValue');
  if (model.locale !== evaluationLocale) throw badRequest(`${field}: the model is ${model.locale}, the evaluation ${evaluationLocale}.`, 'InvalidLocale');
  return { base: false, id };
}

export function registerEvaluationRoutes(router: Router, state: EngineState): void {
  const find = (id: string) => {
    const evaluation = state.evaluations.get(id.toLowerCase());
    if (!evaluation) throw notFound(`Evaluation ${id}`);
    return evaluation;
  };

  router.on('GET', '/evaluations', ({ base, query }) => {
    const page = pageOf(state.evaluations.all(), query, `${base}/evaluations`, { fields: EVALUATION_FILTERABLE, valuesOf: (e) => e as unknown as Record<string, unknown> });
    return { status: 200, body: { ...page, values: page.values.map((e) => presentEvaluation(base, e)) } };
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
    const model1 = modelRef(body.model1, 'model1', state, evaluationLocale);
    const model2 = body.model2 === undefined ? model1 : modelRef(body.model2, 'model2', state, evaluationLocale);
    const project = body.project !== undefined ? referencedId(body.project, 'projects', 'project') : undefined;
    if (project && !state.projects.get(project)) throw badRequest(`The project ${project} does not exist.`, 'InvalidProject');
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
    return { status: 200, body: presentEvaluation(base, evaluation), ...(running ? { headers: { 'Retry-After': '5' } } : {}) };
  });

  router.on('PATCH', '/evaluations/:id', async ({ base, params, request }) => {
    const evaluation = find(params.id!);
    const body = await readJsonObject(request);
    for (const field of Object.keys(body)) {
      if (!['displayName', 'description', 'customProperties', 'project'].includes(field)) throw badRequest(`'${field}' cannot be changed; an evaluation update holds displayName, description, customProperties or project.`);
    }
    const updated: EvaluationRecord = defined({
      ...evaluation,
      displayName: 'displayName' in body ? requiredText(body, 'displayName') : evaluation.displayName,
      description: 'description' in body ? optionalText(body, 'description') : evaluation.description,
      customProperties: 'customProperties' in body ? customProperties(body) : evaluation.customProperties,
      project: body.project !== undefined ? referencedId(body.project, 'projects', 'project') : evaluation.project,
    });
    await state.evaluations.put(updated);
    return { status: 200, body: presentEvaluation(base, updated) };
  });

  router.on('DELETE', '/evaluations/:id', async ({ params }) => {
    const evaluation = state.evaluations.get(params.id!.toLowerCase());
    if (!evaluation) return { status: 204 };
    if (evaluation.status === 'Running') throw conflict(`The evaluation ${evaluation.id} is running; delete it when it has ended.`, 'InUseViolation');
    await state.evaluations.delete(evaluation.id);
    await rm(evaluationFolder(state, evaluation.id), { recursive: true, force: true });
    return { status: 204 };
  });

  registerFileRoutes(router, state, 'evaluations', (id) => {
    const evaluation = find(id);
    return { files: evaluation.files, folder: evaluationFolder(state, evaluation.id) };
  });
}
