import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { SpeechNetworkError, SpeechResponseError, SpeechApiError, type RequestSummary } from './errors';
import { pageSchema, type Page } from './schemas';
import { parseRetryAfter, sleep } from './retry';
import type { ApiRequest, ApiResponse, SpeechTransport } from './transport';

export interface ListOptions {
  /** The service's OData-like filter, e.g. `status eq 'Succeeded'`. */
  filter?: string;
  /** Page size (the service's default and maximum is 100). */
  top?: number;
  skip?: number;
  signal?: AbortSignal;
}

/**
 * Marks a create so that, when its answer is lost, the entity can be found instead of created twice.
 * Kept in the entity's customProperties, a map the service stores as given.
 */
export const CLIENT_REQUEST_PROPERTY = 'customSpeechClientRequestId';

/** Reads a JSON answer with `schema`, naming the request when the answer does not fit. */
export function parseBody<T extends z.ZodType>(schema: T, response: ApiResponse, request: RequestSummary): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(response.body.toString('utf8'));
  } catch {
    throw new SpeechResponseError(request, `not JSON (${response.body.length} bytes)`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SpeechResponseError(request, parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '));
  return parsed.data;
}

/** Sends `request` and reads its JSON answer with `schema`. */
export async function call<T extends z.ZodType>(transport: SpeechTransport, request: ApiRequest, schema: T): Promise<z.infer<T>> {
  return parseBody(schema, await transport.send(request), request);
}

/**
 * Every item of a list, page after page. The next page's URL is rebuilt from the `@nextLink`'s
 * skip, top and filter — never followed as given: links from older versions can be malformed.
 */
export async function* listAll<T extends z.ZodType>(transport: SpeechTransport, path: string, item: T, options: ListOptions = {}): AsyncGenerator<z.infer<T>> {
  for await (const page of listPages(transport, path, item, options)) yield* page.values;
}

export async function* listPages<T extends z.ZodType>(transport: SpeechTransport, path: string, item: T, options: ListOptions = {}): AsyncGenerator<Page<z.infer<T>>> {
  const schema = pageSchema(item);
  let query: ApiRequest['query'] = { skip: options.skip, top: options.top, filter: options.filter };
  for (let pages = 0; ; pages++) {
    const page = (await call(transport, { method: 'GET', path, query, signal: options.signal }, schema)) as Page<z.infer<T>>;
    yield page;
    const next = page['@nextLink'];
    if (!next || page.values.length === 0) return;
    const params = new URL(next, 'http://next.invalid').searchParams;
    const skip = params.get('skip');
    if (skip === null) throw new SpeechResponseError({ method: 'GET', path }, `the @nextLink has no skip: ${next.split('?')[0]}`);
    query = { skip, top: params.get('top') ?? options.top, filter: params.get('filter') ?? options.filter };
    if (pages > 100_000) throw new SpeechResponseError({ method: 'GET', path }, 'the list never ends');
  }
}

/** The standard operations of a collection of entities (`/datasets`, `/models`, …). */
export class EntityCollection<T extends z.ZodType<{ self: string; displayName?: string; customProperties?: Record<string, string> }>> {
  constructor(
    protected readonly transport: SpeechTransport,
    /** e.g. `/datasets`. */
    readonly path: string,
    protected readonly schema: T,
  ) {}

  list(options?: ListOptions): AsyncGenerator<z.infer<T>> {
    return listAll(this.transport, this.path, this.schema, options);
  }

  pages(options?: ListOptions): AsyncGenerator<Page<z.infer<T>>> {
    return listPages(this.transport, this.path, this.schema, options);
  }

  get(id: string, signal?: AbortSignal): Promise<z.infer<T>> {
    return call(this.transport, { method: 'GET', path: this.entityPath(id), signal }, this.schema);
  }

  /** Like get, with the `Retry-After` the service sent for a running entity. */
  async poll(id: string, signal?: AbortSignal): Promise<{ entity: z.infer<T>; retryAfterMs?: number }> {
    const request: ApiRequest = { method: 'GET', path: this.entityPath(id), signal };
    const response = await this.transport.send(request);
    return { entity: parseBody(this.schema, response, request), retryAfterMs: parseRetryAfter(response.headers['retry-after']) };
  }

  /**
   * Creates an entity. A create is never re-sent blindly: when its answer is lost (connection
   * dropped, timeout, 5xx), the entity is looked for by the marker the request carried, and the
   * create is sent again only when it is not there.
   */
  async create(body: Record<string, unknown>, signal?: AbortSignal): Promise<z.infer<T>> {
    const marker = randomUUID();
    const marked = { ...body, customProperties: { ...(body.customProperties as Record<string, string> | undefined), [CLIENT_REQUEST_PROPERTY]: marker } };
    const request: ApiRequest = { method: 'POST', path: this.path, body: marked, signal, idempotent: false };
    for (let attempt = 1; ; attempt++) {
      try {
        return await call(this.transport, request, this.schema);
      } catch (error) {
        if (!isAnswerLost(error) || attempt >= 3) throw error;
        await sleep(1000 * attempt, signal);
        const existing = await this.findCreated(String(body.displayName ?? ''), marker, signal);
        if (existing) return existing;
      }
    }
  }

  update(id: string, patch: Record<string, unknown>, signal?: AbortSignal): Promise<z.infer<T>> {
    return call(this.transport, { method: 'PATCH', path: this.entityPath(id), body: patch, signal }, this.schema);
  }

  /** Deletes the entity; the service answers 204 even when it did not exist. */
  async delete(id: string, signal?: AbortSignal): Promise<void> {
    await this.transport.send({ method: 'DELETE', path: this.entityPath(id), signal });
  }

  entityPath(id: string): string {
    return `${this.path}/${encodeURIComponent(id)}`;
  }

  private async findCreated(displayName: string, marker: string, signal?: AbortSignal): Promise<z.infer<T> | undefined> {
    const filter = displayName ? `displayName eq '${displayName.replace(/'/g, "''")}'` : undefined;
    for await (const entity of this.list({ filter, signal })) {
      if (entity.customProperties?.[CLIENT_REQUEST_PROPERTY] === marker) return entity;
    }
    return undefined;
  }
}

/** The request may have been carried out, but its answer never came. */
function isAnswerLost(error: unknown): boolean {
  if (error instanceof SpeechNetworkError) return error.maybeProcessed;
  return error instanceof SpeechApiError && (error.status === 502 || error.status === 503 || error.status === 504);
}

/** The items of a list, up to `limit` (for pickers: more would not be read anyway). */
export async function collect<T>(items: AsyncIterable<T>, limit = 1000): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) {
    all.push(item);
    if (all.length >= limit) break;
  }
  return all;
}
