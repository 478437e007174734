import { rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { readJsonObject } from '../http/body';
import { ApiError, badRequest, notFound } from '../http/api-error';
import { pageOf } from '../http/paging';
import type { Router } from '../http/router';
import type { EndpointRecord, EngineState } from '../engine-state';
import { decoderConfig } from '../evaluation/model-config';
import { assertModelFiles } from '../recognizer';
import { BASE_MODEL } from './base-models';
import { modelLink, modelRefOf } from './model-refs';
import { customProperties, defined, describedUpdate, link, locale, newId, optionalText, projectOf, requiredText, timestamp } from './common';

export const ENDPOINT_FILTERABLE = new Set(['displayName', 'description', 'createdDateTime', 'lastActionDateTime', 'status', 'locale']);
/** Audio sent to `transcriptions:transcribe` at most (a fast transcription request, not a batch). */
const MAX_TRANSCRIBE_BYTES = 200 * 1024 * 1024;

export function presentEndpoint(base: string, endpoint: EndpointRecord): object {
  const self = `endpoints/${endpoint.id}`;
  return defined({
    self: link(base, self),
    displayName: endpoint.displayName,
    description: endpoint.description,
    locale: endpoint.locale,
    customProperties: endpoint.customProperties,
    project: endpoint.project ? { self: link(base, `projects/${endpoint.project}`) } : undefined,
    model: modelLink(base, endpoint.model),
    status: endpoint.status,
    createdDateTime: endpoint.createdDateTime,
    lastActionDateTime: endpoint.lastActionDateTime,
    links: {},
    properties: defined({ loggingEnabled: false, error: endpoint.error }),
  });
}

export function registerEndpointRoutes(router: Router, state: EngineState): void {
  const find = (id: string) => {
    const endpoint = state.endpoints.get(id.toLowerCase());
    if (!endpoint) throw notFound(`Endpoint ${id}`);
    return endpoint;
  };

  router.on('GET', '/endpoints', ({ base, query }) => {
    const page = pageOf(state.endpoints.all(), query, `${base}/endpoints`, { fields: ENDPOINT_FILTERABLE, valuesOf: (e) => e as unknown as Record<string, unknown> });
    return { status: 200, body: { ...page, values: page.values.map((e) => presentEndpoint(base, e)) } };
  });

  router.on('GET', '/endpoints/locales', () => ({ status: 200, body: ['en-US'] }));

  router.on('POST', '/endpoints', async ({ base, request }) => {
    const body = await readJsonObject(request);
    const now = timestamp();
    const endpoint: EndpointRecord = defined({
      id: newId(),
      displayName: requiredText(body, 'displayName'),
      description: optionalText(body, 'description'),
      locale: locale(body),
      customProperties: customProperties(body),
      project: projectOf(body, state),
      model: body.model === undefined ? { base: true, id: BASE_MODEL.id } : modelRefOf(body.model, 'model', state, { verb: 'deployed', locale: locale(body) }),
      status: 'NotStarted' as const,
      createdDateTime: now,
      lastActionDateTime: now,
    });
    await state.endpoints.put(endpoint);
    state.jobs.add('deploy', `deploy ${endpoint.id}`, () => deployEndpoint(state, endpoint.id));
    const answer = presentEndpoint(base, endpoint) as { self: string };
    return { status: 201, body: answer, headers: { Location: answer.self } };
  });

  router.on('GET', '/endpoints/:id', ({ base, params }) => {
    const endpoint = find(params.id!);
    const running = endpoint.status === 'NotStarted' || endpoint.status === 'Running';
    return { status: 200, body: presentEndpoint(base, endpoint), ...(running ? { headers: { 'Retry-After': '2' } } : {}) };
  });

  router.on('PATCH', '/endpoints/:id', async ({ base, params, request }) => {
    const endpoint = find(params.id!);
    const body = await readJsonObject(request);
    const described = describedUpdate(endpoint, body, 'an endpoint', { state, alsoAllowed: ['model', 'properties'] });
    const updated: EndpointRecord = { ...described, model: body.model !== undefined ? modelRefOf(body.model, 'model', state, { verb: 'deployed', locale: endpoint.locale }) : endpoint.model };
    await state.endpoints.put(updated);
    return { status: 200, body: presentEndpoint(base, updated) };
  });

  router.on('DELETE', '/endpoints/:id', async ({ params }) => {
    const endpoint = state.endpoints.get(params.id!.toLowerCase());
    if (endpoint) await state.endpoints.delete(endpoint.id);
    return { status: 204 };
  });

  router.on('GET', '/transcriptions/locales', () => ({ status: 200, body: { Transcribe: ['en-US'], Submit: [] } }));

  // Fast transcription: multipart `audio` (16 kHz mono 16-bit PCM WAV) and `definition` (JSON).
  router.on('POST', '/transcriptions:transcribe', async ({ request }) => {
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > MAX_TRANSCRIBE_BYTES) throw new ApiError(413, 'InvalidRequest', 'The audio is over 200 MB: use a batch transcription.', 'AudioLengthLimitExceeded');
    let form: FormData;
    try {
      const body = Readable.toWeb(request) as unknown as ReadableStream<Uint8Array>;
      form = await new Request('http://127.0.0.1/', { method: 'POST', headers: request.headers as Record<string, string>, body, duplex: 'half' } as RequestInit).formData();
    } catch (error) {
      throw badRequest(`The body must be multipart/form-data with an "audio" file and a "definition": ${(error as Error).message}`);
    }
    const definitionText = form.get('definition');
    let definition: { locales?: unknown; models?: Record<string, unknown> } = {};
    if (typeof definitionText === 'string' && definitionText.trim()) {
      try {
        definition = JSON.parse(definitionText) as typeof definition;
      } catch (error) {
        throw badRequest(`"definition" is not valid JSON: ${(error as Error).message}`);
      }
    }
    const audio = form.get('audio');
    if (!audio || typeof audio === 'string') throw badRequest('The "audio" part is missing: send the audio file as a form field named "audio".', 'EmptyAudioFile');
    const localeWanted = Array.isArray(definition.locales) && typeof definition.locales[0] === 'string' ? definition.locales[0] : 'en-US';
    if (localeWanted.toLowerCase() !== 'en-us') throw badRequest(`The local engine transcribes en-US, not ${localeWanted}.`, 'InvalidLocale');
    const modelUri = definition.models ? Object.entries(definition.models).find(([key]) => key.toLowerCase() === 'en-us')?.[1] : undefined;
    const model = modelUri === undefined ? { base: true, id: BASE_MODEL.id } : modelRefOf(modelUri, 'definition.models', state, { verb: 'used', endpoints: true });
    const folder = await mkdtemp(path.join(tmpdir(), 'cs-transcribe-'));
    try {
      const file = path.join(folder, 'audio.wav');
      await writeFile(file, Buffer.from(await audio.arrayBuffer()));
      const result = await state.decoders.decode(decoderConfig(state, model), file);
      if ('error' in result) throw badRequest(`The audio cannot be transcribed: ${result.error}`, 'InvalidAudioFormat');
      const { hypothesis } = result;
      const milliseconds = (seconds: number) => Math.round(seconds * 1000);
      return {
        status: 200,
        body: {
          durationMilliseconds: milliseconds(hypothesis.audioSeconds),
          combinedPhrases: [{ text: hypothesis.text }],
          phrases: hypothesis.text
            ? [{
                offsetMilliseconds: milliseconds(hypothesis.words[0]?.startSeconds ?? 0),
                durationMilliseconds: milliseconds((hypothesis.words.at(-1)?.endSeconds ?? 0) - (hypothesis.words[0]?.startSeconds ?? 0)),
                text: hypothesis.text,
                words: hypothesis.words.map((w) => ({ text: w.word, offsetMilliseconds: milliseconds(w.startSeconds), durationMilliseconds: milliseconds(w.endSeconds - w.startSeconds) })),
                locale: 'en-US',
              }]
            : [],
        },
      };
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
}

/** Deployment: check the model's files are all there, so a Succeeded endpoint can decode. */
export async function deployEndpoint(state: EngineState, id: string): Promise<void> {
  const endpoint = state.endpoints.get(id);
  if (!endpoint || endpoint.status === 'Succeeded' || endpoint.status === 'Failed') return;
  const save = (changes: Partial<EndpointRecord>) => state.endpoints.put({ ...state.endpoints.get(id)!, ...changes, lastActionDateTime: timestamp() });
  await save({ status: 'Running' });
  try {
    assertModelFiles(decoderConfig(state, endpoint.model));
    await save({ status: 'Succeeded' });
  } catch (error) {
    await save({ status: 'Failed', error: { code: 'ModelNotDeployable', message: error instanceof Error ? error.message : String(error) } });
  }
}
