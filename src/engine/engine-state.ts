import * as path from 'node:path';
import { EntityStore } from './store/entity-store';
import { JobQueue } from './jobs';

export interface ProjectRecord {
  id: string;
  displayName: string;
  locale: string;
  description?: string;
  customProperties?: Record<string, string>;
  createdDateTime: string;
}

export type Status = 'NotStarted' | 'Running' | 'Succeeded' | 'Failed';

export interface FileRecord {
  id: string;
  name: string;
  kind: string;
  size: number;
  createdDateTime: string;
  /** Path relative to the dataset's folder. */
  path: string;
}

export interface DatasetRecord {
  id: string;
  kind: string;
  displayName: string;
  locale: string;
  description?: string;
  contentUrl?: string;
  customProperties?: Record<string, string>;
  project?: string;
  status: Status;
  createdDateTime: string;
  lastActionDateTime: string;
  /** Created without `contentUrl`: data comes in blocks until `blocks:commit`. */
  uploadByBlocks: boolean;
  /** Block upload committed (or content given by URL): the import can run. */
  committed: boolean;
  /** The committed blocks in order (file names in the blocks folder), until the import joins them. */
  blockList?: string[];
  properties: {
    textNormalizationKind?: string;
    acceptedLineCount?: number;
    rejectedLineCount?: number;
    durationMilliseconds?: number;
    error?: { code: string; message: string };
  };
  files: FileRecord[];
}

export interface ModelRecord {
  id: string;
  displayName: string;
  locale: string;
  description?: string;
  customProperties?: Record<string, string>;
  project?: string;
  baseModel: string;
  datasets: string[];
  /** How much the domain language model weighs against the generic one, 1–100. */
  customModelWeightPercent: number;
  status: Status;
  createdDateTime: string;
  lastActionDateTime: string;
  error?: { code: string; message: string };
  files: FileRecord[];
}

/** Everything the routes and jobs share: the stores under the data folder, the job queue, the key. */
export interface EngineState {
  dataDir: string;
  key: string;
  projects: EntityStore<ProjectRecord>;
  datasets: EntityStore<DatasetRecord>;
  models: EntityStore<ModelRecord>;
  jobs: JobQueue;
}

export async function openEngineState(dataDir: string, key: string): Promise<EngineState> {
  const state: EngineState = {
    dataDir,
    key,
    projects: new EntityStore<ProjectRecord>(path.join(dataDir, 'projects')),
    datasets: new EntityStore<DatasetRecord>(path.join(dataDir, 'datasets')),
    models: new EntityStore<ModelRecord>(path.join(dataDir, 'models')),
    jobs: new JobQueue(),
  };
  await state.projects.load();
  await state.datasets.load();
  await state.models.load();
  return state;
}

/** The folder holding a model's language model, dictionary and report. */
export function modelFolder(state: EngineState, id: string): string {
  return path.join(state.dataDir, 'model-files', id);
}

/** The folder holding a dataset's blocks, upload and files. */
export function datasetFolder(state: EngineState, id: string): string {
  return path.join(state.dataDir, 'dataset-files', id);
}
