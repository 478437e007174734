import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SpeechClient } from '../api/client';
import { SpeechApiError } from '../api/errors';
import { decodeUtf8 } from '../scoring/readers/decode-utf8';
import { parseTranscript } from '../scoring/readers/transcript';
import type { Corpus } from '../scoring/types';
import { datasetArchiveUrl, unpackDatasetArchive } from './dataset-archive';
import { EvaluationResultsError, ReferenceUnavailableError } from './evaluation-results-error';

/** The reference transcripts of a test dataset, and each utterance's audio file as the zip names it. */
export interface DatasetReference {
  corpus: Corpus;
  /** Canonical utterance id → the audio's path in the zip (`call-1.wav`, `calls/call-1.wav`). */
  audioNames: Map<string, string>;
}

/**
 * Reads an Acoustic test dataset's transcript as the service holds it: its zip (the
 * AcousticDataArchive file) is downloaded into a temporary folder, only the `.txt` entry is
 * extracted (with the import's limits: zip-slip, bombs), and everything is removed afterwards.
 */
export async function datasetReference(client: SpeechClient, datasetId: string, signal?: AbortSignal): Promise<DatasetReference> {
  let dataset;
  try {
    dataset = await client.datasets.get(datasetId, signal);
  } catch (error) {
    if (error instanceof SpeechApiError && error.status === 404) throw new ReferenceUnavailableError(`The test dataset ${datasetId} no longer exists: give the reference transcript from the workspace instead.`);
    throw error;
  }
  const name = `test dataset ${dataset.displayName}`;
  if (dataset.kind === 'AudioFiles') throw new EvaluationResultsError(`The ${name} is audio only (AudioFiles): there are no reference transcripts to score against.`);
  const zipUrl = await datasetArchiveUrl(client, datasetId, signal);
  if (!zipUrl) throw new ReferenceUnavailableError(`The ${name} has no audio archive (zip) to read its transcript from: give the reference transcript from the workspace instead.`);

  const folder = await mkdtemp(path.join(tmpdir(), 'cs-report-reference-'));
  try {
    const entries = await unpackDatasetArchive(client, zipUrl, folder, { include: (entry) => /\.txt$/i.test(entry), ...(signal ? { signal } : {}) });
    if (entries.length !== 1) throw new EvaluationResultsError(`The ${name}'s zip holds ${entries.length} transcripts (.txt); an Acoustic dataset has exactly one.`);
    const transcript = entries[0]!.name;
    const origin = `${transcript} in the ${name}`;
    const text = decodeUtf8(await readFile(path.join(folder, ...transcript.split('/'))), origin);
    const corpus = parseTranscript(text, origin);
    return { corpus, audioNames: audioNamesOf(corpus, text, path.posix.dirname(transcript)) };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Each utterance's audio as written on its line, relative to the zip's root (as the import resolves it). */
function audioNamesOf(corpus: Corpus, text: string, transcriptFolder: string): Map<string, string> {
  const lines = text.split('\n');
  const names = new Map<string, string>();
  for (const utterance of corpus.utterances) {
    const line = lines[utterance.line - 1]!;
    const name = line.slice(0, line.indexOf('\t')).trim().replace(/\\/g, '/');
    names.set(utterance.id, transcriptFolder === '.' ? name : `${transcriptFolder}/${name}`);
  }
  return names;
}
