import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { datasetFolder, type EngineState, type ModelRef } from '../engine-state';
import { DECODER_SETTINGS, type Hypothesis, type ModelConfig } from '../recognizer';
import { writeFileAtomic } from '../store/atomic-file';

/**
 * What a model recognized in each utterance of a test dataset, kept with the dataset: evaluations
 * compare model after model with the same baseline on the same test set, and decoding the baseline
 * again gives the same words (a decode depends on the model's files, the decoder settings and the
 * audio only, which a test checks). The entry's name holds a digest of all three, so a retrained
 * base model (a package upgrade), other settings or another pipeline miss it, and the entry they
 * replace is deleted when theirs is stored. Deleting the dataset deletes its entries, deleting a
 * custom model its own. Bump `PIPELINE_VERSION` when decoding changes its results in code.
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

/** Keeps the hypotheses in `file`, and deletes the model's older entries for the dataset (other digests: never read again). */
export async function storeHypotheses(file: string, audio: readonly string[], hypotheses: readonly Hypothesis[]): Promise<void> {
  const folder = path.dirname(file);
  await mkdir(folder, { recursive: true });
  const entry: CacheEntry = { version: PIPELINE_VERSION, audio: [...audio], hypotheses: [...hypotheses] };
  await writeFileAtomic(file, JSON.stringify(entry));
  const name = path.basename(file);
  await deleteEntries(folder, (other) => other !== name && modelOf(other) === modelOf(name));
}

/** Deletes what the custom model `modelId` recognized in every dataset (it is being deleted). */
export async function forgetHypotheses(state: EngineState, modelId: string): Promise<void> {
  const owned = `${modelId}-`;
  await Promise.all(state.datasets.all().map((dataset) => deleteEntries(path.join(datasetFolder(state, dataset.id), FOLDER), (name) => name.startsWith(owned))));
}

// `<base|model id>-<digest>.json`: the model's part.
function modelOf(name: string): string {
  return name.slice(0, name.lastIndexOf('-'));
}

async function deleteEntries(folder: string, doomed: (name: string) => boolean): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(names.filter(doomed).map((name) => rm(path.join(folder, name), { force: true })));
}
