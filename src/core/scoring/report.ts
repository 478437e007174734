import { CORRECT, DELETION, INSERTION, SUBSTITUTION } from './align';
import { NORMALIZATION_VERSION, type Normalizer } from './normalize';
import { prepareReference, scoreSystem, type ConfusionPair, type SpeakerTotals, type SystemScore, type Totals, type WordCount } from './score';
import { compareSystems, type Comparison } from './significance';
import { speakerExtractor } from './speakers';
import type { Corpus, CorpusFormat } from './types';
import { Vocabulary } from './vocabulary';

/** Version of the JSON document `toScoreJson` writes; documented in docs/scoring.md. */
export const SCORE_SCHEMA = 'custom-speech-score/1';

export interface ScoreOptions {
  normalizer: Normalizer;
  /** Regular expression whose first group is the speaker (default: sclite's, up to the first `_` or `-`). */
  speakerPattern?: string;
}

/** A reference scored against one or two systems (A, and B to compare with). */
export interface ScoreRun {
  normalizer: Normalizer;
  reference: Corpus;
  hypotheses: readonly Corpus[];
  systems: SystemScore[];
  comparison?: Comparison;
  vocabulary: Vocabulary;
}

export function scoreCorpora(reference: Corpus, hypotheses: readonly Corpus[], options: ScoreOptions): ScoreRun {
  const context = { normalizer: options.normalizer, speakerOf: speakerExtractor(options.speakerPattern), vocabulary: new Vocabulary() };
  const prepared = prepareReference(reference, context);
  const systems = hypotheses.map((hyp) => scoreSystem(prepared, hyp, context));
  const comparison = systems.length === 2 ? compareSystems(systems[0]!.utterances, systems[1]!.utterances) : undefined;
  return { normalizer: options.normalizer, reference, hypotheses, systems, vocabulary: context.vocabulary, ...(comparison ? { comparison } : {}) };
}

export const SYSTEM_NAMES = ['A', 'B'] as const;

/** Op letters of an alignment in the JSON and pra outputs. */
export const OP_LETTERS = { [CORRECT]: 'C', [SUBSTITUTION]: 'S', [DELETION]: 'D', [INSERTION]: 'I' } as const;

export interface ScoreJson {
  schema: typeof SCORE_SCHEMA;
  normalization: { version: string; enabled: boolean; description: string };
  reference: { path: string; format: CorpusFormat; utterances: number };
  systems: SystemJson[];
  comparison?: Comparison;
}

export interface SystemJson {
  name: string;
  path: string;
  format: string;
  totals: Totals;
  speakers: SpeakerTotals[];
  confusions: ConfusionPair[];
  deleted: WordCount[];
  inserted: WordCount[];
  missingHypotheses: string[];
  utterances: UtteranceJson[];
}

export interface UtteranceJson {
  id: string;
  speaker: string;
  /** Normalized reference and hypothesis, words separated by one space. */
  ref: string;
  hyp: string;
  /** One letter per aligned pair: C correct, S substituted, D deleted, I inserted. */
  alignment: string;
  correct: number;
  substitutions: number;
  deletions: number;
  insertions: number;
  wer: number;
  characters: { correct: number; substitutions: number; deletions: number; insertions: number };
  missing?: true;
}

export function toScoreJson(run: ScoreRun): ScoreJson {
  return {
    schema: SCORE_SCHEMA,
    normalization: { version: run.normalizer.enabled ? NORMALIZATION_VERSION : 'none', enabled: run.normalizer.enabled, description: run.normalizer.description },
    reference: { path: run.reference.path, format: run.reference.format, utterances: run.reference.utterances.length },
    systems: run.systems.map((system, index) => ({
      name: SYSTEM_NAMES[index]!,
      path: system.hyp.path,
      format: system.hyp.format,
      totals: system.totals,
      speakers: system.speakers,
      confusions: system.confusions,
      deleted: system.deleted,
      inserted: system.inserted,
      missingHypotheses: system.missingHypotheses,
      utterances: system.utterances.map((u) => {
        const words = u.correct + u.substitutions + u.deletions;
        const errors = u.substitutions + u.deletions + u.insertions;
        return {
          id: u.id,
          speaker: u.speaker,
          ref: run.vocabulary.text(u.ref),
          hyp: run.vocabulary.text(u.hyp),
          alignment: opLetters(u.ops),
          correct: u.correct,
          substitutions: u.substitutions,
          deletions: u.deletions,
          insertions: u.insertions,
          wer: words > 0 ? errors / words : errors > 0 ? 1 : 0,
          characters: u.chars,
          ...(u.missing ? { missing: true as const } : {}),
        };
      }),
    })),
    ...(run.comparison ? { comparison: run.comparison } : {}),
  };
}

export function opLetters(ops: Uint8Array): string {
  let letters = '';
  for (const op of ops) letters += OP_LETTERS[op as 0 | 1 | 2 | 3];
  return letters;
}
