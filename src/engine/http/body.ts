import type { IncomingMessage } from 'node:http';
import { ApiError, badRequest } from './api-error';

const MAX_JSON_BYTES = 1 << 20;

/** The request's JSON body (at most 1 MiB), or a 400 that says what is wrong with it. */
export async function readJson(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/(?:merge-patch\+)?json\b/i.test(type)) {
    throw new ApiError(415, 'UnsupportedMediaType', `The body must be JSON (Content-Type: application/json), not ${type ? `'${type}'` : 'nothing'}.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw badRequest('The JSON body is larger than 1 MiB.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`The body is not valid JSON: ${(error as Error).message}`);
  }
}

/** A JSON object body, or a 400. */
export async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readJson(request);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The body must be a JSON object.');
  return body as Record<string, unknown>;
}
