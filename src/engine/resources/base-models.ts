import { notFound } from '../http/api-error';
import { pageOf } from '../http/paging';
import type { Router } from '../http/router';
import * as path from 'node:path';
import { baseModelPaths } from '../recognizer/model-paths';
import { ENGINE_LOCALES, link } from './common';
import { sendFile, signedFileLink } from './files';

/**
 * The engine's one base model: CMU PocketSphinx's generic US English model (Debian packages
 * pocketsphinx-en-us), adaptable with related text, structured text, pronunciations and audio.
 * Its dates are fixed, like a real base model's, far enough out to train and test with.
 */
export const BASE_MODEL = {
  id: '5f3e0b2a-7c1d-4e8b-9a6f-2d4c8e1b7a90',
  displayName: '20260101 PocketSphinx en-US generic (local engine)',
  description: 'CMU PocketSphinx 5 continuous US English acoustic model with the generic 3-gram language model and the CMU dictionary.',
  locale: 'en-US',
  createdDateTime: '2026-01-01T00:00:00Z',
  adaptationDateTime: '2028-01-15T00:00:00Z',
  transcriptionDateTime: '2028-07-15T00:00:00Z',
} as const;

export const ADAPTATION_KINDS = ['Language', 'LanguageMarkdown', 'Pronunciation', 'Acoustic'] as const;

export function presentBaseModel(base: string): object {
  const self = `models/base/${BASE_MODEL.id}`;
  return {
    self: link(base, self),
    displayName: BASE_MODEL.displayName,
    description: BASE_MODEL.description,
    locale: BASE_MODEL.locale,
    createdDateTime: BASE_MODEL.createdDateTime,
    lastActionDateTime: BASE_MODEL.createdDateTime,
    status: 'Succeeded',
    links: { manifest: link(base, `${self}/manifest`) },
    properties: {
      deprecationDates: { adaptationDateTime: BASE_MODEL.adaptationDateTime, transcriptionDateTime: BASE_MODEL.transcriptionDateTime },
      features: {
        supportsAdaptationsWith: [...ADAPTATION_KINDS],
        supportsTranscriptionsSubmit: false,
        supportsTranscriptionsTranscribe: true,
        supportsEndpoints: true,
        supportsTranscriptionsOnSpeechContainers: false,
        supportedOutputFormats: ['Lexical'],
      },
      chargeForAdaptation: false,
    },
  };
}

const FILTERABLE = new Set(['displayName', 'description', 'locale', 'status', 'createdDateTime', 'lastActionDateTime']);

export function registerBaseModelRoutes(router: Router, key: string): void {
  router.on('GET', '/models/base', ({ base, query }) => {
    const models = [presentBaseModel(base)] as Record<string, unknown>[];
    return { status: 200, body: pageOf(models, query, `${base}/models/base`, { fields: FILTERABLE, valuesOf: (m) => m }) };
  });
  router.on('GET', '/models/base/:id', ({ base, params }) => {
    if (params.id!.toLowerCase() !== BASE_MODEL.id) throw notFound(`Base model ${params.id}`);
    return { status: 200, body: presentBaseModel(base) };
  });
  router.on('GET', '/models/locales', () => ({ status: 200, body: [...ENGINE_LOCALES] }));

  // The files the decoder loads for the base model, as signed links (a container's manifest).
  router.on('GET', '/models/base/:id/manifest', ({ base, params }) => {
    if (params.id!.toLowerCase() !== BASE_MODEL.id) throw notFound(`Base model ${params.id}`);
    const modelFiles = Object.keys(baseModelFileMap()).map((name) => ({ name, contentUrl: signedFileLink(base, `models/base/${BASE_MODEL.id}/manifest/${encodeURIComponent(name)}`, key) }));
    return { status: 200, body: { model: { self: link(base, `models/base/${BASE_MODEL.id}`) }, modelFiles, properties: {} } };
  });

  router.on('GET', '/models/base/:id/manifest/:name/content', async ({ params, response }) => {
    const file = baseModelFileMap()[params.name!];
    if (params.id!.toLowerCase() !== BASE_MODEL.id || !file) throw notFound(`Manifest file ${params.name}`);
    await sendFile(response, file, params.name!);
    return undefined;
  });
}

/** The base model's files by manifest name: the acoustic model's files, the dictionary, the language model. */
function baseModelFileMap(): Record<string, string> {
  const paths = baseModelPaths();
  const acoustic = ['mdef', 'means', 'variances', 'transition_matrices', 'sendump', 'feat.params', 'noisedict'];
  return {
    ...Object.fromEntries(acoustic.map((name) => [`en-us/${name}`, path.join(paths.acousticModel, name)])),
    [path.basename(paths.dictionary)]: paths.dictionary,
    [path.basename(paths.languageModel)]: paths.languageModel,
  };
}
