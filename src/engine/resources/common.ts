import { randomUUID } from 'node:crypto';
import { badRequest, invalidArgument } from '../http/api-error';
import type { EngineState } from '../engine-state';

/** The API version the engine speaks; links carry it, as the service's do. */
export const API_VERSION = '2025-10-15';

/** The locales the engine's base model (PocketSphinx en-US) can serve. */
export const ENGINE_LOCALES = ['en-US'] as const;

export function newId(): string {
  return randomUUID();
}

/** `2019-01-07T11:34:12Z`: the service's timestamps have no milliseconds. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A link as the service writes it: `{base}/{path}?api-version=…`. */
export function link(base: string, path: string): string {
  return `${base}/${path}?api-version=${API_VERSION}`;
}

/** The id of `{ self: "…/kind/{id}…" }` references, which must point at a `kind` of this engine. */
export function referencedId(value: unknown, kind: 'projects' | 'datasets' | 'models' | 'models/base' | 'endpoints', field: string): string {
  const self = typeof value === 'object' && value !== null ? (value as { self?: unknown }).self : undefined;
  if (typeof self !== 'string') throw badRequest(`'${field}' must be a reference: { "self": "<url of the ${kind.replace('models/base', 'base model').replace(/s$/, '')}>" }.`);
  const match = new RegExp(`/${kind.replace('/', '\\/')}/([0-9a-f-]{36})(?:[/?]|$)`, 'i').exec(self);
  if (!match) throw badRequest(`'${field}.self' does not name a ${kind.replace('models/base', 'base model').replace(/s$/, '')}: ${self}`, 'InvalidParameterValue');
  return match[1]!.toLowerCase();
}

export function requiredText(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`'${field}' is required and must be a non-empty string.`);
  return value;
}

export function optionalText(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`'${field}' must be a string.`);
  return value;
}

export function locale(body: Record<string, unknown>): string {
  const value = requiredText(body, 'locale');
  const known = ENGINE_LOCALES.find((l) => l.toLowerCase() === value.toLowerCase());
  if (!known) throw invalidArgument(`The local engine supports the locales ${ENGINE_LOCALES.join(', ')}, not '${value}'.`, 'InvalidLocale');
  return known;
}

/** `customProperties`: at most 10 entries, keys ≤ 64 and values ≤ 256 characters, as the service checks. */
export function customProperties(body: Record<string, unknown>): Record<string, string> | undefined {
  const value = body.customProperties;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest("'customProperties' must be an object of strings.");
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 10) throw invalidArgument("'customProperties' holds at most 10 entries.");
  for (const [key, text] of entries) {
    if (typeof text !== 'string') throw badRequest(`customProperties.${key} must be a string.`);
    if (key.length > 64 || text.length > 256) throw invalidArgument(`customProperties.${key}: keys have at most 64 characters and values 256.`);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Drops undefined fields, so stored JSON and answers hold only what is set. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** `project` of a create or update body: a reference to a project that exists, or nothing. */
export function projectOf(body: Record<string, unknown>, state: EngineState): string | undefined {
  if (body.project === undefined) return undefined;
  const project = referencedId(body.project, 'projects', 'project');
  if (!state.projects.get(project)) throw badRequest(`The project ${project} does not exist.`, 'InvalidProject');
  return project;
}

interface Described {
  displayName: string;
  description?: string;
  customProperties?: Record<string, string>;
  project?: string;
}

/**
 * An entity after a PATCH of what describes it (displayName, description, customProperties and,
 * for entities in projects, project); `alsoAllowed` names other fields the caller applies itself.
 * Any other field is refused with its name, as the service's update schemas allow nothing else.
 */
export function describedUpdate<T extends Described>(
  entity: T,
  body: Record<string, unknown>,
  what: string,
  { state, alsoAllowed = [] }: { state?: EngineState; alsoAllowed?: readonly string[] },
): T {
  const allowed = ['displayName', 'description', 'customProperties', ...(state ? ['project'] : []), ...alsoAllowed];
  for (const field of Object.keys(body)) {
    if (!allowed.includes(field)) throw badRequest(`'${field}' cannot be changed; ${what} update holds ${allowed.join(', ')}.`);
  }
  return defined({
    ...entity,
    displayName: 'displayName' in body ? requiredText(body, 'displayName') : entity.displayName,
    description: 'description' in body ? optionalText(body, 'description') : entity.description,
    customProperties: 'customProperties' in body ? customProperties(body) : entity.customProperties,
    ...(state ? { project: projectOf(body, state) ?? entity.project } : {}),
  });
}
