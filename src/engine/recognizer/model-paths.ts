import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETUP_HINT } from './setup-hint';

/** The files a recognizer is made of. */
export interface ModelConfig {
  /** Directory of the acoustic model (mdef, means, variances, transition_matrices, sendump or mixture_weights). */
  acousticModel: string;
  /** Pronunciation dictionary: `word PH O NE S` per line, alternatives as `word(2)`. */
  dictionary: string;
  /** The generic n-gram language model (ARPA or binary). */
  languageModel: string;
  /**
   * A domain language model interpolated with the generic one. `weight` (0..1) is its share of the
   * probability, the generic model getting the rest; 0 leaves it out and 1 uses it alone.
   */
  domainLanguageModel?: { path: string; weight: number };
}

/** Where Debian's pocketsphinx-en-us package puts the US English model. */
export const DEBIAN_MODEL_DIRECTORY = '/usr/share/pocketsphinx/model/en-us';

/** Another directory laid out like the Debian one (the same variable as training's base-model-files.ts). */
export const MODEL_DIRECTORY_ENV = 'CUSTOM_SPEECH_POCKETSPHINX_MODEL';

/** The generic US English model: acoustic model, CMU dictionary and 3-gram language model. */
export function baseModelPaths(directory: string = process.env[MODEL_DIRECTORY_ENV] ?? DEBIAN_MODEL_DIRECTORY): ModelConfig {
  return {
    acousticModel: path.join(directory, 'en-us'),
    dictionary: path.join(directory, 'cmudict-en-us.dict'),
    languageModel: path.join(directory, 'en-us.lm.bin'),
  };
}

// The acoustic model files the decoder cannot start without; mixture weights come in one of two forms.
const ACOUSTIC_MODEL_FILES = ['mdef', 'means', 'variances', 'transition_matrices'];
const MIXTURE_WEIGHT_FILES = ['sendump', 'mixture_weights'];

/**
 * Each missing file or directory of `config`, described for a person. Checked before the library
 * sees them: it would only return NULL and log the reason (and its logging is off).
 */
export function missingModelFiles(config: ModelConfig): string[] {
  const missing: string[] = [];
  const isFile = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  if (!fs.statSync(config.acousticModel, { throwIfNoEntry: false })?.isDirectory()) {
    missing.push(`acoustic model directory ${config.acousticModel}`);
  } else {
    const absent = ACOUSTIC_MODEL_FILES.filter((name) => !isFile(path.join(config.acousticModel, name)));
    if (!MIXTURE_WEIGHT_FILES.some((name) => isFile(path.join(config.acousticModel, name)))) absent.push(MIXTURE_WEIGHT_FILES.join(' or '));
    if (absent.length) missing.push(`acoustic model files ${absent.join(', ')} in ${config.acousticModel}`);
  }
  if (!isFile(config.dictionary)) missing.push(`dictionary ${config.dictionary}`);
  if (!isFile(config.languageModel)) missing.push(`language model ${config.languageModel}`);
  if (config.domainLanguageModel && !isFile(config.domainLanguageModel.path)) missing.push(`domain language model ${config.domainLanguageModel.path}`);
  return missing;
}

/** Throws an error listing every missing model file, with how to install the base model. */
export function assertModelFiles(config: ModelConfig): void {
  const missing = missingModelFiles(config);
  if (missing.length === 0) return;
  throw new Error(`The speech model is incomplete: missing ${missing.join('; ')}. The generic US English model (${DEBIAN_MODEL_DIRECTORY}) comes with pocketsphinx-en-us. ${SETUP_HINT}`);
}
