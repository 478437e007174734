import { notFound } from '../http/api-error';
import { pageOf } from '../http/paging';
import type { Router } from '../http/router';
import { transcriptionFolder, type EngineState, type TranscriptionRecord } from '../engine-state';
import { defined, link } from './common';
import { registerFileRoutes } from './files';
import { modelLink } from './model-refs';

export const TRANSCRIPTION_FILTERABLE = new Set(['displayName', 'description', 'createdDateTime', 'lastActionDateTime', 'status', 'locale']);

/**
 * The engine's transcriptions are those its evaluations make (one per model, as Azure's do); it
 * takes no batch transcription requests (`POST /transcriptions:submit` is not offered: Submit
 * locales are empty). They are read, listed and deleted with their evaluation.
 */
export function presentTranscription(base: string, transcription: TranscriptionRecord): object {
  const self = `transcriptions/${transcription.id}`;
  return defined({
    self: link(base, self),
    displayName: transcription.displayName,
    description: transcription.description,
    locale: transcription.locale,
    model: modelLink(base, transcription.model),
    dataset: { self: link(base, `datasets/${transcription.dataset}`) },
    status: transcription.status,
    createdDateTime: transcription.createdDateTime,
    lastActionDateTime: transcription.lastActionDateTime,
    links: { files: link(base, `${self}/files`) },
    properties: defined({ channels: [0], durationMilliseconds: transcription.durationMilliseconds, error: transcription.error }),
  });
}

/** A transcription's project is its evaluation's (which can move between projects). */
export function projectOfTranscription(state: EngineState, transcription: TranscriptionRecord): string | undefined {
  return state.evaluations.get(transcription.evaluation)?.project;
}

export function registerTranscriptionRoutes(router: Router, state: EngineState): void {
  const find = (id: string) => {
    const transcription = state.transcriptions.get(id.toLowerCase());
    if (!transcription) throw notFound(`Transcription ${id}`);
    return transcription;
  };

  router.on('GET', '/transcriptions', ({ base, query }) => {
    const page = pageOf(state.transcriptions.all(), query, `${base}/transcriptions`, { fields: TRANSCRIPTION_FILTERABLE, valuesOf: (t) => t as unknown as Record<string, unknown> });
    return { status: 200, body: { ...page, values: page.values.map((t) => presentTranscription(base, t)) } };
  });

  router.on('GET', '/transcriptions/:id', ({ base, params }) => {
    const transcription = find(params.id!);
    const running = transcription.status === 'NotStarted' || transcription.status === 'Running';
    return { status: 200, body: presentTranscription(base, transcription), ...(running ? { headers: { 'Retry-After': '5' } } : {}) };
  });

  registerFileRoutes(router, state, 'transcriptions', (id) => {
    const transcription = find(id);
    return { files: transcription.files, folder: transcriptionFolder(state, transcription.id) };
  });
}
