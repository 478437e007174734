import { mkdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { createNormalizer } from '../../core/scoring/normalize';
import { writeFileAtomic } from '../store/atomic-file';
import { datasetFolder, modelFolder, type DatasetRecord, type EngineState, type FileRecord, type ModelRecord } from '../engine-state';
import { newId, timestamp } from '../resources/common';
import { AUDIO_FOLDER, UTTERANCES_FILE } from '../resources/dataset-import';
import type { Utterance } from '../resources/audio-import';
import { adaptAcousticModel, type AdaptationResult } from './acoustic-adaptation';
import type { CandidateUtterance, SkipGroup } from './adaptation-corpus';
import { ArpaModel } from './arpa-reader';
import { compileDomainModel, DOMAIN_ARPA } from './domain-language-model';
import { LanguageModelBuilder } from './language-model';
import { structuredTextSentences } from './structured-text';
import { dictionaryLines, generatePronunciations, readDictionary } from './pronunciations';
import { assertModelFiles, baseModelPaths } from '../recognizer';
import { trainableBaseModel } from './trainable-base-model';

/** The model's report (`report.json`, kind ModelReport): what training learned. Our own schema. */
export interface ModelReport {
  version: 1;
  baseModel: string;
  customModelWeightPercent: number;
  datasets: { id: string; kind: string; displayName: string; linesUsed: number }[];
  languageModel: { sentences: number; words: number; vocabulary: number; ngrams: [number, number, number] };
  /** Words of the domain the base dictionary does not know. */
  newWords: { count: number; examples: string[] };
  pronunciations: { fromDatasets: number; generated: number; examples: { word: string; phones: string }[] };
  /** Perplexity of the domain model on held-out sentences (every 10th, when there are 20 or more). */
  heldOut: { sentences: number; perplexity: number; unknownWords: number } | null;
  audio: {
    /** Accepted audio of the Acoustic datasets. */
    minutes: number;
    /** What acoustic adaptation did, in a sentence. */
    adaptation: string;
    method: 'MAP' | 'MLLR' | 'none';
    /** Audio the acoustic model was adapted to: the utterances bw aligned. */
    minutesUsed: number;
    utterancesUsed: number;
    /** Utterances adaptation left out, by reason (their transcripts still train the language model). */
    skipped: SkipGroup[];
  };
}

const TEXT_FILE_KINDS = new Set(['LanguageData']);

/**
 * Trains a custom model from its datasets: a domain 3-gram language model (related text, structured
 * text), a dictionary with every domain word (the base dictionary, pronunciation datasets, then
 * generated pronunciations), an acoustic model adapted to the Acoustic datasets' audio (see
 * acoustic-adaptation.ts), and a report. The model decodes with the domain model interpolated with
 * the generic one at `customModelWeightPercent`. When the engine stops, training stops and stays
 * Running: it starts over on the next start.
 */
export async function trainModel(state: EngineState, id: string): Promise<void> {
  const initial = state.models.get(id);
  if (!initial || initial.status === 'Succeeded' || initial.status === 'Failed') return;
  await update(state, id, { status: 'Running' });
  try {
    const normalizer = createNormalizer({ enabled: true, locale: initial.locale });
    const datasets = initial.datasets.map((datasetId) => state.datasets.get(datasetId));
    const missing = initial.datasets.filter((_, i) => !datasets[i]);
    if (missing.length) return await fail(state, id, 'InvalidDataset', `The datasets ${missing.join(', ')} no longer exist.`);
    const sentences: string[][] = [];
    const spoken = new Map<string, string[][]>(); // display word → spoken forms (words)
    const used: ModelReport['datasets'] = [];
    let audioMilliseconds = 0;
    const candidates: CandidateUtterance[] = [];
    for (const dataset of datasets as DatasetRecord[]) {
      let lines: string[];
      if (dataset.kind === 'Acoustic') {
        audioMilliseconds += dataset.properties.durationMilliseconds ?? 0;
        const utterances = await acousticUtterances(state, dataset);
        for (const u of utterances) candidates.push({ ...u, words: normalizer.words(u.text) });
        lines = utterances.map((u) => u.text).filter((text) => text.trim());
      } else {
        lines = await acceptedLines(state, dataset);
      }
      let count = 0;
      if (dataset.kind === 'Pronunciation') {
        for (const line of lines) {
          const [display, spokenForm] = line.split('\t');
          if (!display || !spokenForm) continue;
          const key = normalizer.words(display).join(' ');
          const words = normalizer.words(spokenForm);
          if (!key || key.includes(' ') || !words.length) continue; // one display word per entry in the dictionary
          spoken.set(key, [...(spoken.get(key) ?? []), words]);
          count++;
        }
      } else {
        for (const text of dataset.kind === 'LanguageMarkdown' ? structuredTextSentences(lines) : lines) {
          const words = normalizer.words(text);
          if (words.length) {
            sentences.push(words);
            count++;
          }
        }
      }
      used.push({ id: dataset.id, kind: dataset.kind, displayName: dataset.displayName, linesUsed: count });
    }
    if (sentences.length === 0) return await fail(state, id, 'InvalidDataset', 'The datasets hold no text to learn from: add related text (Language), structured text (LanguageMarkdown) or audio with transcripts (Acoustic).');

    // Hold out every 10th sentence to measure the model on text it did not see.
    const heldOut = sentences.length >= 20 ? sentences.filter((_, i) => i % 10 === 9) : [];
    const builder = new LanguageModelBuilder();
    sentences.forEach((sentence, i) => {
      if (heldOut.length === 0 || i % 10 !== 9) builder.add(sentence);
    });
    // Pronunciation entries are words of the domain: the language model should know them too.
    for (const word of spoken.keys()) builder.add([word]);
    const arpa = builder.toArpa();

    const base = baseModelPaths();
    assertModelFiles(base);
    const dictionary = await readDictionary(base.dictionary);
    const additions = new Map<string, string[][]>();
    let fromDatasets = 0;
    const needGenerated = new Set<string>();
    // Held-out transcripts are not in the vocabulary, but acoustic adaptation needs all their words.
    for (const word of candidates.flatMap((c) => c.words)) if (!dictionary.has(word) && !spoken.has(word)) needGenerated.add(word);
    for (const word of builder.vocabulary()) {
      const forms = spoken.get(word);
      if (forms) {
        for (const form of forms) for (const part of form) if (!dictionary.has(part)) needGenerated.add(part);
      } else if (!dictionary.has(word)) {
        needGenerated.add(word);
      }
    }
    const generated = await generatePronunciations([...needGenerated]);
    const phonesOf = (word: string) => dictionary.get(word)?.[0] ?? generated.get(word);
    for (const word of builder.vocabulary()) {
      const forms = spoken.get(word);
      if (forms) {
        const variants = forms.map((form) => form.flatMap((part) => phonesOf(part) ?? [])).filter((phones) => phones.length);
        if (variants.length) {
          additions.set(word, variants);
          fromDatasets++;
        }
      } else if (!dictionary.has(word) && generated.has(word)) {
        additions.set(word, [generated.get(word)!]);
      }
    }
    for (const word of needGenerated) if (!dictionary.has(word) && !additions.has(word) && generated.has(word)) additions.set(word, [generated.get(word)!]);
    const merged = new Map(dictionary);
    for (const [word, variants] of additions) merged.set(word, spoken.has(word) ? variants : [...(dictionary.get(word) ?? []), ...variants]);

    const folder = modelFolder(state, id);
    await mkdir(folder, { recursive: true });
    await writeFileAtomic(path.join(folder, DOMAIN_ARPA), arpa);
    const compiled = await compileDomainModel(folder, state.shutdown.signal);
    if (!compiled.compiled) process.stderr.write(`custom-speech engine: the model ${id} decodes from its ARPA language model, which loads more slowly: ${compiled.why}\n`);
    await writeFileAtomic(path.join(folder, 'dictionary.dict'), dictionaryLines(merged));
    let adaptation: AdaptationResult = { method: 'none', minutesUsed: 0, utterancesUsed: 0, skipped: [], summary: 'none: no Acoustic dataset' };
    if (candidates.length) {
      const signal = state.shutdown.signal;
      const trainable = await trainableBaseModel(state.dataDir, base.acousticModel, signal);
      adaptation = await adaptAcousticModel({ candidates, dictionary: merged, baseAcousticModel: base.acousticModel, trainableBaseModel: trainable, modelFolder: folder, signal });
    }
    const measured = heldOut.length ? new ArpaModel(arpa).perplexity(heldOut) : undefined;
    const newWords = builder.vocabulary().filter((word) => !dictionary.has(word));
    const report: ModelReport = {
      version: 1,
      baseModel: initial.baseModel,
      customModelWeightPercent: initial.customModelWeightPercent,
      datasets: used,
      languageModel: { ...builder.stats },
      newWords: { count: newWords.length, examples: newWords.slice(0, 50) },
      pronunciations: {
        fromDatasets,
        generated: [...additions.keys()].filter((word) => !spoken.has(word)).length,
        examples: [...additions].slice(0, 20).map(([word, variants]) => ({ word, phones: variants[0]!.join(' ') })),
      },
      heldOut: measured ? { sentences: heldOut.length, perplexity: Number(measured.perplexity.toFixed(2)), unknownWords: measured.unknown } : null,
      audio: {
        minutes: Number((audioMilliseconds / 60_000).toFixed(2)),
        adaptation: adaptation.summary,
        method: adaptation.method,
        minutesUsed: adaptation.minutesUsed,
        utterancesUsed: adaptation.utterancesUsed,
        skipped: adaptation.skipped,
      },
    };
    await writeFileAtomic(path.join(folder, 'report.json'), JSON.stringify(report, null, 2));
    const files: FileRecord[] = [];
    for (const [name, kind] of [['report.json', 'ModelReport']] as const) {
      const { size } = await stat(path.join(folder, name));
      files.push({ id: newId(), name, kind, size, createdDateTime: timestamp(), path: name });
    }
    await update(state, id, { status: 'Succeeded', files });
  } catch (error) {
    if (state.shutdown.signal.aborted) return; // stays Running: it trains again after the restart
    await fail(state, id, 'PipelineError', `Training failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** An Acoustic dataset's accepted utterances: their audio files and human transcripts (in-domain text, as said). */
async function acousticUtterances(state: EngineState, dataset: DatasetRecord): Promise<{ label: string; file: string; text: string; durationMilliseconds: number }[]> {
  const folder = datasetFolder(state, dataset.id);
  const utterances = JSON.parse(await readFile(path.join(folder, UTTERANCES_FILE), 'utf8')) as Utterance[];
  return utterances.map((u) => ({
    label: `${dataset.displayName}: ${u.audio}`,
    file: path.join(folder, AUDIO_FOLDER, ...u.audio.split('/')),
    text: u.text ?? '',
    durationMilliseconds: u.durationMilliseconds,
  }));
}

/** The lines of a dataset's data file that its validation accepted. */
async function acceptedLines(state: EngineState, dataset: DatasetRecord): Promise<string[]> {
  const folder = datasetFolder(state, dataset.id);
  const data = dataset.files.find((f) => TEXT_FILE_KINDS.has(f.kind) || f.kind === 'PronunciationData');
  if (!data) return [];
  const rejected = new Set<number>();
  const reportFile = dataset.files.find((f) => f.kind === 'DatasetReport');
  if (reportFile) {
    const report = JSON.parse(await readFile(path.join(folder, reportFile.path), 'utf8')) as { rejectedLines?: { line: number }[] };
    for (const { line } of report.rejectedLines ?? []) rejected.add(line);
  }
  const text = (await readFile(path.join(folder, data.path), 'utf8')).replace(/^\uFEFF/, '');
  return text.split(/\r?\n/).filter((line, i) => line.trim() && !rejected.has(i + 1));
}

async function fail(state: EngineState, id: string, code: string, message: string): Promise<void> {
  await update(state, id, { status: 'Failed', error: { code, message } });
}

async function update(state: EngineState, id: string, changes: Partial<ModelRecord>): Promise<void> {
  const model = state.models.get(id);
  if (!model) return;
  await state.models.put({ ...model, ...changes, lastActionDateTime: timestamp() });
}
