import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { align } from '../../../src/core/scoring/align';
import { formatTrn } from '../../../src/core/scoring/format/sclite';
import { scoreFiles } from '../../../src/core/scoring/score-files';
import type { ScoreRun } from '../../../src/core/scoring/report';
import { runSclite, scliteAvailable, type ScliteUtterance } from './sclite';

/**
 * Our counts against NIST sclite's on the same texts, utterance by utterance. sclite comes with
 * `npm run setup` (apt sctk); without it these tests fail rather than pass silently.
 */

function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const vocabulary = [
  ...'the a to and of i you it is that in we for on my can with have this be at do not your what me so but was'.split(' '),
  ...'bike wheel brake chain derailleur tubeless sealant cassette shimano caliper saturday weekend'.split(' '),
  'über', 'naïve', 'ça', 'straße', '日本語', 'привет', 'Bike', 'BIKE', "don't", "o'clock",
];

function corpus(rnd: () => number, count: number): ScliteUtterance[] {
  const pick = () => vocabulary[Math.floor(rnd() * rnd() * vocabulary.length)]!;
  const utterances: ScliteUtterance[] = [];
  for (let u = 0; u < count; u++) {
    const shape = rnd();
    // Mostly short utterances; some empty references or hypotheses, and a few very long ones.
    const length = shape < 0.03 ? 0 : shape > 0.995 ? 300 + Math.floor(rnd() * 700) : 1 + Math.floor(rnd() * 25);
    const said = Array.from({ length }, pick);
    const heard: string[] = [];
    if (rnd() > 0.03) {
      const rate = rnd() * 0.4;
      for (const word of said) {
        const p = rnd();
        if (p < rate / 3) continue;
        heard.push(p < (2 * rate) / 3 ? pick() : word);
        if (rnd() < rate / 3) heard.push(pick());
      }
    }
    utterances.push({ id: `spk${u % 13}_utt${u}`, ref: said.join(' '), hyp: heard.join(' ') });
  }
  return utterances;
}

describe('scoring against sclite', function () {
  this.timeout(120_000);
  let folder: string;
  before(async function () {
    if (!scliteAvailable()) throw new Error('sclite is missing: install it with `npm run setup` (apt package sctk).');
    folder = await mkdtemp(path.join(tmpdir(), 'cs-score-sclite-'));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function scoreTrn(utterances: readonly ScliteUtterance[], normalize: boolean): Promise<ScoreRun> {
    const ref = path.join(folder, 'ref.trn');
    const hyp = path.join(folder, 'hyp.trn');
    await writeFile(ref, utterances.map((u) => `${u.ref} (${u.id})\n`).join(''));
    await writeFile(hyp, utterances.map((u) => `${u.hyp} (${u.id})\n`).join(''));
    return scoreFiles({ ref, hyps: [hyp], normalize, locale: 'en-US' });
  }

  function assertSameCounts(run: ScoreRun, sclite: Map<string, { correct: number; substitutions: number; deletions: number; insertions: number }>): void {
    const system = run.systems[0]!;
    assert.equal(sclite.size, system.utterances.length, 'sclite scored a different number of utterances');
    const totals = { correct: 0, substitutions: 0, deletions: 0, insertions: 0 };
    for (const u of system.utterances) {
      const theirs = sclite.get(u.id);
      assert.ok(theirs, `sclite has no result for ${u.id}`);
      assert.deepEqual({ correct: u.correct, substitutions: u.substitutions, deletions: u.deletions, insertions: u.insertions }, theirs, u.id);
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += theirs[key];
    }
    const t = system.totals;
    assert.deepEqual({ correct: t.correct, substitutions: t.substitutions, deletions: t.deletions, insertions: t.insertions }, totals);
  }

  it('gives the same counts as sclite on 4,000 utterances as written (empty, unicode, case, 1,000-word utterances)', async () => {
    const utterances = corpus(random(21), 4000);
    const run = await scoreTrn(utterances, false);
    assert.ok(run.systems[0]!.utterances.some((u) => u.ref.length >= 300), 'no long utterance generated');
    assertSameCounts(run, runSclite(utterances));
  });

  it('gives the same counts as sclite on the normalized texts it exports as trn', async () => {
    const utterances = corpus(random(22), 2000).map((u, i) => (i % 5 === 0 ? { ...u, ref: `${u.ref}, 21st of May 1999: $5.50!`, hyp: `${u.hyp} twenty first of may nineteen ninety nine five dollars fifty cents` } : u));
    const run = await scoreTrn(utterances, true);
    const idOf = (line: string) => line.slice(line.lastIndexOf('(') + 1, -1);
    const refLines = formatTrn(run, 'reference').trimEnd().split('\n');
    const hypLines = formatTrn(run, run.systems[0]!).trimEnd().split('\n');
    const normalized = refLines.map((line, i) => ({ id: idOf(line), ref: line.slice(0, line.lastIndexOf('(')).trim(), hyp: hypLines[i]!.slice(0, hypLines[i]!.lastIndexOf('(')).trim() }));
    assertSameCounts(run, runSclite(normalized));
  });

  describe("where sclite's weighted alignment is not the minimum edit distance", () => {
    // sclite minimizes 4·S + 3·D + 3·I. We minimize the errors S + D + I (the WER the service
    // defines), then the substitutions. Both cases below come from a search over 100,000 random
    // utterances of 2–4 word vocabularies (0.3 % differed); none differed on realistic text above.
    const ids = (text: string) => text.split(' ').map((w) => ['the', 'to', 'a'].indexOf(w));

    it('a tie in weighted cost: sclite takes 7 errors, we take 6', () => {
      const utterance = { id: 'spk_1', ref: 'the to to the to the the the the to to', hyp: 'the the the the the to the to to the the to' };
      const ours = align(ids(utterance.ref), ids(utterance.hyp));
      assert.deepEqual([ours.substitutions, ours.deletions, ours.insertions], [3, 1, 2]);
      const theirs = runSclite([utterance]).get('spk_1')!;
      assert.deepEqual([theirs.substitutions, theirs.deletions, theirs.insertions], [0, 3, 4]);
      // Same weighted cost (21): sclite's choice among equals has one more error.
      assert.equal(4 * ours.substitutions + 3 * (ours.deletions + ours.insertions), 4 * theirs.substitutions + 3 * (theirs.deletions + theirs.insertions));
    });

    it('a lower weighted cost with more errors: sclite takes 8 errors, we take 7', () => {
      const utterance = { id: 'spk_2', ref: 'the a a to a the a a a the', hyp: 'to a a the a a the to to to to' };
      const ours = align(ids(utterance.ref), ids(utterance.hyp));
      assert.deepEqual([ours.substitutions, ours.deletions, ours.insertions], [6, 0, 1]);
      const theirs = runSclite([utterance]).get('spk_2')!;
      assert.deepEqual([theirs.substitutions, theirs.deletions, theirs.insertions], [1, 3, 4]);
      assert.ok(4 * theirs.substitutions + 3 * (theirs.deletions + theirs.insertions) < 4 * ours.substitutions + 3 * (ours.deletions + ours.insertions));
    });
  });
});
