import * as path from 'node:path';
import { EntityStore } from './store/entity-store';
import { JobQueue } from './jobs';
import { DecoderCache } from './evaluation/decoder-cache';

/** What every entity has: what the user calls it and which language it is for. */
interface DescribedRecord {
  id: string;
  displayName: string;
  locale: string;
  description?: string;
  customProperties?: Record<string, string>;
  createdDateTime: string;
}

export type ProjectRecord = DescribedRecord;

export type Status = 'NotStarted' | 'Running' | 'Succeeded' | 'Failed';

/** An entity in a project whose long work (import, training …) has a status. */
interface WorkRecord extends DescribedRecord {
  project?: string;
  status: Status;
  lastActionDateTime: string;
}

export interface FileRecord {
  id: string;
  name: string;
  kind: string;
  size: number;
  createdDateTime: string;
  /** Path relative to the dataset's folder. */
  path: string;
}

export interface DatasetRecord extends WorkRecord {
  kind: string;
  contentUrl?: string;
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

export interface ModelRecord extends WorkRecord {
  baseModel: string;
  datasets: string[];
  /** How much the domain language model weighs against the generic one, 1–100. */
  customModelWeightPercent: number;
  error?: { code: string; message: string };
  files: FileRecord[];
}

/** A model an evaluation decodes with: the base model or a custom one. */
export interface ModelRef {
  base: boolean;
  id: string;
}

export interface EvaluationRecord extends WorkRecord {
  model1: ModelRef;
  model2: ModelRef;
  dataset: string;
  /** The service's metrics (`wordErrorRate1` …), −1 until the evaluation succeeds. */
  metrics: Record<string, number>;
  error?: { code: string; message: string };
  files: FileRecord[];
  /** The transcriptions holding each model's recognition results (the same id twice for one model). */
  transcription1?: string;
  transcription2?: string;
}

/**
 * A batch transcription. The engine runs none on request: an evaluation makes one per model, as
 * Azure does, holding its recognition results (one Transcription file per audio file).
 */
export interface TranscriptionRecord extends WorkRecord {
  model: ModelRef;
  dataset: string;
  /** The evaluation that made it (and deletes it); its project is the transcription's. */
  evaluation: string;
  durationMilliseconds?: number;
  error?: { code: string; message: string };
  files: FileRecord[];
}

export interface EndpointRecord extends WorkRecord {
  model: ModelRef;
  error?: { code: string; message: string };
}

/** How far a running job is: utterances decoded so far, of how many. */
export interface JobProgress {
  completed: number;
  total: number;
}

/** Everything the routes and jobs share: the stores under the data folder, the job queue, the key. */
export interface EngineState {
  dataDir: string;
  key: string;
  projects: EntityStore<ProjectRecord>;
  datasets: EntityStore<DatasetRecord>;
  models: EntityStore<ModelRecord>;
  evaluations: EntityStore<EvaluationRecord>;
  endpoints: EntityStore<EndpointRecord>;
  transcriptions: EntityStore<TranscriptionRecord>;
  jobs: JobQueue;
  /**
   * Running evaluations' progress, by id. Kept in memory only: it changes with every utterance, and
   * a job interrupted by a restart starts over anyway.
   */
  progress: Map<string, JobProgress>;
  decoders: DecoderCache;
  /** Aborted when the engine stops: long jobs stop their external programs instead of running on. */
  shutdown: AbortController;
}

export async function openEngineState(dataDir: string, key: string): Promise<EngineState> {
  const state: EngineState = {
    dataDir,
    key,
    projects: new EntityStore<ProjectRecord>(path.join(dataDir, 'projects')),
    datasets: new EntityStore<DatasetRecord>(path.join(dataDir, 'datasets')),
    models: new EntityStore<ModelRecord>(path.join(dataDir, 'models')),
    evaluations: new EntityStore<EvaluationRecord>(path.join(dataDir, 'evaluations')),
    endpoints: new EntityStore<EndpointRecord>(path.join(dataDir, 'endpoints')),
    transcriptions: new EntityStore<TranscriptionRecord>(path.join(dataDir, 'transcriptions')),
    jobs: new JobQueue(),
    progress: new Map(),
    decoders: new DecoderCache(),
    shutdown: new AbortController(),
  };
  await state.projects.load();
  await state.datasets.load();
  await state.models.load();
  await state.evaluations.load();
  await state.endpoints.load();
  await state.transcriptions.load();
  return state;
}

/** The folder holding a model's language model, dictionary and report. */
export function modelFolder(state: EngineState, id: string): string {
  return path.join(state.dataDir, 'model-files', id);
}

/** The folder holding an evaluation's result files. */
export function evaluationFolder(state: EngineState, id: string): string {
  return path.join(state.dataDir, 'evaluation-files', id);
}

/** The folder holding a transcription's result files. */
export function transcriptionFolder(state: EngineState, id: string): string {
  return path.join(state.dataDir, 'transcription-files', id);
}

/** The folder holding a dataset's blocks, upload and files. */
export function datasetFolder(state: EngineState, id: string): string {
  return path.join(state.dataDir, 'dataset-files', id);
}
