import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a handler gets: the request, its path parameters and query, and the service's base URL. */
export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** `http://127.0.0.1:PORT/speechtotext`, for `self` and `links`. */
  base: string;
}

/** A handler's answer: a JSON body with a status (and headers), or `undefined` when it wrote the response itself. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (context: RequestContext) => Promise<Reply | undefined> | Reply | undefined;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/**
 * Routes by method and path pattern: `/datasets/:id/blocks:commit` matches segment by segment, `:name`
 * segments capture. Literal segments win over captures (`/models/base` before `/models/:id`).
 */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    // Most literal segments first, so a capture never shadows a fixed path.
    this.routes.sort((a, b) => literalCount(b) - literalCount(a));
    return this;
  }

  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | 'method-not-allowed' | undefined {
    const parts = path.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method) return { handler: route.handler, params };
      pathMatched = true;
    }
    return pathMatched ? 'method-not-allowed' : undefined;
  }
}

function literalCount(route: Route): number {
  return route.segments.filter((segment) => !segment.startsWith(':')).length;
}

function matchSegments(segments: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i]!;
    if (segment.startsWith(':')) {
      // `:id` or `:id:action` styles are not needed: colon actions are literal segments (`blocks:commit`).
      params[segment.slice(1)] = part;
    } else if (segment !== part) {
      return undefined;
    }
  }
  return params;
}
