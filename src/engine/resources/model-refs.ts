import { badRequest } from '../http/api-error';
import type { EngineState, ModelRef } from '../engine-state';
import { BASE_MODEL } from './base-models';
import { link, referencedId } from './common';

/** `{ self }` of the base model or a custom model, as evaluations and endpoints show them. */
export function modelLink(base: string, ref: ModelRef): { self: string } {
  return { self: link(base, ref.base ? `models/base/${ref.id}` : `models/${ref.id}`) };
}

/**
 * The model a request names — `{ "self": "…" }` or a bare URI — for `use` (evaluating, deploying,
 * transcribing): the base model, or a custom model that is trained and in `locale`. With
 * `endpoints`, an endpoint's URI names the model it serves.
 */
export function modelRefOf(value: unknown, field: string, state: EngineState, use: { verb: string; locale?: string; endpoints?: boolean }): ModelRef {
  const self = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? (value as { self?: unknown }).self : undefined;
  if (typeof self !== 'string') throw badRequest(`'${field}' must name a model: { "self": "…/models/{id}" }.`);
  if (/\/models\/base\//i.test(self)) {
    const id = referencedId({ self }, 'models/base', field);
    if (id !== BASE_MODEL.id) throw badRequest(`${field}: the base model ${id} does not exist.`, 'InvalidBaseModel');
    return { base: true, id };
  }
  if (use.endpoints && /\/endpoints\//i.test(self)) {
    const endpoint = state.endpoints.get(referencedId({ self }, 'endpoints', field));
    if (!endpoint || endpoint.status !== 'Succeeded') throw badRequest(`${field}: the endpoint is not deployed.`, 'InvalidModelUri');
    return endpoint.model;
  }
  const id = referencedId({ self }, 'models', field);
  const model = state.models.get(id);
  if (!model) throw badRequest(`${field}: the model ${id} does not exist.`, 'InvalidModelUri');
  if (model.status !== 'Succeeded') throw badRequest(`${field}: the model ${model.displayName} is ${model.status}; only trained models can be ${use.verb}.`, 'ModelNotDeployable');
  if (use.locale && model.locale !== use.locale) throw badRequest(`${field}: the model is ${model.locale}, not ${use.locale}.`, 'InvalidLocale');
  return { base: false, id };
}
