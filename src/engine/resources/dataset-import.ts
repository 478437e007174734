import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { FileKind } from '../../core/lint/kinds';
import { writeFileAtomic } from '../store/atomic-file';
import { datasetFolder, type DatasetRecord, type EngineState, type FileRecord } from '../engine-state';
import { importAudioZip } from './audio-import';
import { newId, timestamp } from './common';
import { lintDatasetFile } from '../../core/lint/dataset-lint';

/** How each text kind is checked (the editor's rules) and stored. */
const TEXT_KINDS: Record<string, { lint: FileKind; fileName: string; fileKind: string }> = {
  Language: { lint: 'related-text', fileName: 'language_data.txt', fileKind: 'LanguageData' },
  LanguageMarkdown: { lint: 'structured-text', fileName: 'language_data.md', fileKind: 'LanguageData' },
  Pronunciation: { lint: 'pronunciation', fileName: 'pronunciation_data.txt', fileKind: 'PronunciationData' },
};

/** Zips of audio (and a transcript), extracted and checked by `importAudioZip`. */
const AUDIO_KINDS: Record<string, { fileName: string; fileKind: string }> = {
  Acoustic: { fileName: 'archive.zip', fileKind: 'AcousticDataArchive' },
  AudioFiles: { fileName: 'archive.zip', fileKind: 'AcousticDataArchive' },
};

/** Where an audio dataset's zip is extracted, and the list of its usable utterances. */
export const AUDIO_FOLDER = 'audio';
export const UTTERANCES_FILE = 'utterances.json';

/** Upload and content-URL size limit, as the service's. */
const MAX_DATASET_BYTES = 2 * 1024 ** 3;

/** The validation report, `report.json` (kind DatasetReport). The service does not publish its schema; this is ours. */
export interface DatasetReport {
  version: 1;
  kind: string;
  locale: string;
  lineCount: number;
  acceptedLineCount: number;
  rejectedLineCount: number;
  /** Lines left out of training, with the first reason (1-based line numbers). */
  rejectedLines: { line: number; code: string; reason: string }[];
  /** Problems that do not reject a line (first 1,000). */
  warnings: { line: number; code: string; message: string }[];
  /** Why the whole dataset failed, when it did. */
  error?: { code: string; message: string };
}

/**
 * The import and validation job: fetch the content (blocks already joined, or the contentUrl), check
 * it with the same rules as the editor, keep the data file and `report.json`, and end Succeeded — or
 * Failed with the reason in `properties.error`. Any unexpected error fails the dataset: a dataset
 * never stays Running.
 */
export async function importDataset(state: EngineState, id: string): Promise<void> {
  const initial = state.datasets.get(id);
  if (!initial || initial.status === 'Succeeded' || initial.status === 'Failed') return;
  await update(state, id, { status: 'Running' });
  try {
    const folder = datasetFolder(state, id);
    await mkdir(folder, { recursive: true });
    const kind = TEXT_KINDS[initial.kind] ?? AUDIO_KINDS[initial.kind];
    if (!kind) return await fail(state, id, 'DataImportFailed', `The local engine cannot import ${initial.kind} datasets: it imports Acoustic, AudioFiles, Language, LanguageMarkdown and Pronunciation data.`);
    const upload = path.join(folder, 'upload');
    const dataFile = path.join(folder, kind.fileName);
    if (!initial.uploadByBlocks) await fetchContent(initial.contentUrl!, upload);
    else if (initial.blockList && !(await exists(upload)) && !(await exists(dataFile))) await joinBlocks(path.join(folder, 'blocks'), initial.blockList, upload);
    // After a restart the upload may already have become the data file.
    if (await exists(upload)) await rename(upload, dataFile);
    const { size } = await stat(dataFile);
    if (size > MAX_DATASET_BYTES) return await fail(state, id, 'InvalidDataset', `The data is ${size} bytes; a dataset holds at most 2 GB.`);
    if (AUDIO_KINDS[initial.kind]) return await importAudio(state, initial, folder, dataFile, kind.fileName, kind.fileKind);
    const report = await validate(dataFile, (kind as (typeof TEXT_KINDS)[string]).lint, initial);
    const files: FileRecord[] = [await fileRecord(folder, kind.fileName, kind.fileKind)];
    await writeFileAtomic(path.join(folder, 'report.json'), JSON.stringify(report, null, 2));
    files.push(await fileRecord(folder, 'report.json', 'DatasetReport'));
    const counts = { acceptedLineCount: report.acceptedLineCount, rejectedLineCount: report.rejectedLineCount, durationMilliseconds: 0 };
    if (report.error) return await update(state, id, { status: 'Failed', files, properties: { ...counts, error: report.error } });
    if (report.acceptedLineCount === 0) {
      return await update(state, id, { status: 'Failed', files, properties: { ...counts, error: { code: 'InvalidDataset', message: 'No line of the data was accepted: see report.json for the reason of each.' } } });
    }
    await update(state, id, { status: 'Succeeded', files, properties: counts });
  } catch (error) {
    await fail(state, id, 'DataImportFailed', `The import failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function importAudio(state: EngineState, dataset: DatasetRecord, folder: string, archive: string, archiveName: string, archiveKind: string): Promise<void> {
  const result = await importAudioZip(archive, path.join(folder, AUDIO_FOLDER), dataset.kind as 'Acoustic' | 'AudioFiles', dataset.locale);
  await writeFileAtomic(path.join(folder, UTTERANCES_FILE), JSON.stringify(result.utterances));
  await writeFileAtomic(path.join(folder, 'report.json'), JSON.stringify(result.report, null, 2));
  const files = [await fileRecord(folder, archiveName, archiveKind), await fileRecord(folder, 'report.json', 'DatasetReport')];
  const { report } = result;
  const properties = { acceptedLineCount: report.acceptedLineCount, rejectedLineCount: report.rejectedLineCount, durationMilliseconds: result.durationMilliseconds };
  if (report.error) return update(state, dataset.id, { status: 'Failed', files, properties: { ...properties, error: report.error } });
  if (report.acceptedLineCount === 0) {
    return update(state, dataset.id, { status: 'Failed', files, properties: { ...properties, error: { code: 'InvalidDataset', message: 'No audio file of the zip could be used: see report.json for the reason of each.' } } });
  }
  await update(state, dataset.id, { status: 'Succeeded', files, properties });
}

async function validate(file: string, kind: FileKind, dataset: DatasetRecord): Promise<DatasetReport> {
  const { rejectedLines, warnings, error } = await lintDatasetFile(file, kind, dataset.locale, { checkAudio: false });
  const lineCount = await countTextLines(file);
  return {
    version: 1,
    kind: dataset.kind,
    locale: dataset.locale,
    lineCount,
    acceptedLineCount: error ? 0 : Math.max(0, lineCount - rejectedLines.length),
    rejectedLineCount: error ? lineCount : rejectedLines.length,
    rejectedLines,
    warnings,
    ...(error ? { error } : {}),
  };
}

/** Lines with something on them (blank lines are neither accepted nor rejected). */
async function countTextLines(file: string): Promise<number> {
  let count = 0;
  let content = false;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === 10) {
        if (content) count++;
        content = false;
      } else if (byte !== 13 && byte !== 32 && byte !== 9) {
        content = true;
      }
    }
  }
  return content ? count + 1 : count;
}

async function fetchContent(contentUrl: string, target: string): Promise<void> {
  const url = new URL(contentUrl);
  if (url.protocol === 'file:') {
    await copyFile(fileURLToPath(url), target);
    return;
  }
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`GET ${url.origin}${url.pathname} answered ${response.status} ${response.statusText}.`);
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>), createWriteStream(target));
}

/**
 * The committed blocks, in order, as one file: 8 MiB at a time, so memory does not depend on the
 * dataset's size. The blocks stay until the join is complete, so an interrupted join starts over.
 */
async function joinBlocks(blocksFolder: string, blockList: readonly string[], target: string): Promise<void> {
  const temporary = `${target}.tmp`;
  const out = await open(temporary, 'w');
  try {
    for (const name of blockList) await out.write(await readFile(path.join(blocksFolder, name)));
    await out.sync();
  } finally {
    await out.close();
  }
  await rename(temporary, target);
  await rm(blocksFolder, { recursive: true, force: true });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function fileRecord(folder: string, name: string, kind: string): Promise<FileRecord> {
  const { size } = await stat(path.join(folder, name));
  return { id: newId(), name, kind, size, createdDateTime: timestamp(), path: name };
}

async function fail(state: EngineState, id: string, code: string, message: string): Promise<void> {
  const dataset = state.datasets.get(id);
  await update(state, id, { status: 'Failed', properties: { ...(dataset?.properties ?? {}), error: { code, message } } });
}

async function update(state: EngineState, id: string, changes: Partial<DatasetRecord>): Promise<void> {
  const dataset = state.datasets.get(id);
  if (!dataset) return; // deleted meanwhile
  await state.datasets.put({ ...dataset, ...changes, lastActionDateTime: timestamp() });
}
