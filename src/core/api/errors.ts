import { errorBodySchema, wrappedErrorBodySchema, type InnerError } from './schemas';

/** What a request was, for messages: method and path only — never the key, never the host's query. */
export interface RequestSummary {
  method: string;
  /** The path below the API root, e.g. `/datasets/{id}`. */
  path: string;
}

/** The service answered with an error status. */
export class SpeechApiError extends Error {
  override readonly name = 'SpeechApiError';
  constructor(
    readonly status: number,
    /** ErrorCode, e.g. `InvalidRequest`, `NotFound`, `TooManyRequests` (an open set). */
    readonly code: string,
    /** DetailedErrorCode, e.g. `InUseViolation`, `NoUtf8WithBom`, when the service gave one. */
    readonly innerCode: string | undefined,
    /** The service's own words. */
    readonly serviceMessage: string,
    /** The id the service gave the request (`apim-request-id`), for support tickets. */
    readonly requestId: string | undefined,
    readonly request: RequestSummary,
    /** Seconds the service asked to wait before trying again (429, 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${request.method} ${request.path} failed: ${status} ${code}${innerCode ? `/${innerCode}` : ''}: ${serviceMessage}${requestId ? ` (request id ${requestId})` : ''}`);
  }
}

/** The request never got an answer: connection refused or reset, DNS, TLS, a timeout. */
export class SpeechNetworkError extends Error {
  override readonly name = 'SpeechNetworkError';
  constructor(
    readonly request: RequestSummary,
    /** Node's error code, e.g. ECONNRESET, ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT. */
    readonly causeCode: string | undefined,
    detail: string,
    /** True when the request may have reached the service (it was sent, the answer was lost). */
    readonly maybeProcessed: boolean,
    options?: { cause?: unknown },
  ) {
    super(`${request.method} ${request.path} failed: ${detail}`, options);
  }
}

/** The service answered 2xx with a body this client cannot read. */
export class SpeechResponseError extends Error {
  override readonly name = 'SpeechResponseError';
  constructor(
    readonly request: RequestSummary,
    detail: string,
  ) {
    super(`${request.method} ${request.path}: the service's answer is not what the API describes: ${detail}`);
  }
}

/** Reads an error body of any shape the service or a gateway sends; plain text and HTML too. */
export function speechApiError(status: number, bodyText: string, requestId: string | undefined, request: RequestSummary, retryAfterSeconds?: number): SpeechApiError {
  let code = defaultCode(status);
  let inner: string | undefined;
  let message = '';
  let json: unknown;
  try {
    json = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    json = undefined;
  }
  const wrapped = wrappedErrorBodySchema.safeParse(json);
  const bare = errorBodySchema.safeParse(wrapped.success ? wrapped.data.error : json);
  if (bare.success && (bare.data.code || bare.data.message)) {
    code = bare.data.code ?? code;
    message = bare.data.message ?? '';
    inner = deepestCode(bare.data.innerError);
  } else if (bodyText && !/^\s*</.test(bodyText)) {
    message = bodyText.trim().slice(0, 300);
  }
  return new SpeechApiError(status, code, inner, message || `HTTP ${status}`, requestId, request, retryAfterSeconds);
}

// The innermost code is the most specific one.
function deepestCode(inner: InnerError | undefined): string | undefined {
  let code: string | undefined;
  for (let at = inner; at; at = at.innerError) code = at.code ?? code;
  return code;
}

function defaultCode(status: number): string {
  if (status === 400) return 'InvalidRequest';
  if (status === 401) return 'Unauthorized';
  if (status === 403) return 'Forbidden';
  if (status === 404) return 'NotFound';
  if (status === 409) return 'Conflict';
  if (status === 415) return 'UnsupportedMediaType';
  if (status === 422) return 'UnprocessableEntity';
  if (status === 429) return 'TooManyRequests';
  if (status === 503) return 'ServiceUnavailable';
  return status >= 500 ? 'InternalServerError' : 'InvalidRequest';
}
