import { readJsonObject } from '../http/body';
import { badRequest, notFound } from '../http/api-error';
import { pageOf } from '../http/paging';
import type { Router } from '../http/router';
import type { EngineState, ProjectRecord } from '../engine-state';
import { customProperties, defined, describedUpdate, ENGINE_LOCALES, link, locale, newId, optionalText, requiredText, timestamp } from './common';
import { DATASET_FILTERABLE, datasetFilterValues, presentDataset } from './datasets';
import { MODEL_FILTERABLE, presentModel } from './models';
import { EVALUATION_FILTERABLE, presentEvaluation } from './evaluations';
import { ENDPOINT_FILTERABLE, presentEndpoint } from './endpoints';
import { presentTranscription, projectOfTranscription, TRANSCRIPTION_FILTERABLE } from './transcriptions';

const FILTERABLE = new Set(['displayName', 'description', 'createdDateTime', 'locale']);

export function presentProject(base: string, project: ProjectRecord, state: EngineState): object {
  const self = `projects/${project.id}`;
  const datasetCount = state.datasets.all().filter((d) => d.project === project.id).length;
  const modelCount = state.models.all().filter((m) => m.project === project.id).length;
  const evaluationCount = state.evaluations.all().filter((e) => e.project === project.id).length;
  const endpointCount = state.endpoints.all().filter((e) => e.project === project.id).length;
  const transcriptionCount = state.transcriptions.all().filter((t) => projectOfTranscription(state, t) === project.id).length;
  return defined({
    self: link(base, self),
    displayName: project.displayName,
    locale: project.locale,
    description: project.description,
    customProperties: project.customProperties,
    createdDateTime: project.createdDateTime,
    links: Object.fromEntries(['datasets', 'models', 'evaluations', 'endpoints', 'transcriptions'].map((kind) => [kind, link(base, `${self}/${kind}`)])),
    properties: { datasetCount, evaluationCount, modelCount, transcriptionCount, endpointCount },
  });
}

export function registerProjectRoutes(router: Router, state: EngineState): void {
  const find = (id: string) => {
    const project = state.projects.get(id.toLowerCase());
    if (!project) throw notFound(`Project ${id}`);
    return project;
  };

  router.on('GET', '/projects', ({ base, query }) => {
    const page = pageOf(state.projects.all(), query, `${base}/projects`, { fields: FILTERABLE, valuesOf: (p) => p as unknown as Record<string, unknown> });
    return { status: 200, body: { ...page, values: page.values.map((p) => presentProject(base, p, state)) } };
  });

  router.on('GET', '/projects/locales', () => ({ status: 200, body: [...ENGINE_LOCALES] }));

  router.on('POST', '/projects', async ({ base, request }) => {
    const body = await readJsonObject(request);
    const project: ProjectRecord = defined({
      id: newId(),
      displayName: requiredText(body, 'displayName'),
      locale: locale(body),
      description: optionalText(body, 'description'),
      customProperties: customProperties(body),
      createdDateTime: timestamp(),
    });
    await state.projects.put(project);
    const answer = presentProject(base, project, state) as { self: string };
    return { status: 201, body: answer, headers: { Location: answer.self } };
  });

  router.on('GET', '/projects/:id', ({ base, params }) => ({ status: 200, body: presentProject(base, find(params.id!), state) }));

  router.on('PATCH', '/projects/:id', async ({ base, params, request }) => {
    const project = find(params.id!);
    const body = await readJsonObject(request);
    if ('locale' in body && body.locale !== project.locale) throw badRequest("A project's locale cannot be changed.", 'InvalidLocale');
    const updated: ProjectRecord = describedUpdate(project, body, 'a project', { alsoAllowed: ['locale'] });
    await state.projects.put(updated);
    return { status: 200, body: presentProject(base, updated, state) };
  });

  router.on('DELETE', '/projects/:id', async ({ params }) => {
    // The service answers 204 even for an entity that does not exist.
    const project = state.projects.get(params.id!.toLowerCase());
    if (project) await state.projects.delete(project.id);
    return { status: 204 };
  });

  router.on('GET', '/projects/:id/datasets', ({ base, params, query }) => {
    const project = find(params.id!);
    const datasets = state.datasets.all().filter((d) => d.project === project.id);
    const page = pageOf(datasets, query, `${base}/projects/${project.id}/datasets`, { fields: DATASET_FILTERABLE, valuesOf: datasetFilterValues });
    return { status: 200, body: { ...page, values: page.values.map((d) => presentDataset(base, d)) } };
  });

  router.on('GET', '/projects/:id/models', ({ base, params, query }) => {
    const project = find(params.id!);
    const models = state.models.all().filter((m) => m.project === project.id);
    const page = pageOf(models, query, `${base}/projects/${project.id}/models`, { fields: MODEL_FILTERABLE, valuesOf: (m) => m as unknown as Record<string, unknown> });
    return { status: 200, body: { ...page, values: page.values.map((m) => presentModel(base, m)) } };
  });

  router.on('GET', '/projects/:id/evaluations', ({ base, params, query }) => {
    const project = find(params.id!);
    const evaluations = state.evaluations.all().filter((e) => e.project === project.id);
    const page = pageOf(evaluations, query, `${base}/projects/${project.id}/evaluations`, { fields: EVALUATION_FILTERABLE, valuesOf: (e) => e as unknown as Record<string, unknown> });
    return { status: 200, body: { ...page, values: page.values.map((e) => presentEvaluation(base, e, state.progress)) } };
  });

  router.on('GET', '/projects/:id/endpoints', ({ base, params, query }) => {
    const project = find(params.id!);
    const endpoints = state.endpoints.all().filter((e) => e.project === project.id);
    const page = pageOf(endpoints, query, `${base}/projects/${project.id}/endpoints`, { fields: ENDPOINT_FILTERABLE, valuesOf: (e) => e as unknown as Record<string, unknown> });
    return { status: 200, body: { ...page, values: page.values.map((e) => presentEndpoint(base, e)) } };
  });

  // The engine runs no batch transcriptions on request: a project holds those of its evaluations.
  router.on('GET', '/projects/:id/transcriptions', ({ base, params, query }) => {
    const project = find(params.id!);
    const transcriptions = state.transcriptions.all().filter((t) => projectOfTranscription(state, t) === project.id);
    const page = pageOf(transcriptions, query, `${base}/projects/${project.id}/transcriptions`, { fields: TRANSCRIPTION_FILTERABLE, valuesOf: (t) => t as unknown as Record<string, unknown> });
    return { status: 200, body: { ...page, values: page.values.map((t) => presentTranscription(base, t)) } };
  });
}
