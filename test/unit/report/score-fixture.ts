import { createNormalizer } from '../../../src/core/scoring/normalize';
import { scoreCorpora, toScoreJson, type ScoreJson, type ScoreRun } from '../../../src/core/scoring/report';
import type { Corpus } from '../../../src/core/scoring/types';
import type { ReportMeta } from '../../../src/core/report/report-model';

export function corpus(path: string, lines: Record<string, string>): Corpus {
  return { path, format: 'trn', utterances: Object.entries(lines).map(([id, text], i) => ({ id, text, line: i + 1 })) };
}

/** A real score: the scorer run on small texts, as `custom-speech score --format json` writes it. */
export function scoreRun(ref: Record<string, string>, ...hyps: Record<string, string>[]): ScoreRun {
  return scoreCorpora(
    corpus('ref.trn', ref),
    hyps.map((h, i) => corpus(`hyp-${'ab'[i]}.trn`, h)),
    { normalizer: createNormalizer({ enabled: true, locale: 'en-US' }) },
  );
}

export function scoreJson(ref: Record<string, string>, ...hyps: Record<string, string>[]): ScoreJson {
  return toScoreJson(scoreRun(ref, ...hyps));
}

export function meta(systems: number, title = 'Test report'): ReportMeta {
  return {
    title,
    source: 'unit test',
    date: '2026-01-01T00:00:00.000Z',
    locale: 'en-US',
    systems: ['Base model', 'Custom model'].slice(0, systems).map((name) => ({ name, kind: 'hypotheses' as const })),
  };
}

/** Every number anywhere in a value: none may be NaN or infinite. */
export function numbersIn(value: unknown, found: number[] = []): number[] {
  if (typeof value === 'number') found.push(value);
  else if (Array.isArray(value)) for (const item of value) numbersIn(item, found);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) numbersIn(item, found);
  return found;
}
