import { entityIdOf } from '../api/ids';
import type { BaseModel, CustomModel } from '../api/schemas';
import { waitForStatus } from '../api/wait';
import { resolveBaseModel } from './base-model';
import { ensureDataset } from './datasets';
import { entityError, EntityFailedError } from './entity-failed';
import { findTagged } from './find-tagged';
import { projectReference } from './project';
import { selectEntries, type WorkflowSession } from './session';
import { manifestTags, RECIPE_HASH_PROPERTY, valueHash } from './tags';

export interface TrainedModel {
  key: string;
  modelId: string;
  /** Succeeded, or Failed with `properties.error`. */
  model: CustomModel;
  baseModel: BaseModel;
  baseModelId: string;
  /** True when a model of the same recipe was found and nothing was trained. */
  reused: boolean;
}

/** Trains the manifest's recipes named in `names` (all when none), uploading their datasets first. */
export async function trainModels(session: WorkflowSession, names: readonly string[] = []): Promise<TrainedModel[]> {
  const trained: TrainedModel[] = [];
  for (const [key] of selectEntries(session.manifest.models, names, 'model')) trained.push(await ensureModel(session, key));
  return trained;
}

/**
 * The custom model of recipe `key`: one trained earlier from the same base model, datasets and
 * weight when there is one (unless forced), else a new one; waited for until it is trained.
 */
export function ensureModel(session: WorkflowSession, key: string): Promise<TrainedModel> {
  return session.once(session.resolved.models, key, () => train(session, key));
}

/** Like ensureModel, and throws when the model failed. */
export async function succeededModel(session: WorkflowSession, key: string): Promise<TrainedModel> {
  const trained = await ensureModel(session, key);
  if (trained.model.status !== 'Succeeded') throw new EntityFailedError('model', key, trained.modelId, entityError(trained.model));
  return trained;
}

async function train(session: WorkflowSession, key: string): Promise<TrainedModel> {
  const { client, manifest, signal, options } = session;
  const recipe = manifest.models[key];
  if (!recipe) throw new Error(`The manifest has no model '${key}'.`);
  const datasetIds: string[] = [];
  for (const datasetKey of recipe.datasets) {
    const outcome = await ensureDataset(session, datasetKey);
    if (outcome.dataset.status !== 'Succeeded') throw new EntityFailedError('dataset', datasetKey, outcome.datasetId, entityError(outcome.dataset));
    datasetIds.push(outcome.datasetId);
  }
  const kinds = [...new Set(recipe.datasets.map((datasetKey) => manifest.datasets[datasetKey]!.kind))];
  const baseModel = await resolveBaseModel(session, recipe.baseModel, manifest.locale, kinds);
  const baseModelId = entityIdOf(baseModel.self, 'models/base');
  // Names and descriptions are left out: renaming a recipe does not make it another model.
  const hash = valueHash({ locale: manifest.locale, baseModel: baseModelId, datasets: datasetIds, customModelWeightPercent: recipe.customModelWeightPercent });

  let model = options.force ? undefined : await findTagged(client.models.list({ signal }), key, RECIPE_HASH_PROPERTY, hash);
  const reused = model !== undefined;
  if (!model) {
    model = await client.models.create(
      {
        displayName: recipe.displayName ?? key,
        ...(recipe.description ? { description: recipe.description } : {}),
        locale: manifest.locale,
        baseModel: client.reference('models/base', baseModelId),
        datasets: datasetIds.map((id) => client.reference('datasets', id)),
        ...(recipe.customModelWeightPercent ? { properties: { customModelWeightPercent: recipe.customModelWeightPercent } } : {}),
        ...(await projectReference(session, manifest.locale)),
        customProperties: manifestTags(key, RECIPE_HASH_PROPERTY, hash),
      },
      signal,
    );
  }
  const modelId = entityIdOf(model.self, 'models');
  session.report({ step: 'model', key, action: reused ? 'reused' : 'created', modelId, baseModel: baseModel.displayName });
  if (model.status !== 'Succeeded' && model.status !== 'Failed') {
    model = await waitForStatus((s) => client.models.poll(modelId, s), {
      signal,
      initialDelayMs: options.pollMs ?? 1000,
      maxDelayMs: 30_000,
      onProgress: (entity, elapsedMs) => session.report({ step: 'model', key, action: 'status', status: entity.status, elapsedMs }),
    });
  }
  return { key, modelId, model, baseModel, baseModelId, reused };
}
