import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { mixtureWeightsFile, readSendump } from './mixture-weights';
import { runTool } from './sphinx-tools';

/**
 * The base acoustic model as sphinxtrain reads it: the model definition as text (`mdef.txt`) and float
 * mixture weights (`mixture_weights`, rebuilt from `sendump` when the model has only that). Built once
 * under the engine's data folder — the base model's own folder (/usr/share) is not ours to write —
 * and rebuilt when the base model's files change.
 */

/** The files adaptation reads, besides mdef.txt and mixture_weights. */
const COPIED = ['means', 'variances', 'transition_matrices', 'noisedict', 'feat.params'];
const FOLDER = 'trainable-base-model';
const STAMP = 'source.json';

/** One build at a time per folder (a training lane runs one job, but a second engine in the same process could ask too). */
const building = new Map<string, Promise<string>>();

/** The folder holding the trainable copy of `acousticModel`, building it first if needed. */
export function trainableBaseModel(dataDir: string, acousticModel: string, signal?: AbortSignal): Promise<string> {
  const folder = path.join(dataDir, FOLDER);
  let pending = building.get(folder);
  if (!pending) {
    pending = ensure(folder, acousticModel, signal).finally(() => building.delete(folder));
    building.set(folder, pending);
  }
  return pending;
}

async function ensure(folder: string, acousticModel: string, signal?: AbortSignal): Promise<string> {
  const source = JSON.stringify(await describeSource(acousticModel));
  const existing = await readFile(path.join(folder, STAMP), 'utf8').catch(() => undefined);
  if (existing === source) return folder;

  // Built aside and renamed into place: an interrupted build leaves no half-made model behind.
  const temporary = `${folder}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(temporary, { recursive: true });
  try {
    for (const name of COPIED) await copyFile(path.join(acousticModel, name), path.join(temporary, name));
    await runTool('pocketsphinx_mdef_convert', ['-text', path.join(acousticModel, 'mdef'), path.join(temporary, 'mdef.txt')], { signal, timeoutMilliseconds: 120_000 });
    const floatWeights = path.join(acousticModel, 'mixture_weights');
    if (await stat(floatWeights).catch(() => undefined)) await copyFile(floatWeights, path.join(temporary, 'mixture_weights'));
    else await writeFile(path.join(temporary, 'mixture_weights'), mixtureWeightsFile(readSendump(await readFile(path.join(acousticModel, 'sendump')))));
    await writeFile(path.join(temporary, STAMP), source);
    await rm(folder, { recursive: true, force: true });
    await rename(temporary, folder);
    return folder;
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

/** What identifies the base model's files: their folder, sizes and modification times. */
async function describeSource(acousticModel: string): Promise<Record<string, unknown>> {
  const files: Record<string, [number, number] | null> = {};
  for (const name of ['mdef', 'sendump', 'mixture_weights', ...COPIED]) {
    const info = await stat(path.join(acousticModel, name)).catch(() => undefined);
    files[name] = info ? [info.size, Math.round(info.mtimeMs)] : null;
  }
  return { acousticModel: path.resolve(acousticModel), files };
}
