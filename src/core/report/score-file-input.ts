import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parseScoreJson } from './parse-score';
import type { ReportInput } from './report-model';

/** A score file's report: its systems named after their hypothesis files. */
export async function scoreFileReportInput(file: string): Promise<ReportInput> {
  const score = parseScoreJson(await readFile(file, 'utf8'), file);
  const locale = /\b([a-z]{2,3}-[A-Z]{2})\b/.exec(score.normalization.description)?.[1] ?? '';
  return {
    score,
    meta: {
      title: path.basename(file),
      source: 'custom-speech score',
      date: (await stat(file)).mtime.toISOString(),
      locale,
      testDataset: { name: score.reference.path },
      systems: score.systems.map((s) => ({ name: path.basename(s.path), kind: 'hypotheses' as const })),
    },
  };
}

