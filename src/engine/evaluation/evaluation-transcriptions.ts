import { mkdir, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { transcriptionFolder, type EngineState, type EvaluationRecord, type FileRecord, type ModelRef, type TranscriptionRecord } from '../engine-state';
import type { Hypothesis } from '../recognizer/recognizer';
import { newId, timestamp } from '../resources/common';
import { writeFileAtomic } from '../store/atomic-file';
import { transcriptionReport, transcriptionResult } from './transcription-result';

type TranscriptionIds = Pick<EvaluationRecord, 'transcription1' | 'transcription2'>;

/**
 * The evaluation's transcriptions, one per model (one for the same model twice), Running until its
 * results are written. A run interrupted by a restart keeps the ids it had, so no orphan is left.
 */
export async function startTranscriptions(state: EngineState, evaluation: EvaluationRecord): Promise<Required<TranscriptionIds>> {
  const same = sameModel(evaluation.model1, evaluation.model2);
  const transcription1 = evaluation.transcription1 ?? newId();
  const reused2 = evaluation.transcription2 !== undefined && evaluation.transcription2 !== transcription1 ? evaluation.transcription2 : undefined;
  const transcription2 = same ? transcription1 : (reused2 ?? newId());
  const now = timestamp();
  for (const [id, model, n] of [[transcription1, evaluation.model1, 1], [transcription2, evaluation.model2, 2]] as const) {
    if (n === 2 && same) continue;
    await rm(transcriptionFolder(state, id), { recursive: true, force: true });
    const record: TranscriptionRecord = {
      id,
      displayName: `${evaluation.displayName} (model ${same ? '1 and 2' : n})`,
      locale: evaluation.locale,
      createdDateTime: state.transcriptions.get(id)?.createdDateTime ?? now,
      lastActionDateTime: now,
      status: 'Running',
      model,
      dataset: evaluation.dataset,
      evaluation: evaluation.id,
      files: [],
    };
    await state.transcriptions.put(record);
  }
  return { transcription1, transcription2 };
}

/** Writes one Transcription file per audio file (`contenturl_<n>.json`) and `report.json`, then Succeeded. */
export async function finishTranscription(state: EngineState, id: string, sources: readonly string[], hypotheses: readonly Hypothesis[]): Promise<void> {
  const transcription = state.transcriptions.get(id);
  if (!transcription) return;
  const folder = transcriptionFolder(state, id);
  await mkdir(folder, { recursive: true });
  const files: FileRecord[] = [];
  const addFile = async (name: string, kind: string, content: object) => {
    await writeFileAtomic(path.join(folder, name), JSON.stringify(content, null, 2));
    files.push({ id: newId(), name, kind, size: (await stat(path.join(folder, name))).size, createdDateTime: timestamp(), path: name });
  };
  const now = timestamp();
  for (const [i, source] of sources.entries()) await addFile(`contenturl_${i}.json`, 'Transcription', transcriptionResult(source, hypotheses[i]!, transcription.locale, now));
  await addFile('report.json', 'TranscriptionReport', transcriptionReport(sources));
  const durationMilliseconds = Math.round(hypotheses.reduce((sum, h) => sum + h.audioSeconds, 0) * 1000);
  await state.transcriptions.put({ ...transcription, status: 'Succeeded', files, durationMilliseconds, lastActionDateTime: timestamp() });
}

/** The evaluation failed: so did its transcriptions that had not finished. */
export async function failTranscriptions(state: EngineState, evaluation: TranscriptionIds, error: { code: string; message: string }): Promise<void> {
  for (const id of new Set([evaluation.transcription1, evaluation.transcription2])) {
    const transcription = id ? state.transcriptions.get(id) : undefined;
    if (transcription && transcription.status !== 'Succeeded') await state.transcriptions.put({ ...transcription, status: 'Failed', error, lastActionDateTime: timestamp() });
  }
}

/** Deleting an evaluation deletes the transcriptions it made, entities and files. */
export async function deleteTranscriptions(state: EngineState, evaluation: TranscriptionIds): Promise<void> {
  for (const id of new Set([evaluation.transcription1, evaluation.transcription2])) {
    if (!id) continue;
    await state.transcriptions.delete(id);
    await rm(transcriptionFolder(state, id), { recursive: true, force: true });
  }
}

export function sameModel(a: ModelRef, b: ModelRef): boolean {
  return a.base === b.base && a.id === b.id;
}
