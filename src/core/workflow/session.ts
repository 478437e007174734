import type { SpeechClient } from '../api/client';
import type { BaseModel } from '../api/schemas';
import type { LoadedManifest } from '../manifest/load-manifest';
import type { UploadEvent } from '../upload/upload-dataset';
import type { DatasetOutcome } from './datasets';
import type { TrainedModel } from './models';

/** What a workflow step reports while it works, for a progress line or a notification. */
export type WorkflowEvent =
  | { step: 'project'; name: string; action: 'found' | 'created'; projectId: string }
  | { step: 'dataset'; key: string; action: 'unchanged' | 'hashing' | 'resuming' | 'waiting'; datasetId?: string }
  | { step: 'dataset'; key: string; action: 'upload'; upload: UploadEvent }
  | { step: 'model'; key: string; action: 'reused' | 'created'; modelId: string; baseModel: string }
  | { step: 'model' | 'evaluation'; key: string; action: 'status'; status: string; elapsedMs: number; /** "34 %", where the service tells. */ progress?: string }
  | { step: 'evaluation'; key: string; action: 'reused' | 'created'; evaluationId: string };

export interface WorkflowOptions {
  signal?: AbortSignal;
  onProgress?: (event: WorkflowEvent) => void;
  /** Upload, train and test again even when an identical entity exists. */
  force?: boolean;
  /** Upload datasets even when the lint gate finds errors. */
  ignoreLintErrors?: boolean;
  /** First poll interval while waiting (the service's Retry-After wins). */
  pollMs?: number;
}

/**
 * One run of a manifest against one service: the client, the manifest, and what was resolved so
 * far (project, datasets, models), so that `test` asking for a model that `train` just made, or
 * two recipes sharing a dataset, look nothing up twice.
 */
export class WorkflowSession {
  readonly resolved = {
    projectId: undefined as Promise<string | undefined> | undefined,
    datasets: new Map<string, Promise<DatasetOutcome>>(),
    models: new Map<string, Promise<TrainedModel>>(),
    baseModels: new Map<string, Promise<BaseModel>>(),
  };

  constructor(
    readonly client: SpeechClient,
    readonly loaded: LoadedManifest,
    readonly options: WorkflowOptions = {},
  ) {}

  get manifest(): LoadedManifest['manifest'] {
    return this.loaded.manifest;
  }

  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  report(event: WorkflowEvent): void {
    this.options.onProgress?.(event);
  }

  /** Remembers the promise of resolving `key`, so concurrent asks share one lookup. */
  once<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
    let found = cache.get(key);
    if (!found) {
      found = make();
      cache.set(key, found);
      // A failed attempt is not remembered: the next ask tries again.
      found.catch(() => cache.delete(key));
    }
    return found;
  }
}

/** A name asked for is not in the manifest. */
export class UnknownEntryError extends Error {
  override readonly name = 'UnknownEntryError';
}

/** The entries of `section` named in `names` (all when none), in the manifest's order. */
export function selectEntries<T>(section: Record<string, T>, names: readonly string[], what: string): [string, T][] {
  const keys = Object.keys(section);
  for (const name of names) {
    if (!(name in section)) throw new UnknownEntryError(`The manifest has no ${what} '${name}'${keys.length ? ` (it has: ${keys.join(', ')})` : ''}.`);
  }
  return Object.entries(section).filter(([key]) => names.length === 0 || names.includes(key));
}
