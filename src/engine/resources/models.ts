import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { readJsonObject } from '../http/body';
import { badRequest, conflict, invalidArgument, notFound } from '../http/api-error';
import { pageOf } from '../http/paging';
import type { Router } from '../http/router';
import { modelFolder, type EngineState, type ModelRecord } from '../engine-state';
import { forgetHypotheses } from '../evaluation/hypothesis-cache';
import { ADAPTED_MODEL_FOLDER } from '../training/acoustic-adaptation';
import { DOMAIN_ARPA, DOMAIN_BINARY } from '../training/domain-language-model';
import { trainModel } from '../training/train-model';
import { ADAPTATION_KINDS, BASE_MODEL } from './base-models';
import { customProperties, defined, describedUpdate, link, locale, newId, optionalText, projectOf, referencedId, requiredText, timestamp } from './common';
import { registerFileRoutes, sendFile, signedFileLink } from './files';
import * as path from 'node:path';

export const MODEL_FILTERABLE = new Set(['displayName', 'description', 'createdDateTime', 'lastActionDateTime', 'status', 'locale']);

/** The service's default weight of the domain language model. */
export const DEFAULT_WEIGHT_PERCENT = 30;

export function presentModel(base: string, model: ModelRecord): object {
  const self = `models/${model.id}`;
  return defined({
    self: link(base, self),
    displayName: model.displayName,
    description: model.description,
    locale: model.locale,
    customProperties: model.customProperties,
    project: model.project ? { self: link(base, `projects/${model.project}`) } : undefined,
    baseModel: { self: link(base, `models/base/${model.baseModel}`) },
    datasets: model.datasets.map((id) => ({ self: link(base, `datasets/${id}`) })),
    status: model.status,
    createdDateTime: model.createdDateTime,
    lastActionDateTime: model.lastActionDateTime,
    links: { files: link(base, `${self}/files`), manifest: link(base, `${self}/manifest`) },
    properties: defined({
      customModelWeightPercent: model.customModelWeightPercent,
      deprecationDates: { transcriptionDateTime: BASE_MODEL.transcriptionDateTime },
      features: { supportsTranscriptionsSubmit: false, supportsTranscriptionsTranscribe: true, supportsEndpoints: true, supportsTranscriptionsOnSpeechContainers: false, supportedOutputFormats: ['Lexical'] },
      error: model.error,
    }),
  });
}

export function registerModelRoutes(router: Router, state: EngineState): void {
  const find = (id: string) => {
    const model = state.models.get(id.toLowerCase());
    if (!model) throw notFound(`Model ${id}`);
    return model;
  };

  router.on('GET', '/models', ({ base, query }) => {
    const page = pageOf(state.models.all(), query, `${base}/models`, { fields: MODEL_FILTERABLE, valuesOf: (m) => m as unknown as Record<string, unknown> });
    return { status: 200, body: { ...page, values: page.values.map((m) => presentModel(base, m)) } };
  });

  router.on('POST', '/models', async ({ base, request }) => {
    const body = await readJsonObject(request);
    const modelLocale = locale(body);
    const baseModel = body.baseModel === undefined ? BASE_MODEL.id : referencedId(body.baseModel, 'models/base', 'baseModel');
    if (baseModel !== BASE_MODEL.id) throw badRequest(`The base model ${baseModel} does not exist: the local engine has ${BASE_MODEL.id} (${BASE_MODEL.displayName}).`, 'InvalidBaseModel');
    if (!Array.isArray(body.datasets) || body.datasets.length === 0) throw badRequest("'datasets' must list at least one dataset: [{ \"self\": \"…/datasets/{id}\" }].");
    const datasets = (body.datasets as unknown[]).map((ref, i) => referencedId(ref, 'datasets', `datasets[${i}]`));
    for (const id of datasets) {
      const dataset = state.datasets.get(id);
      if (!dataset) throw badRequest(`The dataset ${id} does not exist.`, 'InvalidDataset');
      if (dataset.status !== 'Succeeded') throw badRequest(`The dataset ${id} (${dataset.displayName}) is ${dataset.status}: only datasets whose import succeeded can train a model.`, 'FailedDataset');
      if (dataset.locale !== modelLocale) throw badRequest(`The dataset ${id} is ${dataset.locale}, the model ${modelLocale}.`, 'InvalidLocale');
      if (!(ADAPTATION_KINDS as readonly string[]).includes(dataset.kind)) throw badRequest(`The base model adapts with ${ADAPTATION_KINDS.join(', ')} data, not ${dataset.kind} (${dataset.displayName}).`, 'InvalidDataset');
    }
    const properties = (body.properties ?? {}) as { customModelWeightPercent?: unknown };
    const weight = properties.customModelWeightPercent ?? DEFAULT_WEIGHT_PERCENT;
    if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 1 || weight > 100) throw invalidArgument("'properties.customModelWeightPercent' must be a whole number from 1 to 100.");
    const project = projectOf(body, state);
    const now = timestamp();
    const model: ModelRecord = defined({
      id: newId(),
      displayName: requiredText(body, 'displayName'),
      description: optionalText(body, 'description'),
      locale: modelLocale,
      customProperties: customProperties(body),
      project,
      baseModel,
      datasets,
      customModelWeightPercent: weight,
      status: 'NotStarted' as const,
      createdDateTime: now,
      lastActionDateTime: now,
      files: [],
    });
    await state.models.put(model);
    state.jobs.add('train', `train ${model.id}`, () => trainModel(state, model.id));
    const answer = presentModel(base, model) as { self: string };
    return { status: 201, body: answer, headers: { Location: answer.self } };
  });

  router.on('GET', '/models/:id', ({ base, params }) => {
    const model = find(params.id!);
    const running = model.status === 'NotStarted' || model.status === 'Running';
    return { status: 200, body: presentModel(base, model), ...(running ? { headers: { 'Retry-After': '5' } } : {}) };
  });

  router.on('PATCH', '/models/:id', async ({ base, params, request }) => {
    const model = find(params.id!);
    const body = await readJsonObject(request);
    const updated: ModelRecord = describedUpdate(model, body, 'a model', { state });
    await state.models.put(updated);
    return { status: 200, body: presentModel(base, updated) };
  });

  router.on('DELETE', '/models/:id', async ({ params }) => {
    const model = state.models.get(params.id!.toLowerCase());
    if (!model) return { status: 204 };
    if (model.status === 'Running') throw conflict(`The model ${model.id} is being trained; delete it when training has ended.`, 'InUseViolation');
    const testing = state.evaluations.all().find((e) => (e.status === 'Running' || e.status === 'NotStarted') && [e.model1, e.model2].some((ref) => !ref.base && ref.id === model.id));
    if (testing) throw conflict(`The model ${model.id} is used by the evaluation ${testing.displayName}, which is running.`, 'InUseViolation');
    const deployed = state.endpoints.all().find((e) => !e.model.base && e.model.id === model.id);
    if (deployed) throw conflict(`The model ${model.id} is deployed on the endpoint ${deployed.displayName}; delete the endpoint first.`, 'InUseViolation');
    await state.models.delete(model.id);
    await rm(modelFolder(state, model.id), { recursive: true, force: true });
    await forgetHypotheses(state, model.id);
    return { status: 204 };
  });

  // The files a container (here: PocketSphinx) needs to run the model, as signed links.
  router.on('GET', '/models/:id/manifest', ({ base, params }) => {
    const model = find(params.id!);
    if (model.status !== 'Succeeded') throw badRequest(`The model ${model.id} is ${model.status}: a manifest exists once it is trained.`, 'ModelDeploymentNotCompleteState');
    const modelFiles = manifestFiles(state, model).map((name) => ({ name, contentUrl: signedFileLink(base, `models/${model.id}/manifest/${encodeURIComponent(name)}`, state.key) }));
    return { status: 200, body: { model: { self: link(base, `models/${model.id}`) }, modelFiles, properties: { customModelWeightPercent: model.customModelWeightPercent, baseModel: { self: link(base, `models/base/${model.baseModel}`) } } } };
  });

  router.on('GET', '/models/:id/manifest/:name/content', async ({ params, response }) => {
    const model = find(params.id!);
    if (!manifestFiles(state, model).includes(params.name!)) throw notFound(`Manifest file ${params.name}`);
    await sendFile(response, path.join(modelFolder(state, model.id), ...params.name!.split('/')), params.name!);
    return undefined;
  });

  registerFileRoutes(router, state, 'models', (id) => {
    const model = find(id);
    return { files: model.files, folder: modelFolder(state, model.id) };
  });
}

/** A custom model's decoder files, relative to its folder: language model (ARPA, and binary when training made it), dictionary, and the adapted acoustic model when it has one. */
function manifestFiles(state: EngineState, model: ModelRecord): string[] {
  const folder = modelFolder(state, model.id);
  const adapted = path.join(folder, ADAPTED_MODEL_FOLDER);
  const acoustic = existsSync(adapted) ? readdirSync(adapted).sort().map((name) => `${ADAPTED_MODEL_FOLDER}/${name}`) : [];
  const binary = existsSync(path.join(folder, DOMAIN_BINARY)) ? [DOMAIN_BINARY] : [];
  return [DOMAIN_ARPA, ...binary, 'dictionary.dict', ...acoustic];
}
