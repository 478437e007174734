import { mkdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { createNormalizer } from '../../core/scoring/normalize';
import { opLetters, scoreCorpora, toScoreJson } from '../../core/scoring/report';
import type { Corpus } from '../../core/scoring/types';
import { datasetFolder, evaluationFolder, type EngineState, type EvaluationRecord, type FileRecord } from '../engine-state';
import { decodeJobs, type FileDecodeResult } from '../recognizer';
import type { Hypothesis } from '../recognizer/recognizer';
import { AUDIO_FOLDER, UTTERANCES_FILE } from '../resources/dataset-import';
import type { Utterance } from '../resources/audio-import';
import { newId, timestamp } from '../resources/common';
import { writeFileAtomic } from '../store/atomic-file';
import { failTranscriptions, finishTranscription, sameModel, startTranscriptions } from './evaluation-transcriptions';
import { cachedHypotheses, hypothesisCacheFile, storeHypotheses } from './hypothesis-cache';
import { decoderConfig } from './model-config';

/** The metrics' names for model n, as the service fills them. */
export function metricNames(n: 1 | 2): string[] {
  return ['wordErrorRate', 'sentenceErrorRate', 'sentenceCount', 'wordCount', 'correctWordCount', 'wordSubstitutionCount', 'wordDeletionCount', 'wordInsertionCount'].map((name) => `${name}${n}`);
}

/** −1 everywhere, as the service shows until an evaluation succeeds. */
export function placeholderMetrics(): Record<string, number> {
  return Object.fromEntries([...metricNames(1), ...metricNames(2)].map((name) => [name, name.includes('Rate') ? -1.0 : -1]));
}

/**
 * Decodes every utterance of the test dataset with model 1 and model 2 (once when they are the same),
 * each utterance on its own and in parallel on the available cores, both models at once — a model
 * that decoded this test set before is taken from the hypothesis cache — and scores them with
 * core/scoring: the service's metrics, one EvaluationDetails file per audio file and model, and the
 * whole scoring result (`score.json`, custom-speech-score/1) for the report. As on Azure, each
 * model's recognition results are also a transcription (`transcription1`, `transcription2`) with one
 * Transcription file per audio file. AudioFiles datasets have no transcripts: they give the
 * hypotheses (an inspection), no WER.
 */
export async function runEvaluation(state: EngineState, id: string): Promise<void> {
  const initial = state.evaluations.get(id);
  if (!initial || initial.status === 'Succeeded' || initial.status === 'Failed') return;
  try {
    await update(state, id, { status: 'Running', ...(await startTranscriptions(state, initial)) });
    const dataset = state.datasets.get(initial.dataset);
    if (!dataset || dataset.status !== 'Succeeded') return await fail(state, id, 'InvalidDataset', `The test dataset ${initial.dataset} is not available (deleted, or its import did not succeed).`);
    const folder = datasetFolder(state, dataset.id);
    const utterances = JSON.parse(await readFile(path.join(folder, UTTERANCES_FILE), 'utf8')) as Utterance[];
    const audio = utterances.map((u) => path.join(folder, AUDIO_FOLDER, ...u.audio.split('/')));
    const same = sameModel(initial.model1, initial.model2);
    const models = same ? [initial.model1] : [initial.model1, initial.model2];
    const configs = models.map((model) => decoderConfig(state, model));
    const names = utterances.map((u) => u.audio);
    // A model this test set was decoded with before (the baseline, usually) is not decoded again.
    const cacheFiles = await Promise.all(models.map((model, i) => hypothesisCacheFile(state, dataset.id, model, configs[i]!)));
    const decoded = await Promise.all(cacheFiles.map((file) => cachedHypotheses(file, names)));
    const missing = models.flatMap((_, i) => (decoded[i] ? [] : [i]));
    // Both models at once: they load side by side, and no core idles between the two. The engine
    // stopping stops the decoding (the utterances being decoded finish first).
    // What GET shows while this runs: one step per utterance and model decoded.
    const progress = { completed: 0, total: missing.length * audio.length };
    state.progress.set(id, progress);
    const results = await decodeJobs(
      missing.map((i) => ({ model: configs[i]!, files: audio })),
      { signal: state.shutdown.signal, onResult: () => void progress.completed++ },
    );
    for (const [k, i] of missing.entries()) {
      decoded[i] = hypothesesOf(results[k]!);
      // Only a shortcut for the next evaluation: failing to keep it fails nothing.
      await storeHypotheses(cacheFiles[i]!, names, decoded[i]!).catch((error: unknown) =>
        process.stderr.write(`custom-speech engine: the hypotheses of ${dataset.id} could not be kept: ${error instanceof Error ? error.message : String(error)}\n`),
      );
    }
    const decoded1 = decoded[0]!;
    const decoded2 = decoded[1] ?? decoded1;
    const [hypotheses1, hypotheses2] = [decoded1, decoded2].map((decoded) => decoded.map((h) => h.text)) as [string[], string[]];

    const out = evaluationFolder(state, id);
    await mkdir(out, { recursive: true });
    const files: FileRecord[] = [];
    const addFile = async (name: string, kind: string, content: string) => {
      await writeFileAtomic(path.join(out, name), content);
      files.push({ id: newId(), name, kind, size: (await stat(path.join(out, name))).size, createdDateTime: timestamp(), path: name });
    };
    const inspection = dataset.kind === 'AudioFiles';
    const corpus = (texts: readonly string[], file: string): Corpus => ({
      path: file,
      format: 'trn',
      utterances: utterances.map((u, i) => ({ id: u.audio, text: texts[i]!, line: i + 1 })),
    });
    const metrics = placeholderMetrics();
    if (inspection) {
      metrics.sentenceCount1 = metrics.sentenceCount2 = utterances.length;
      for (const [n, hypotheses] of [[1, hypotheses1], [2, hypotheses2]] as const) {
        for (const [i, u] of utterances.entries()) await addFile(`${u.audio.replace(/\//g, '_')}.model${n}_score.json`, 'EvaluationDetails', JSON.stringify({ audio: u.audio, model: n, hypothesis: hypotheses[i] }, null, 2));
      }
    } else {
      const normalizer = createNormalizer({ enabled: true, locale: initial.locale });
      const run = scoreCorpora(corpus(utterances.map((u) => u.text ?? ''), 'reference'), [corpus(hypotheses1, 'model1'), corpus(hypotheses2, 'model2')], { normalizer });
      run.systems.forEach((system, index) => {
        const n = (index + 1) as 1 | 2;
        const t = system.totals;
        Object.assign(metrics, {
          [`wordErrorRate${n}`]: t.wer,
          [`sentenceErrorRate${n}`]: t.ser,
          [`sentenceCount${n}`]: t.sentences,
          [`wordCount${n}`]: t.words,
          [`correctWordCount${n}`]: t.correct,
          [`wordSubstitutionCount${n}`]: t.substitutions,
          [`wordDeletionCount${n}`]: t.deletions,
          [`wordInsertionCount${n}`]: t.insertions,
        });
      });
      for (const [index, system] of run.systems.entries()) {
        for (const [i, u] of system.utterances.entries()) {
          const detail = {
            audio: utterances[i]!.audio,
            model: index + 1,
            reference: utterances[i]!.text,
            hypothesis: (index === 0 ? hypotheses1 : hypotheses2)[i],
            normalizedReference: run.vocabulary.text(u.ref),
            normalizedHypothesis: run.vocabulary.text(u.hyp),
            alignment: opLetters(u.ops),
            correct: u.correct,
            substitutions: u.substitutions,
            deletions: u.deletions,
            insertions: u.insertions,
          };
          await addFile(`${utterances[i]!.audio.replace(/\//g, '_')}.model${index + 1}_score.json`, 'EvaluationDetails', JSON.stringify(detail, null, 2));
        }
      }
      await addFile('score.json', 'EvaluationDetails', JSON.stringify(toScoreJson(run)));
    }
    const { transcription1, transcription2 } = state.evaluations.get(id)!;
    const sources = utterances.map((u) => u.audio);
    await finishTranscription(state, transcription1!, sources, decoded1);
    if (transcription2 !== transcription1) await finishTranscription(state, transcription2!, sources, decoded2);
    await update(state, id, { status: 'Succeeded', metrics, files });
  } catch (error) {
    if (state.shutdown.signal.aborted) return; // stays Running: it is evaluated again after the restart
    await fail(state, id, 'PipelineError', `The evaluation failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    state.progress.delete(id);
  }
}

function hypothesesOf(results: readonly FileDecodeResult[]): Hypothesis[] {
  return results.map((result) => {
    if ('error' in result) throw new Error(`${path.basename(result.file)}: ${result.error}`);
    return result.hypothesis;
  });
}

async function fail(state: EngineState, id: string, code: string, message: string): Promise<void> {
  const evaluation = state.evaluations.get(id);
  if (evaluation) await failTranscriptions(state, evaluation, { code, message });
  await update(state, id, { status: 'Failed', error: { code, message } });
}

async function update(state: EngineState, id: string, changes: Partial<EvaluationRecord>): Promise<void> {
  const evaluation = state.evaluations.get(id);
  if (!evaluation) return;
  await state.evaluations.put({ ...evaluation, ...changes, lastActionDateTime: timestamp() });
}
