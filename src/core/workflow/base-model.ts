import { entityIdOf, isEntityId } from '../api/ids';
import type { SpeechClient } from '../api/client';
import type { BaseModel } from '../api/schemas';
import type { WorkflowSession } from './session';

export class BaseModelError extends Error {
  override readonly name = 'BaseModelError';
}

/**
 * The base model a recipe names: "latest" is the newest base model of the locale that adapts with
 * all of `kinds` and can still be trained; otherwise an id, or an exact display name.
 */
export function resolveBaseModel(session: WorkflowSession, spec: string, locale: string, kinds: readonly string[]): Promise<BaseModel> {
  const cacheKey = `${spec}\u0000${locale}\u0000${[...kinds].sort().join(',')}`;
  return session.once(session.resolved.baseModels, cacheKey, () => findBaseModel(session.client, spec, locale, kinds, session.signal));
}

/** The base model `spec` names ("latest", an id, or a display name), looked up on the service. */
export async function findBaseModel(client: SpeechClient, spec: string, locale: string, kinds: readonly string[], signal?: AbortSignal): Promise<BaseModel> {
  if (isEntityId(spec)) {
    const model = await client.baseModels.get(spec, signal);
    if (model.locale !== locale) throw new BaseModelError(`The base model ${spec} (${model.displayName}) is ${model.locale}, not ${locale}.`);
    return model;
  }
  const candidates: BaseModel[] = [];
  for await (const model of client.baseModels.list({ filter: `locale eq '${locale}'`, signal })) if (model.locale === locale) candidates.push(model);
  if (spec === 'latest') {
    const now = new Date().toISOString();
    const fitting = candidates.filter((model) => adaptsWith(model, kinds) && !((model.properties?.deprecationDates?.adaptationDateTime ?? '9999') < now));
    fitting.sort((a, b) => (b.createdDateTime ?? b.displayName).localeCompare(a.createdDateTime ?? a.displayName));
    if (!fitting[0]) throw new BaseModelError(`No base model of ${locale} adapts with ${kinds.join(', ') || 'any data'} and can still be trained (${candidates.length} base models for ${locale}).`);
    return fitting[0];
  }
  const named = candidates.filter((model) => model.displayName === spec);
  if (named.length === 0) throw new BaseModelError(`There is no ${locale} base model named '${spec}'. Name it by id or exact display name, or use "latest".`);
  if (named.length > 1) throw new BaseModelError(`${named.length} ${locale} base models are named '${spec}'; name one by id: ${named.map((m) => entityIdOf(m.self, 'models/base')).join(', ')}.`);
  return named[0]!;
}

function adaptsWith(model: BaseModel, kinds: readonly string[]): boolean {
  const supported = model.properties?.features?.supportsAdaptationsWith ?? [];
  return kinds.every((kind) => supported.includes(kind));
}
