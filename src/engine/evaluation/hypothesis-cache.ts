import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { datasetFolder, type EngineState, type ModelRef } from '../engine-state';
import { DECODER_SETTINGS, type Hypothesis, type ModelConfig } from '../recognizer';
import { writeFileAtomic } from '../store/atomic-file';

/**
 * What a model recognized in each utterance of a test dataset, kept with the dataset: evaluations
 * compare model after model with the same baseline on the same test set, and decoding the baseline
 * again gives the same words (a decode depends on the model's files, the decoder settings and the
 * audio only, which a test checks). The entry's name holds a digest of all three, so a retrained
 * base model (a package upgrade), other settings or another pipeline miss it; deleting the dataset
 * deletes its entries. Bump `PIPELINE_VERSION` when decoding changes its results in code.
 */
const PIPELINE_VERSION = 1;
const FOLDER = 'hypotheses';

interface CacheEntry {
  version: number;
  /** The dataset's audio names, in the order of `hypotheses`. */
  audio: string[];
  hypotheses: Hypothesis[];
}

/** Where `ref`, decoded with `config`, keeps what it recognized in `datasetId`'s utterances. */
export async function hypothesisCacheFile(state: EngineState, datasetId: string, ref: ModelRef, config: ModelConfig): Promise<string> {
  const files = [config.dictionary, config.languageModel, config.domainLanguageModel?.path, ...['mdef', 'means', 'variances', 'mixture_weights', 'sendump', 'transition_matrices'].map((name) => path.join(config.acousticModel, name))];
  const stamps = await Promise.all(files.map(async (file) => (file ? ((await stat(file).catch(() => undefined)) ?? null) : null)));
  const digest = createHash('sha256')
    .update(JSON.stringify({ PIPELINE_VERSION, config, settings: DECODER_SETTINGS, files: stamps.map((s) => s && [s.size, s.mtimeMs]) }))
    .digest('hex')
    .slice(0, 32);
  return path.join(datasetFolder(state, datasetId), FOLDER, `${ref.base ? 'base' : ref.id}-${digest}.json`);
}

/** The hypotheses `file` holds for these utterances, or undefined (never decoded so, or unreadable). */
export async function cachedHypotheses(file: string, audio: readonly string[]): Promise<Hypothesis[] | undefined> {
  try {
    const entry = JSON.parse(await readFile(file, 'utf8')) as CacheEntry;
    const same = entry.version === PIPELINE_VERSION && entry.audio.length === audio.length && entry.audio.every((name, i) => name === audio[i]) && entry.hypotheses.length === audio.length;
    return same ? entry.hypotheses : undefined;
  } catch {
    return undefined;
  }
}

export async function storeHypotheses(file: string, audio: readonly string[], hypotheses: readonly Hypothesis[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const entry: CacheEntry = { version: PIPELINE_VERSION, audio: [...audio], hypotheses: [...hypotheses] };
  await writeFileAtomic(file, JSON.stringify(entry));
}
