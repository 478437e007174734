import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { SkipList, writeCorpus, type CandidateUtterance, type SkipGroup } from './adaptation-corpus';
import { runTool, sphinxtrainProgram } from './sphinx-tools';

/**
 * Acoustic adaptation: the base acoustic model moved towards the speakers, microphones and rooms of
 * the Acoustic datasets. sphinx_fe computes their features with the model's own front end, bw
 * (Baum-Welch) aligns them to their transcripts and counts which Gaussians explain which frames,
 * then either map_adapt re-estimates every Gaussian, mixture weight and transition (MAP), or
 * mllr_solve finds one linear transform of all the means (MLLR) that mllr_transform applies. MAP
 * learns more but needs enough audio for each phone; MLLR moves everything together and is safe on
 * little audio.
 */

/** From this much usable audio on, MAP; below it, MLLR (see docs/engine.md for the measurements). */
export const MAP_MINIMUM_MINUTES = 2;

/** The adapted model's folder inside the model's folder. */
export const ADAPTED_MODEL_FOLDER = 'acoustic-model';
/** Work folders (features, counts) are named with this prefix and removed when training ends. */
const WORK_PREFIX = 'adaptation-work-';

export interface AdaptationInput {
  candidates: readonly CandidateUtterance[];
  /** The model's merged dictionary: every transcript word needs a pronunciation. */
  dictionary: ReadonlyMap<string, readonly string[][]>;
  /** The base acoustic model the decoder uses (binary mdef, sendump). */
  baseAcousticModel: string;
  /** Its trainable copy (mdef.txt, mixture_weights): see trainable-base-model.ts. */
  trainableBaseModel: string;
  modelFolder: string;
  signal?: AbortSignal;
}

export interface AdaptationResult {
  method: 'MAP' | 'MLLR' | 'none';
  minutesUsed: number;
  utterancesUsed: number;
  skipped: SkipGroup[];
  /** One sentence for the report. */
  summary: string;
}

/**
 * Adapts the base acoustic model to the candidates' audio and writes it to `acoustic-model/` in the
 * model's folder. Utterances that cannot be used are skipped with a reason; when none is left, no
 * model is written (method `none`). A tool that fails is an error.
 */
export async function adaptAcousticModel(input: AdaptationInput): Promise<AdaptationResult> {
  const { modelFolder, signal } = input;
  await removeLeftovers(modelFolder);
  const work = path.join(modelFolder, `${WORK_PREFIX}${process.pid}-${Date.now()}`);
  try {
    await mkdir(path.join(work, 'audio'), { recursive: true });
    await mkdir(path.join(work, 'features'));
    await mkdir(path.join(work, 'counts'));
    const skipped = new SkipList();
    const corpus = await writeCorpus(work, input.candidates, input.dictionary, skipped);
    const none = (why: string): AdaptationResult => ({ method: 'none', minutesUsed: 0, utterancesUsed: 0, skipped: skipped.list(), summary: `none: ${why}` });
    if (corpus.length === 0) return none(`no utterance could be used (${describeSkips(skipped.list())})`);

    const corpusSeconds = corpus.reduce((sum, u) => sum + u.durationMilliseconds, 0) / 1000;
    // Generous: bw runs at about 1/50 of real time; a limit only stops a tool that hangs.
    const timeoutMilliseconds = 600_000 + corpusSeconds * 1000;
    const tool = (program: string, args: string[]) => runTool(program, args, { signal, timeoutMilliseconds });
    const base = input.trainableBaseModel;
    await tool('sphinx_fe', [
      '-argfile', path.join(base, 'feat.params'), '-samprate', '16000', '-raw', 'yes', '-input_endian', 'little',
      '-c', path.join(work, 'corpus.fileids'), '-di', path.join(work, 'audio'), '-ei', 'raw', '-do', path.join(work, 'features'), '-eo', 'mfc',
    ]);
    // bw waits minutes for a feature file that is missing: check they are all there first.
    const features = new Set(await readdir(path.join(work, 'features')));
    const missing = corpus.filter((u) => !features.has(`${u.id}.mfc`));
    if (missing.length) throw new Error(`sphinx_fe wrote no features for ${missing.length} utterances (first: ${missing[0]!.label}).`);

    const log = await tool(sphinxtrainProgram('bw'), [
      '-hmmdir', base, '-moddeffn', path.join(base, 'mdef.txt'), '-ts2cbfn', '.ptm.',
      '-feat', '1s_c_d_dd', '-svspec', '0-12/13-25/26-38', '-cmn', 'batch', '-agc', 'none', '-varnorm', 'no',
      '-dictfn', path.join(work, 'corpus.dict'), '-fdictfn', path.join(base, 'noisedict'),
      '-ctlfn', path.join(work, 'corpus.fileids'), '-lsnfn', path.join(work, 'corpus.transcription'),
      '-cepdir', path.join(work, 'features'), '-cepext', 'mfc', '-accumdir', path.join(work, 'counts'),
    ]);
    const aligned = alignedUtterances(log);
    const used = corpus.filter((u) => aligned.has(u.id));
    for (const u of corpus) if (!aligned.has(u.id)) skipped.add('bw could not align the audio to its transcript (they do not match, or the audio is silence or noise)', u.label);
    if (used.length === 0) return none(`no utterance could be aligned to its transcript (${describeSkips(skipped.list())})`);

    const minutesUsed = used.reduce((sum, u) => sum + u.durationMilliseconds, 0) / 60_000;
    const method = minutesUsed >= MAP_MINIMUM_MINUTES ? 'MAP' : 'MLLR';
    const out = path.join(work, 'model');
    await mkdir(out);
    const counts = path.join(work, 'counts');
    if (method === 'MAP') {
      await tool(sphinxtrainProgram('map_adapt'), [
        '-moddeffn', path.join(base, 'mdef.txt'), '-ts2cbfn', '.ptm.',
        '-meanfn', path.join(base, 'means'), '-varfn', path.join(base, 'variances'),
        '-mixwfn', path.join(base, 'mixture_weights'), '-tmatfn', path.join(base, 'transition_matrices'), '-accumdir', counts,
        '-mapmeanfn', path.join(out, 'means'), '-mapvarfn', path.join(out, 'variances'),
        '-mapmixwfn', path.join(out, 'mixture_weights'), '-maptmatfn', path.join(out, 'transition_matrices'),
      ]);
    } else {
      const matrix = path.join(work, 'mllr_matrix');
      await tool(sphinxtrainProgram('mllr_solve'), ['-meanfn', path.join(base, 'means'), '-varfn', path.join(base, 'variances'), '-outmllrfn', matrix, '-accumdir', counts]);
      await tool(sphinxtrainProgram('mllr_transform'), ['-inmeanfn', path.join(base, 'means'), '-outmeanfn', path.join(out, 'means'), '-mllrmat', matrix]);
      for (const name of ['variances', 'transition_matrices']) await copyFile(path.join(input.baseAcousticModel, name), path.join(out, name));
      await copyFile(...(await mixtureWeightsOf(input.baseAcousticModel, out)));
    }
    for (const name of ['mdef', 'feat.params', 'noisedict']) await copyFile(path.join(input.baseAcousticModel, name), path.join(out, name));
    await rm(path.join(modelFolder, ADAPTED_MODEL_FOLDER), { recursive: true, force: true });
    await rename(out, path.join(modelFolder, ADAPTED_MODEL_FOLDER));

    const minutes = minutesUsed.toFixed(2);
    const skippedText = skipped.total ? `; ${skipped.total} skipped: ${describeSkips(skipped.list())}` : '';
    const summary =
      method === 'MAP'
        ? `MAP: every Gaussian, mixture weight and transition re-estimated from ${minutes} minutes of audio (${used.length} utterances${skippedText})`
        : `MLLR: one transform of the means estimated from ${minutes} minutes of audio (${used.length} utterances${skippedText}); MAP from ${MAP_MINIMUM_MINUTES} minutes on`;
    return { method, minutesUsed: Number(minutes), utterancesUsed: used.length, skipped: skipped.list(), summary };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The ids of the utterances bw aligned: its `utt>` lines with likelihoods (failed ones end early). */
export function alignedUtterances(log: string): Set<string> {
  const aligned = new Set<string>();
  const number = String.raw`[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?`;
  const line = new RegExp(String.raw`^utt>\s+\d+\s+(\S+)\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+${number}\s+${number}\s+${number}\s`, 'gm');
  for (const match of log.matchAll(line)) aligned.add(match[1]!);
  return aligned;
}

/** What an earlier run left (it crashed, or the engine stopped): removed before this one starts. */
async function removeLeftovers(modelFolder: string): Promise<void> {
  const names = await readdir(modelFolder).catch(() => [] as string[]);
  for (const name of names) if (name.startsWith(WORK_PREFIX) || name === ADAPTED_MODEL_FOLDER) await rm(path.join(modelFolder, name), { recursive: true, force: true });
}

/** The decoder's mixture weights file of the base model (sendump preferred), as [from, to]. */
async function mixtureWeightsOf(acousticModel: string, out: string): Promise<[string, string]> {
  const name = (await stat(path.join(acousticModel, 'sendump')).catch(() => undefined)) ? 'sendump' : 'mixture_weights';
  return [path.join(acousticModel, name), path.join(out, name)];
}

function describeSkips(groups: readonly SkipGroup[]): string {
  return groups.map((group) => `${group.count} ${group.reason}`).join('; ') || 'no Acoustic utterances';
}
