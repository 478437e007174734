import { undici } from './undici';
import type { Readable } from 'node:stream';
import { call, EntityCollection, listAll, type ListOptions } from './collection';
import { SpeechApiError, SpeechNetworkError } from './errors';
import {
  baseModelSchema,
  customModelSchema,
  datasetLocalesSchema,
  datasetSchema,
  endpointSchema,
  evaluationSchema,
  fileSchema,
  localesSchema,
  modelManifestSchema,
  projectSchema,
  transcriptionSchema,
  uploadedBlocksSchema,
  type BaseModel,
  type CustomModel,
  type Dataset,
  type Endpoint,
  type Evaluation,
  type ModelManifest,
  type Project,
  type SpeechFile,
  type Transcription,
  type UploadedBlocks,
} from './schemas';
import { SpeechTransport, type ServiceConnection, type TransportOptions } from './transport';

/** Entities that have files: datasets, models, evaluations (and transcriptions). */
class EntityWithFiles<T extends ConstructorParameters<typeof EntityCollection>[2]> extends EntityCollection<T> {
  files(id: string, options: ListOptions & { sasLifetimeMinutes?: number } = {}): AsyncGenerator<SpeechFile> {
    return listAll(this.transport, `${this.entityPath(id)}/files`, fileSchema, options);
  }

  file(id: string, fileId: string, signal?: AbortSignal): Promise<SpeechFile> {
    return call(this.transport, { method: 'GET', path: `${this.entityPath(id)}/files/${encodeURIComponent(fileId)}`, signal }, fileSchema);
  }
}

class Datasets extends EntityWithFiles<typeof datasetSchema> {
  blocks(id: string, signal?: AbortSignal): Promise<UploadedBlocks> {
    return call(this.transport, { method: 'GET', path: `${this.entityPath(id)}/blocks`, signal }, uploadedBlocksSchema);
  }

  /** Uploads one block (at most 8 MiB) under `blockId` (base64, the same length for all blocks). */
  async uploadBlock(id: string, blockId: string, bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
    await this.transport.send({ method: 'PUT', path: `${this.entityPath(id)}/blocks`, query: { blockid: blockId }, body: bytes, signal });
  }

  /** Commits the blocks in order: the dataset's content is their concatenation, and its import starts. */
  async commitBlocks(id: string, blockIds: readonly string[], signal?: AbortSignal): Promise<void> {
    // Re-sending a commit of the same list does no harm: it describes the same content.
    await this.transport.send({ method: 'POST', path: `${this.entityPath(id)}/blocks:commit`, body: blockIds.map((blockId) => ({ kind: 'Latest', id: blockId })), signal, idempotent: true });
  }

  locales(signal?: AbortSignal): Promise<Record<string, string[]>> {
    return call(this.transport, { method: 'GET', path: '/datasets/locales', signal }, datasetLocalesSchema);
  }
}

class Models extends EntityWithFiles<typeof customModelSchema> {
  manifest(id: string, sasLifetimeMinutes = 60, signal?: AbortSignal): Promise<ModelManifest> {
    return call(this.transport, { method: 'GET', path: `${this.entityPath(id)}/manifest`, query: { sasLifetimeMinutes }, signal }, modelManifestSchema);
  }
}

class BaseModels {
  constructor(private readonly transport: SpeechTransport) {}

  list(options?: ListOptions): AsyncGenerator<BaseModel> {
    return listAll(this.transport, '/models/base', baseModelSchema, options);
  }

  get(id: string, signal?: AbortSignal): Promise<BaseModel> {
    return call(this.transport, { method: 'GET', path: `/models/base/${encodeURIComponent(id)}`, signal }, baseModelSchema);
  }
}

class Projects extends EntityCollection<typeof projectSchema> {
  datasets(id: string, options?: ListOptions): AsyncGenerator<Dataset> {
    return listAll(this.transport, `${this.entityPath(id)}/datasets`, datasetSchema, options);
  }
  models(id: string, options?: ListOptions): AsyncGenerator<CustomModel> {
    return listAll(this.transport, `${this.entityPath(id)}/models`, customModelSchema, options);
  }
  evaluations(id: string, options?: ListOptions): AsyncGenerator<Evaluation> {
    return listAll(this.transport, `${this.entityPath(id)}/evaluations`, evaluationSchema, options);
  }
  endpoints(id: string, options?: ListOptions): AsyncGenerator<Endpoint> {
    return listAll(this.transport, `${this.entityPath(id)}/endpoints`, endpointSchema, options);
  }
  locales(signal?: AbortSignal): Promise<string[]> {
    return call(this.transport, { method: 'GET', path: '/projects/locales', signal }, localesSchema);
  }
}

/** The recognized text of a transcribe call, as far as this client reads it. */
export interface TranscribeResult {
  durationMilliseconds?: number;
  combinedPhrases?: { text: string }[];
  phrases?: { text: string; offsetMilliseconds?: number; durationMilliseconds?: number; confidence?: number }[];
}

/**
 * One typed client for Azure AI Speech and the local engine (Speech to Text 2025-10-15): the
 * entities of Custom Speech, lists as async iterators over pages, typed errors, retries.
 */
export class SpeechClient {
  readonly transport: SpeechTransport;
  readonly projects: Projects;
  readonly datasets: Datasets;
  readonly models: Models;
  readonly baseModels: BaseModels;
  readonly evaluations: EntityWithFiles<typeof evaluationSchema>;
  readonly endpoints: EntityCollection<typeof endpointSchema>;
  /** Batch transcriptions: here read only, as an evaluation's `transcription1`/`transcription2`. */
  readonly transcriptions: EntityWithFiles<typeof transcriptionSchema>;

  constructor(connection: ServiceConnection, options?: TransportOptions) {
    this.transport = new SpeechTransport(connection, options);
    this.projects = new Projects(this.transport, '/projects', projectSchema);
    this.datasets = new Datasets(this.transport, '/datasets', datasetSchema);
    this.models = new Models(this.transport, '/models', customModelSchema);
    this.baseModels = new BaseModels(this.transport);
    this.evaluations = new EntityWithFiles(this.transport, '/evaluations', evaluationSchema);
    this.endpoints = new EntityCollection(this.transport, '/endpoints', endpointSchema);
    this.transcriptions = new EntityWithFiles(this.transport, '/transcriptions', transcriptionSchema);
  }

  /** A reference to an entity of this service, as create bodies want it. */
  reference(collection: string, id: string): { self: string } {
    return { self: this.transport.url(`/${collection}/${encodeURIComponent(id)}`) };
  }

  /** Transcribes one audio file at once (`POST /transcriptions:transcribe`), with a model or endpoint. */
  async transcribe(audio: Blob, fileName: string, definition: Record<string, unknown>, signal?: AbortSignal): Promise<TranscribeResult> {
    // undici's own FormData: it cannot send another implementation's (Node's global one in some hosts).
    const form = new (undici().FormData)();
    form.append('audio', audio, fileName);
    form.append('definition', JSON.stringify(definition));
    const response = await this.transport.send({ method: 'POST', path: '/transcriptions:transcribe', form, signal, idempotent: true });
    return JSON.parse(response.body.toString('utf8')) as TranscribeResult;
  }

  /**
   * The content behind a file's `contentUrl` as a stream. Content links are signed (a SAS on Azure,
   * a signature on the local engine): the key is not sent, so it never reaches blob storage.
   */
  async download(contentUrl: string, signal?: AbortSignal): Promise<Readable> {
    const summary = { method: 'GET', path: new URL(contentUrl).pathname };
    let answer;
    try {
      answer = await undici().request(contentUrl, { method: 'GET', signal });
    } catch (error) {
      throw new SpeechNetworkError(summary, (error as { code?: string }).code, error instanceof Error ? error.message : String(error), false, { cause: error });
    }
    if (answer.statusCode >= 300) {
      const text = await answer.body.text();
      throw new SpeechApiError(answer.statusCode, answer.statusCode === 403 ? 'Forbidden' : 'NotFound', undefined, text.slice(0, 200) || `HTTP ${answer.statusCode}: the link may have expired; list the files again for a fresh one.`, undefined, summary);
    }
    return answer.body;
  }

  /** The content of a file as text (reports, details). */
  async downloadText(contentUrl: string, signal?: AbortSignal): Promise<string> {
    return (await this.downloadBytes(contentUrl, Infinity, signal)).toString('utf8');
  }

  /** The content of a file as bytes, refused (RangeError) as soon as it passes `maxBytes`. */
  async downloadBytes(contentUrl: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
    const stream = await this.download(contentUrl, signal);
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        stream.destroy();
        throw new RangeError(`the file is larger than ${maxBytes.toLocaleString('en-US')} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

export type { BaseModel, CustomModel, Dataset, Endpoint, Evaluation, Project, SpeechFile, Transcription };
