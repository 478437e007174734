import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from './http/api-error';
import { Router } from './http/router';
import { isSignedPath } from './http/signed-urls';
import { openEngineState, type EngineState } from './engine-state';
import { lockDataFolder, type DataFolderLock } from './store/data-folder-lock';
import { registerBaseModelRoutes } from './resources/base-models';
import { API_VERSION } from './resources/common';
import { importDataset } from './resources/dataset-import';
import { registerDatasetRoutes } from './resources/datasets';
import { registerEvaluationRoutes } from './resources/evaluations';
import { deployEndpoint, registerEndpointRoutes } from './resources/endpoints';
import { registerModelRoutes } from './resources/models';
import { registerProjectRoutes } from './resources/projects';
import { registerTranscriptionRoutes } from './resources/transcriptions';
import { trainModel } from './training/train-model';
import { runEvaluation } from './evaluation/run-evaluation';

export interface EngineOptions {
  /** Where entities and files live; everything survives a restart. */
  dataDir: string;
  /** Every request must carry it in `Ocp-Apim-Subscription-Key`. */
  key: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

export interface RunningEngine {
  /** `http://127.0.0.1:PORT`: the endpoint, as `https://{region}.api.cognitive.microsoft.com` is Azure's. */
  url: string;
  state: EngineState;
  close(): Promise<void>;
}

/** API versions the engine answers; others get the service's error for an unknown version. */
const API_VERSIONS = new Set([API_VERSION, '2024-11-15']);
const PREFIX = '/speechtotext';

/**
 * The local Custom Speech service: the REST API of Azure AI Speech (2025-10-15) on 127.0.0.1 only,
 * for this machine's user, guarded by a key like the real one.
 */
export async function startEngine(options: EngineOptions): Promise<RunningEngine> {
  if (options.key.length < 16) throw new Error('The engine key must have at least 16 characters.');
  // One engine per data folder: a second would keep its own view of the entities and overwrite the first's.
  const lock = await lockDataFolder(options.dataDir);
  try {
    return await serve(options, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function serve(options: EngineOptions, lock: DataFolderLock): Promise<RunningEngine> {
  const state = await openEngineState(options.dataDir, options.key);
  const router = new Router();
  registerProjectRoutes(router, state);
  registerDatasetRoutes(router, state);
  registerBaseModelRoutes(router, options.key);
  registerModelRoutes(router, state);
  registerEvaluationRoutes(router, state);
  registerEndpointRoutes(router, state);
  registerTranscriptionRoutes(router, state);
  resumeInterruptedJobs(state);

  const keyDigest = digest(options.key);
  const server = createServer((request, response) => {
    void handle(request, response, router, keyDigest, state).catch((error: unknown) => {
      // The response may be half sent; the connection is all that can go.
      process.stderr.write(`custom-speech engine: ${error instanceof Error ? error.message : String(error)}\n`);
      response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // Only for the message another engine gets: a failure to write it is no reason to stop.
  await lock.setUrl(url).catch(() => undefined);
  return { url, state, close: () => closeServer(server, state).finally(() => lock.release()) };
}

async function handle(request: IncomingMessage, response: ServerResponse, router: Router, keyDigest: Buffer, state: EngineState): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const started = Date.now();
  try {
    if (!url.pathname.startsWith(`${PREFIX}/`)) throw new ApiError(404, 'NotFound', `There is nothing at ${url.pathname}: the API lives under ${PREFIX}/.`);
    const signed = url.pathname.endsWith('/content') && isSignedPath(url.pathname, url.searchParams.get('sig'), state.key);
    if (!signed && !isKey(request.headers['ocp-apim-subscription-key'], keyDigest)) {
      throw new ApiError(401, 'Unauthorized', 'Access denied: the Ocp-Apim-Subscription-Key header is missing or is not the local engine\'s key.');
    }
    const version = url.searchParams.get('api-version');
    if (!version) throw new ApiError(400, 'InvalidRequest', `The api-version query parameter is required (?api-version=${API_VERSION}).`, 'InvalidParameterValue');
    if (!API_VERSIONS.has(version)) throw new ApiError(400, 'InvalidRequest', `The api-version '${version}' is not supported; use ${API_VERSION}.`, 'InvalidParameterValue');
    const route = router.match(request.method ?? 'GET', url.pathname.slice(PREFIX.length));
    if (route === 'method-not-allowed') throw new ApiError(405, 'NotAllowed', `${request.method} is not allowed on ${url.pathname}.`);
    if (!route) throw new ApiError(404, 'NotFound', `There is no resource at ${url.pathname}.`);
    const base = `http://${request.headers.host ?? '127.0.0.1'}${PREFIX}`;
    const reply = await route.handler({ request, response, params: route.params, query: url.searchParams, base });
    if (reply) send(response, reply.status, reply.body, reply.headers);
  } catch (error) {
    // The client hung up during a download (a cancelled or aborted read): nothing failed here, and nobody waits for an answer.
    if ((error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE' && !response.writableFinished) return;
    const apiError = error instanceof ApiError ? error : new ApiError(500, 'InternalServerError', `The local engine failed: ${error instanceof Error ? error.message : String(error)}`);
    if (apiError.status >= 500) process.stderr.write(`custom-speech engine: ${request.method} ${url.pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    if (!response.headersSent) send(response, apiError.status, apiError.body, apiError.headers);
    else response.destroy();
    // Unread request bodies (a rejected upload) would stall a keep-alive connection.
    request.resume();
  } finally {
    if (process.env.CUSTOM_SPEECH_ENGINE_LOG) process.stderr.write(`${request.method} ${url.pathname} ${response.statusCode} ${Date.now() - started} ms\n`);
  }
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, { ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }), 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  response.end(text);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Compared as digests, in constant time: the key's length and content leak nothing. */
function isKey(given: string | string[] | undefined, keyDigest: Buffer): boolean {
  return typeof given === 'string' && timingSafeEqual(digest(given), keyDigest);
}

/** Jobs that were running (or waiting) when the process died run again: nothing stays Running. */
function resumeInterruptedJobs(state: EngineState): void {
  for (const dataset of state.datasets.all()) {
    if (dataset.committed && (dataset.status === 'NotStarted' || dataset.status === 'Running')) {
      state.jobs.add('import', `import ${dataset.id}`, () => importDataset(state, dataset.id));
    }
  }
  for (const model of state.models.all()) {
    if (model.status === 'NotStarted' || model.status === 'Running') state.jobs.add('train', `train ${model.id}`, () => trainModel(state, model.id));
  }
  for (const evaluation of state.evaluations.all()) {
    if (evaluation.status === 'NotStarted' || evaluation.status === 'Running') state.jobs.add('evaluate', `evaluate ${evaluation.id}`, () => runEvaluation(state, evaluation.id));
  }
  for (const endpoint of state.endpoints.all()) {
    if (endpoint.status === 'NotStarted' || endpoint.status === 'Running') state.jobs.add('deploy', `deploy ${endpoint.id}`, () => deployEndpoint(state, endpoint.id));
  }
}

async function closeServer(server: Server, state: EngineState): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  state.shutdown.abort(new Error('The engine is stopping.'));
  await state.jobs.idle();
  await state.decoders.close();
}
