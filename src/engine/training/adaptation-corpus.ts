import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pcmSamples } from '../recognizer';

/**
 * The utterances acoustic adaptation can learn from, and why each other one is left out; then the
 * files sphinx_fe and bw read: raw 16 kHz samples, a control file, transcripts and a dictionary of
 * the transcripts' words.
 */

/** The service trains on utterances of 40 seconds at most. */
export const MAX_UTTERANCE_MILLISECONDS = 40_000;

export interface CandidateUtterance {
  /** Named in the report: the dataset's display name and the audio's path in its zip. */
  label: string;
  file: string;
  words: string[];
  durationMilliseconds: number;
}

export interface CorpusUtterance extends CandidateUtterance {
  /** The name sphinx_fe and bw know it by (u00001 …). */
  id: string;
}

/** Utterances left out for one reason, with a few of them named. */
export interface SkipGroup {
  reason: string;
  count: number;
  examples: string[];
}

/** Collects skipped utterances by reason, in the order reasons first occur. */
export class SkipList {
  private readonly groups = new Map<string, SkipGroup>();

  add(reason: string, label: string): void {
    const group = this.groups.get(reason) ?? { reason, count: 0, examples: [] };
    group.count++;
    if (group.examples.length < 5) group.examples.push(label);
    this.groups.set(reason, group);
  }

  get total(): number {
    return [...this.groups.values()].reduce((sum, group) => sum + group.count, 0);
  }

  list(): SkipGroup[] {
    return [...this.groups.values()];
  }
}

/**
 * Writes the usable utterances into `folder` (`audio/<id>.raw`, `corpus.fileids`,
 * `corpus.transcription`, `corpus.dict`) and returns them; the others go to `skipped`.
 * `dictionary` must be the model's own, generated pronunciations included: bw cannot align a word
 * it has no pronunciation for.
 */
export async function writeCorpus(folder: string, candidates: readonly CandidateUtterance[], dictionary: ReadonlyMap<string, readonly string[][]>, skipped: SkipList): Promise<CorpusUtterance[]> {
  const usable: CorpusUtterance[] = [];
  for (const candidate of candidates) {
    if (candidate.durationMilliseconds > MAX_UTTERANCE_MILLISECONDS) {
      skipped.add('longer than 40 seconds (the service trains on shorter utterances only)', candidate.label);
      continue;
    }
    if (candidate.words.length === 0) {
      skipped.add('no words in the transcript', candidate.label);
      continue;
    }
    if (candidate.words.some((word) => !dictionary.get(word)?.length)) {
      skipped.add('a word of the transcript has no pronunciation', candidate.label);
      continue;
    }
    let samples: Int16Array;
    try {
      samples = pcmSamples(await readFile(candidate.file), candidate.label);
    } catch {
      skipped.add('not 16 kHz mono 16-bit PCM (the base acoustic model is for 16 kHz audio)', candidate.label);
      continue;
    }
    const id = `u${String(usable.length + 1).padStart(5, '0')}`;
    await writeFile(path.join(folder, 'audio', `${id}.raw`), littleEndian(samples));
    usable.push({ ...candidate, id });
  }
  await writeFile(path.join(folder, 'corpus.fileids'), usable.map((u) => `${u.id}\n`).join(''));
  await writeFile(path.join(folder, 'corpus.transcription'), usable.map((u) => `<s> ${u.words.join(' ')} </s> (${u.id})\n`).join(''));
  const words = [...new Set(usable.flatMap((u) => u.words))].sort();
  const lines = words.flatMap((word) => dictionary.get(word)!.map((phones, i) => `${i === 0 ? word : `${word}(${i + 1})`} ${phones.join(' ')}\n`));
  await writeFile(path.join(folder, 'corpus.dict'), lines.join(''));
  return usable;
}

function littleEndian(samples: Int16Array): Buffer {
  const bytes = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) bytes.writeInt16LE(samples[i]!, i * 2);
  return bytes;
}
