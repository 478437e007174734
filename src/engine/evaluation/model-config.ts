import * as fs from 'node:fs';
import * as path from 'node:path';
import { modelFolder, type EngineState, type ModelRef } from '../engine-state';
import { baseModelPaths, type ModelConfig } from '../recognizer';
import { ADAPTED_MODEL_FOLDER } from '../training/acoustic-adaptation';
import { domainModelFile } from '../training/domain-language-model';

/**
 * What the decoder loads for a model: the base model's files, or for a custom model its dictionary,
 * its domain language model interpolated with the generic one at the model's weight, and its
 * adapted acoustic model when training made one (from Acoustic datasets).
 */
export function decoderConfig(state: EngineState, ref: ModelRef): ModelConfig {
  const base = baseModelPaths();
  if (ref.base) return base;
  const model = state.models.get(ref.id);
  if (!model) throw new Error(`The model ${ref.id} no longer exists.`);
  if (model.status !== 'Succeeded') throw new Error(`The model ${model.displayName} (${model.id}) is ${model.status}, not trained.`);
  const folder = modelFolder(state, model.id);
  const adapted = path.join(folder, ADAPTED_MODEL_FOLDER);
  return {
    ...base,
    ...(fs.existsSync(adapted) ? { acousticModel: adapted } : {}),
    dictionary: path.join(folder, 'dictionary.dict'),
    domainLanguageModel: { path: domainModelFile(folder), weight: model.customModelWeightPercent / 100 },
  };
}
