import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Per-utterance counts from NIST sclite (apt `sctk`), the field's reference scorer. */
export interface ScliteCounts {
  correct: number;
  substitutions: number;
  deletions: number;
  insertions: number;
}

export interface ScliteUtterance {
  id: string;
  ref: string;
  hyp: string;
}

/**
 * Scores the utterances with `sctk sclite` (case-sensitive, UTF-8, speaker before the first `_`),
 * returning the counts of each utterance by id from its `pra` report.
 */
export function runSclite(utterances: readonly ScliteUtterance[]): Map<string, ScliteCounts> {
  const folder = mkdtempSync(path.join(tmpdir(), 'cs-sclite-'));
  try {
    const refFile = path.join(folder, 'ref.trn');
    const hypFile = path.join(folder, 'hyp.trn');
    writeFileSync(refFile, utterances.map((u) => `${u.ref} (${u.id})\n`).join(''));
    writeFileSync(hypFile, utterances.map((u) => `${u.hyp} (${u.id})\n`).join(''));
    const output = execFileSync('sctk', ['sclite', '-r', refFile, 'trn', '-h', hypFile, 'trn', '-i', 'rm', '-s', '-e', 'utf-8', '-o', 'pra', 'stdout'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    const counts = new Map<string, ScliteCounts>();
    const pattern = /^id: \((.*)\)\nScores: \(#C #S #D #I\) (\d+) (\d+) (\d+) (\d+)$/gm;
    for (const m of output.matchAll(pattern)) {
      counts.set(m[1]!, { correct: Number(m[2]), substitutions: Number(m[3]), deletions: Number(m[4]), insertions: Number(m[5]) });
    }
    return counts;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function scliteAvailable(): boolean {
  try {
    execFileSync('sctk', ['sclite'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // sclite prints its usage and exits 1 when given no arguments; a missing binary throws ENOENT.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}
