import type { SpeechClient } from '../api/client';
import { entityIdOf } from '../api/ids';
import type { Dataset } from '../api/schemas';
import { waitForStatus } from '../api/wait';
import { lintDatasetFile } from '../lint/dataset-lint';
import { uploadInBlocks, type BlockProgress } from './block-upload';
import { datasetContent } from './dataset-content';

export interface UploadDatasetRequest {
  /** A file, a zip, or a folder of WAV files (and a transcript). */
  source: string;
  kind: string;
  locale: string;
  displayName: string;
  description?: string;
  /** The project to file it under. */
  projectId?: string;
  /** Tags kept with the dataset (at most 9: the service holds 10, the client adds one). */
  customProperties?: Record<string, string>;
  /** Upload even when the lint gate finds errors (the service then rejects those lines itself). */
  ignoreLintErrors?: boolean;
  /** Continue the upload of this dataset (from an UploadInterruptedError) instead of creating one. */
  resumeDatasetId?: string;
  /** Block size in bytes (at most 8 MiB; 4 MiB by default). */
  blockBytes?: number;
  /** Wait for the import and validation to finish (the default). */
  waitForImport?: boolean;
  signal?: AbortSignal;
  onProgress?: (event: UploadEvent) => void;
}

export type UploadEvent =
  | { stage: 'lint'; file: string }
  | { stage: 'created'; datasetId: string }
  | ({ stage: 'upload' } & BlockProgress)
  | { stage: 'import'; status: string; elapsedMs: number };

export interface LintGateProblem {
  file: string;
  /** 1-based. */
  line: number;
  code: string;
  message: string;
}

/** The files have errors the service would reject; nothing was uploaded. */
export class LintGateError extends Error {
  override readonly name = 'LintGateError';
  constructor(readonly problems: LintGateProblem[], readonly problemCount: number) {
    const shown = problems.slice(0, 5).map((p) => `${p.file}:${p.line}: ${p.message} (${p.code})`);
    super(`The dataset has ${problemCount} error${problemCount === 1 ? '' : 's'}; nothing was uploaded. Fix them or upload anyway.\n${shown.join('\n')}${problemCount > shown.length ? `\n… and ${problemCount - shown.length} more` : ''}`);
  }
}

/** The upload stopped part way; the blocks sent are kept, and the upload can resume with `datasetId`. */
export class UploadInterruptedError extends Error {
  override readonly name = 'UploadInterruptedError';
  constructor(readonly datasetId: string, cause: unknown) {
    super(`The upload of dataset ${datasetId} stopped: ${cause instanceof Error ? cause.message : String(cause)} Upload again to resume; blocks already sent are not sent twice.`, { cause });
  }
}

/**
 * Uploads a workspace dataset: the lint gate, then the content in blocks (a folder zipped as it
 * streams), the commit, and the wait for the service's import. Returns the dataset as the import
 * left it: Succeeded, or Failed with its `properties.error`.
 */
export async function uploadDataset(client: SpeechClient, request: UploadDatasetRequest): Promise<Dataset> {
  const { signal } = request;
  const content = await datasetContent(request.source, request.kind);
  if (!request.ignoreLintErrors) await lintGate(content.lintTargets, request.locale, request.onProgress);

  let datasetId = request.resumeDatasetId;
  if (datasetId) {
    const existing = await client.datasets.get(datasetId, signal);
    if (existing.status !== 'NotStarted') return request.waitForImport === false ? existing : waitForImport(client, datasetId, request);
  } else {
    const created = await client.datasets.create(
      {
        kind: request.kind,
        locale: request.locale,
        displayName: request.displayName,
        ...(request.description ? { description: request.description } : {}),
        ...(request.projectId ? { project: client.reference('projects', request.projectId) } : {}),
        ...(request.customProperties ? { customProperties: request.customProperties } : {}),
      },
      signal,
    );
    datasetId = entityIdOf(created.self, 'datasets');
  }
  request.onProgress?.({ stage: 'created', datasetId });
  try {
    await uploadInBlocks(client.datasets, datasetId, content.open(), {
      totalBytes: content.size,
      blockBytes: request.blockBytes,
      signal,
      onProgress: (progress) => request.onProgress?.({ stage: 'upload', ...progress }),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new UploadInterruptedError(datasetId, error);
  }
  if (request.waitForImport === false) return client.datasets.get(datasetId, signal);
  return waitForImport(client, datasetId, request);
}

function waitForImport(client: SpeechClient, datasetId: string, request: UploadDatasetRequest): Promise<Dataset> {
  return waitForStatus((signal) => client.datasets.poll(datasetId, signal), {
    signal: request.signal,
    initialDelayMs: 250,
    maxDelayMs: 10_000,
    onProgress: (dataset, elapsedMs) => request.onProgress?.({ stage: 'import', status: dataset.status, elapsedMs }),
  });
}

/** Lints the files as the import will, and stops at errors. */
async function lintGate(targets: { file: string; kind: Parameters<typeof lintDatasetFile>[1] }[], locale: string, onProgress: UploadDatasetRequest['onProgress']): Promise<void> {
  const problems: LintGateProblem[] = [];
  let count = 0;
  for (const { file, kind } of targets) {
    onProgress?.({ stage: 'lint', file });
    const lint = await lintDatasetFile(file, kind, locale, { checkAudio: kind === 'transcript' });
    if (lint.error) {
      problems.push({ file, line: 1, code: lint.error.code, message: lint.error.message });
      count++;
    }
    for (const rejected of lint.rejectedLines) {
      if (problems.length < 100) problems.push({ file, line: rejected.line, code: rejected.code, message: rejected.reason });
      count++;
    }
  }
  if (count > 0) throw new LintGateError(problems, count);
}
