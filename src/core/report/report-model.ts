import type { ScoreJson } from '../scoring/report';
import type { Comparison } from '../scoring/significance';

/**
 * The evaluation report as the webview, the exported HTML and `custom-speech report` show it: built
 * once from a stored score (ScoreJson) and what is known about the evaluation, then only displayed.
 * Plain JSON (no Maps, no typed arrays): it is stored, posted to the webview and embedded in HTML.
 */
export const REPORT_SCHEMA = 'custom-speech-report/1';

/** What the report was made from, besides the score itself. */
export interface ReportMeta {
  title: string;
  /** Where the results come from, e.g. "Local engine", "Azure (westeurope)", "custom-speech score". */
  source: string;
  /** ISO date of the evaluation (or of scoring). */
  date: string;
  locale: string;
  evaluation?: { id: string; name: string; status?: string; self?: string };
  testDataset?: { id?: string; name: string; kind?: string };
  /** One or two, in the score's system order (A = model 1, B = model 2). */
  systems: ReportSystemMeta[];
  /** Metrics the service itself reported (evaluation properties), shown beside ours when they differ. */
  serviceMetrics?: { wordErrorRate1?: number; wordErrorRate2?: number; sentenceErrorRate1?: number; sentenceErrorRate2?: number };
}

export interface ReportSystemMeta {
  /** Display name: the model's name, or the hypothesis file's name. */
  name: string;
  id?: string;
  kind: 'base-model' | 'custom-model' | 'hypotheses';
  /** For a custom model: the base model it was trained from. */
  baseModel?: string;
}

/** Input of buildReport. */
export interface ReportInput {
  score: ScoreJson;
  meta: ReportMeta;
  /**
   * Words the (base) model's lexicon knows, when the caller can tell (the local engine's dictionary):
   * sharpens the advice's out-of-vocabulary evidence. Without it, a word is "never recognized" when no
   * hypothesis in the whole test set contains it.
   */
  isKnownWord?: (word: string) => boolean;
  /**
   * The audio file name of an utterance id, when the caller knows it (a test dataset's file list).
   * Without it, an id that already is an audio file name (the local engine's: "call-01.wav") is used.
   */
  audioOf?: (utteranceId: string) => string | undefined;
}

export interface ReportModel {
  schema: typeof REPORT_SCHEMA;
  meta: ReportMeta;
  /** Normalization applied before scoring (version and a sentence a reviewer can read). */
  normalization: { version: string; enabled: boolean; description: string };
  /** The reference the score was computed against (a file path, or the engine's "reference"). */
  reference?: { path: string; utterances: number };
  systems: SystemSummary[];
  /** With two systems: B against A. */
  comparison?: ReportComparison;
  speakers: SpeakerRow[];
  utterances: UtteranceRow[];
  /** Per system, most frequent first (capped, e.g. 50). */
  errors: SystemErrors[];
  advice: Advice[];
}

export interface SystemSummary {
  name: string;
  /** The hypotheses the score read (a file path, or the engine's "model1"), for exports that name it. */
  path?: string;
  words: number;
  sentences: number;
  sentencesWithErrors: number;
  correct: number;
  substitutions: number;
  deletions: number;
  insertions: number;
  errors: number;
  /** Fractions (0.123 = 12.3 %). */
  wer: number;
  ser: number;
  cer: number;
  missingHypotheses: number;
}

export interface ReportComparison extends Comparison {
  /** (WER B − WER A) / WER A: negative when B is better; undefined when A's WER is 0. */
  relativeWerChange?: number;
  /** One sentence: "Model 2 is significantly better (WER 12.3 % → 8.1 %, −34 % relative; 95 % CI …)". */
  summary: string;
}

export interface SpeakerRow {
  speaker: string;
  words: number;
  /** Per system, in system order. */
  wer: number[];
}

export interface UtteranceRow {
  id: string;
  speaker: string;
  /** The utterance's audio file name as the test dataset names it (for playback), when known. */
  audio?: string;
  /** Normalized reference words, separated by one space. */
  ref: string;
  /** Per system, in system order. */
  systems: UtteranceSystem[];
}

export interface UtteranceSystem {
  hyp: string;
  /** One letter per aligned pair (C, S, D, I), as ScoreJson's `alignment`; expand with alignedPairs(). */
  alignment: string;
  errors: number;
  wer: number;
  missing?: true;
}

export interface SystemErrors {
  system: string;
  confusions: { ref: string; hyp: string; count: number }[];
  deleted: { word: string; count: number }[];
  inserted: { word: string; count: number }[];
}

/** Which data would help, following the service's guidance, with the evidence from this report. */
export interface Advice {
  /** The dataset kind to add: related text, pronunciation, or audio + human-labeled transcripts. */
  datasetKind: 'Language' | 'Pronunciation' | 'Acoustic';
  title: string;
  /** Why, in a sentence or two. */
  reason: string;
  /** Words or pairs that show it, e.g. out-of-vocabulary words found in errors ("kubernetes ×4"). */
  evidence: string[];
  /** 'high' when the pattern explains a large share of the errors. */
  strength: 'high' | 'medium' | 'low';
  /** The model looks fine: no data to add (no "follow" action to offer). */
  noActionNeeded?: true;
}
