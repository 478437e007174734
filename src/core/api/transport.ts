import type { Dispatcher, FormData } from 'undici';
import { undici } from './undici';
import { speechApiError, SpeechNetworkError, type RequestSummary } from './errors';
import { abortReason, DEFAULT_RETRY_POLICY, parseRetryAfter, RETRYABLE_STATUSES, retryDelayMs, sleep, type RetryPolicy } from './retry';

/** Where and how to reach a Speech to Text API: Azure's or the local engine's. */
export interface ServiceConnection {
  /** The API root, e.g. `https://westus.api.cognitive.microsoft.com/speechtotext` or `http://127.0.0.1:PORT/speechtotext`. */
  apiRoot: string;
  key: string;
  /** `2025-10-15` unless told otherwise. */
  apiVersion?: string;
}

export const API_VERSION = '2025-10-15';

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Below the API root, e.g. `/datasets/{id}/blocks`; segments already encoded. */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** JSON-serialized, or sent as is (`application/octet-stream`) when bytes. */
  body?: unknown;
  /** Form data (multipart) for transcribe. */
  form?: FormData;
  signal?: AbortSignal;
  /**
   * Whether sending it twice does no harm. GET, PUT, PATCH and DELETE are; a POST that creates is
   * not, so it is re-sent only when the service surely did not act on it (429, connection refused).
   */
  idempotent?: boolean;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  requestId: string | undefined;
}

/** One finished attempt, for a log: never the key, never a query string (signed links carry secrets). */
export interface RequestLogEntry {
  method: string;
  path: string;
  status: number | 'network-error';
  milliseconds: number;
  attempt: number;
  requestId?: string;
  /** Why it failed (network errors), or the retry wait that follows. */
  detail?: string;
}

export interface TransportOptions {
  retry?: Partial<RetryPolicy>;
  /** Time allowed for the answer's headers, then between body chunks. */
  timeoutMs?: number;
  onLog?: (entry: RequestLogEntry) => void;
  /** Replaces the connection pool (tests). */
  dispatcher?: Dispatcher;
}

// Errors raised before anything reached the service: safe to re-send whatever the method.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** HTTP to one Speech to Text API with the key, the api-version, timeouts and bounded retries. */
export class SpeechTransport {
  readonly apiVersion: string;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  constructor(
    private readonly connection: ServiceConnection,
    private readonly options: TransportOptions = {},
  ) {
    this.apiVersion = connection.apiVersion ?? API_VERSION;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? new (undici().Agent)({ keepAliveTimeout: 30_000, connections: 16, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
  }

  /** The full URL of `path` with `query` and the api-version. */
  url(path: string, query: ApiRequest['query'] = {}): string {
    const url = new URL(this.connection.apiRoot.replace(/\/+$/, '') + path);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
    url.searchParams.set('api-version', this.apiVersion);
    return url.toString();
  }

  /** Sends `request`, retrying what may be retried; resolves with a 2xx answer or throws a typed error. */
  async send(request: ApiRequest): Promise<ApiResponse> {
    const summary: RequestSummary = { method: request.method, path: request.path };
    const idempotent = request.idempotent ?? request.method !== 'POST';
    for (let attempt = 1; ; attempt++) {
      if (request.signal?.aborted) throw abortReason(request.signal);
      const started = performance.now();
      let response: ApiResponse;
      try {
        response = await this.attempt(request);
      } catch (error) {
        if (request.signal?.aborted) throw abortReason(request.signal);
        const code = (error as { code?: string }).code;
        const maybeProcessed = !NOT_SENT.has(code ?? '');
        const networkError = new SpeechNetworkError(summary, code, describeNetworkError(error, this.timeoutMs), maybeProcessed, { cause: error });
        const retry = attempt < this.policy.maxAttempts && (idempotent || !maybeProcessed) && (code !== 'ECONNREFUSED' || this.policy.retryRefused);
        const wait = retry ? retryDelayMs(this.policy, attempt, undefined) : undefined;
        this.log(summary, 'network-error', started, attempt, undefined, `${networkError.message}${wait === undefined ? '' : `; retrying in ${wait} ms`}`);
        if (wait === undefined) throw networkError;
        await sleep(wait, request.signal);
        continue;
      }
      if (response.status < 300) {
        this.log(summary, response.status, started, attempt, response.requestId);
        return response;
      }
      const retryAfter = parseRetryAfter(response.headers['retry-after']);
      const error = speechApiError(response.status, response.body.toString('utf8'), response.requestId, summary, retryAfter === undefined ? undefined : retryAfter / 1000);
      // 429 means the service refused the request: re-sending cannot duplicate anything.
      const retryable = RETRYABLE_STATUSES.has(response.status) && (idempotent || response.status === 429);
      const wait = retryable && attempt < this.policy.maxAttempts && (retryAfter ?? 0) <= this.policy.maxRetryAfterMs ? retryDelayMs(this.policy, attempt, retryAfter) : undefined;
      this.log(summary, response.status, started, attempt, response.requestId, wait === undefined ? error.code : `${error.code}; retrying in ${wait} ms`);
      if (wait === undefined) throw error;
      await sleep(wait, request.signal);
    }
  }

  /** Closes pooled connections (when the transport made its own pool). */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private async attempt(request: ApiRequest): Promise<ApiResponse> {
    const headers: Record<string, string> = { 'Ocp-Apim-Subscription-Key': this.connection.key, Accept: 'application/json' };
    let body: Dispatcher.DispatchOptions['body'];
    if (request.form) {
      // undici encodes its FormData itself (with its boundary).
      body = request.form;
    } else if (request.body instanceof Uint8Array) {
      headers['Content-Type'] = 'application/octet-stream';
      body = request.body;
    } else if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    const answer = await undici().request(this.url(request.path, request.query), {
      method: request.method,
      headers,
      body,
      signal: request.signal,
      dispatcher: this.dispatcher,
    });
    const bytes = Buffer.from(await answer.body.arrayBuffer());
    return { status: answer.statusCode, headers: answer.headers, body: bytes, requestId: requestIdOf(answer.headers) };
  }

  private log(summary: RequestSummary, status: RequestLogEntry['status'], started: number, attempt: number, requestId: string | undefined, detail?: string): void {
    this.options.onLog?.({ method: summary.method, path: summary.path, status, milliseconds: Math.round(performance.now() - started), attempt, requestId, detail });
  }
}

function requestIdOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const value = headers['apim-request-id'] ?? headers['x-ms-request-id'] ?? headers['x-request-id'];
  return Array.isArray(value) ? value[0] : value;
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED') return 'the connection was refused: is the service running?';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved: check the region or endpoint and the network.';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return `no answer within ${Math.round(timeoutMs / 1000)} s.`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'the connection timed out.';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'the connection was dropped before the answer was complete.';
  return error instanceof Error ? error.message : String(error);
}
