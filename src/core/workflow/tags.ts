import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

// What ties an entity on the service to the manifest entry it came from. Kept in customProperties
// (the service stores them as given, at most 10 per entity), so a later run finds it again.

/** The manifest key the entity was made for (a dataset, recipe or test name). */
export const MANIFEST_KEY_PROPERTY = 'customSpeechManifestKey';
/** sha256 of the bytes uploaded (the file, or the folder's zip). */
export const CONTENT_HASH_PROPERTY = 'customSpeechContentHash';
/** sha256 of what makes a model or an evaluation what it is (ids and settings, not names). */
export const RECIPE_HASH_PROPERTY = 'customSpeechRecipeHash';

/** Tags of an entity made from manifest entry `key`. */
export function manifestTags(key: string, hashProperty: string, hash: string): Record<string, string> {
  return { [MANIFEST_KEY_PROPERTY]: key, [hashProperty]: hash };
}

/** True when `entity` was made from entry `key` with this hash. */
export function hasTags(entity: { customProperties?: Record<string, string> }, key: string, hashProperty: string, hash: string): boolean {
  return entity.customProperties?.[MANIFEST_KEY_PROPERTY] === key && entity.customProperties?.[hashProperty] === hash;
}

/** sha256 (hex) of a stream's bytes. */
export async function streamHash(stream: Readable, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      hash.update(chunk);
    }
  } finally {
    stream.destroy();
  }
  return hash.digest('hex');
}

/** sha256 (hex) of a value as JSON with sorted keys, so the same settings hash the same. */
export function valueHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
