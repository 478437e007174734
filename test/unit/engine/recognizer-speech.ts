import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { align } from '../../../src/core/scoring/align';

/** Real and synthetic speech for the recognizer's tests, and a plain word error rate. */

/** pocketsphinx-testdata: five LibriVox read-speech clips (Sense and Sensibility) with their transcripts. */
export const LIBRIVOX_DIRECTORY = '/usr/share/pocketsphinx/test/data/librivox';

export interface Clip {
  id: string;
  file: string;
  reference: string;
}

/** The clips, from the `transcription` file (`<s> words </s> (id)` per line). */
export function librivoxClips(): Clip[] {
  const lines = fs.readFileSync(path.join(LIBRIVOX_DIRECTORY, 'transcription'), 'utf8').split('\n').filter((line) => line.trim());
  return lines.map((line) => {
    const match = /^<s>\s*(.*?)\s*<\/s>\s*\((\S+)\)\s*$/.exec(line);
    if (!match) throw new Error(`unexpected transcription line: ${line}`);
    return { id: match[2]!, file: path.join(LIBRIVOX_DIRECTORY, `${match[2]!}.wav`), reference: match[1]! };
  });
}

/** An espeak-ng voice: a klatt variant (the default espeak voice is barely recognizable) and words per minute. */
export interface Voice {
  variant: string;
  wordsPerMinute: number;
}

/** Synthetic speech in `directory` as 16 kHz mono 16-bit WAV, resampled repeatably (`sox -R`); deletes the 22 kHz original. */
export function speak(text: string, directory: string, name: string, voice: Voice = { variant: 'klatt', wordsPerMinute: 160 }): string {
  const raw = path.join(directory, `${name}.espeak.wav`);
  const out = path.join(directory, `${name}.wav`);
  execFileSync('espeak-ng', ['-v', `en-us+${voice.variant}`, '-s', String(voice.wordsPerMinute), '-w', raw, text]);
  execFileSync('sox', ['-R', raw, '-r', '16000', '-c', '1', '-b', '16', out, 'pad', '0.25', '0.25'], { stdio: ['ignore', 'ignore', 'pipe'] });
  fs.rmSync(raw);
  return out;
}

/** Errors (substitutions, deletions, insertions) over reference words, all pairs pooled; words compared as written. */
export function wordErrorRate(references: readonly string[], hypotheses: readonly string[]): number {
  const ids = new Map<string, number>();
  const id = (word: string) => {
    if (!ids.has(word)) ids.set(word, ids.size);
    return ids.get(word)!;
  };
  const tokens = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean).map(id);
  let errors = 0;
  let words = 0;
  references.forEach((reference, i) => {
    const ref = tokens(reference);
    const { substitutions, deletions, insertions } = align(ref, tokens(hypotheses[i] ?? ''));
    errors += substitutions + deletions + insertions;
    words += ref.length;
  });
  return errors / words;
}
