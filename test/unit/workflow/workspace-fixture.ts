import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { speak } from '../engine/recognizer-speech';

/**
 * Bike-shop sentences for a test set, spoken by espeak-ng; kept few so decoding takes seconds. The
 * last has a made-up name no model knows, so no model scores 0 % and a strict gate surely fails.
 */
export const TEST_SENTENCES = ['the rear derailleur skips on the smallest cog', 'can you bleed my shimano disc brakes', 'please fit a new cassette and chain', 'ask for quintavian at the front desk'];

export const RELATED_TEXT = [
  'the derailleur on my gravel bike needs adjusting',
  'shimano disc brakes need bleeding once a year',
  'a new cassette and chain make the gears shift again',
  'the smallest cog wears out first',
  'please adjust the rear derailleur and true the wheel',
];

/**
 * A workspace with a manifest: related text to train `bike-shop` with, spoken calls to test it
 * against its base model (`vs-base`). Returns the folder (its customspeech.json is the manifest).
 */
export async function makeWorkspace(options: { project?: string } = {}): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'cs-workspace-'));
  await mkdir(path.join(folder, 'calls'));
  for (const [i, sentence] of TEST_SENTENCES.entries()) speak(sentence, path.join(folder, 'calls'), `call-${i}`);
  await writeFile(path.join(folder, 'calls', 'trans.txt'), TEST_SENTENCES.map((sentence, i) => `call-${i}.wav\t${sentence}`).join('\n') + '\n');
  await writeFile(path.join(folder, 'related.txt'), '\uFEFF' + RELATED_TEXT.join('\n') + '\n');
  const manifest = {
    locale: 'en-US',
    ...(options.project ? { project: options.project } : {}),
    datasets: {
      related: { kind: 'Language', path: 'related.txt' },
      calls: { kind: 'Acoustic', path: 'calls' },
    },
    models: { 'bike-shop': { baseModel: 'latest', datasets: ['related'], customModelWeightPercent: 50 } },
    tests: { 'vs-base': { dataset: 'calls', models: ['bike-shop'] } },
  };
  await writeFile(path.join(folder, 'customspeech.json'), JSON.stringify(manifest, null, 2) + '\n');
  return folder;
}
