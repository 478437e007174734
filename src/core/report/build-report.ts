import type { SystemJson } from '../scoring/report';
import { compareSystems } from '../scoring/significance';
import { adviseData } from './advice';
import { comparisonSummary, relativeWerChange } from './comparison-summary';
import { REPORT_SCHEMA, type ReportComparison, type ReportInput, type ReportModel, type SpeakerRow, type SystemErrors, type SystemSummary, type UtteranceRow } from './report-model';

/** Confusion pairs and deleted/inserted words kept per system: the head is what a reviewer reads. */
export const MAX_LISTED_ERRORS = 50;

/** Extensions an utterance id can end with when it is itself the audio file's name (the local engine's ids). */
const AUDIO_NAME = /\.(wav|mp3|ogg|opus|flac|m4a|aac|wma|webm|amr|alaw|mulaw)$/i;

/** The report of one stored score: every number computed once here, so views only display. */
export function buildReport(input: ReportInput): ReportModel {
  const { score, meta } = input;
  const systems = score.systems.map((system, index) => summaryOf(system, meta.systems[index]?.name ?? `Model ${index + 1}`));
  const model: ReportModel = {
    schema: REPORT_SCHEMA,
    meta,
    normalization: score.normalization,
    reference: { path: score.reference.path, utterances: score.reference.utterances },
    systems,
    speakers: speakerRows(score.systems),
    utterances: utteranceRows(score.systems, input.audioOf),
    errors: score.systems.map((system, index) => errorsOf(system, systems[index]!.name)),
    advice: [],
  };
  const comparison = comparisonOf(input, systems);
  if (comparison) model.comparison = comparison;
  // The last system is the model under review (B when two are compared).
  model.advice = adviseData(score.systems.at(-1), input.isKnownWord);
  return model;
}

function summaryOf(system: SystemJson, name: string): SystemSummary {
  const t = system.totals;
  return {
    name,
    path: system.path,
    words: t.words,
    sentences: t.sentences,
    sentencesWithErrors: t.sentencesWithErrors,
    correct: t.correct,
    substitutions: t.substitutions,
    deletions: t.deletions,
    insertions: t.insertions,
    errors: t.errors,
    wer: finite(t.wer),
    ser: finite(t.ser),
    cer: finite(t.cer),
    missingHypotheses: system.missingHypotheses.length,
  };
}

/** B against A; a score written without its comparison (hand-made JSON) gets one computed here. */
function comparisonOf(input: ReportInput, systems: SystemSummary[]): ReportComparison | undefined {
  const [a, b] = systems;
  const [jsonA, jsonB] = input.score.systems;
  if (!a || !b || !jsonA || !jsonB) return undefined;
  const comparison = input.score.comparison ?? compareSystems(jsonA.utterances, jsonB.utterances);
  const change = relativeWerChange(a, b);
  return { ...comparison, ...(change === undefined ? {} : { relativeWerChange: change }), summary: comparisonSummary(a, b, comparison) };
}

/** Speakers in the first system's order (sorted by the scorer); each system's WER beside them. */
function speakerRows(systems: readonly SystemJson[]): SpeakerRow[] {
  const first = systems[0];
  if (!first) return [];
  const werOf = systems.map((system) => new Map(system.speakers.map((s) => [s.speaker, finite(s.wer)])));
  return first.speakers.map((s) => ({ speaker: s.speaker, words: s.words, wer: werOf.map((byName) => byName.get(s.speaker) ?? 0) }));
}

/** One row per reference utterance: every system scored the same utterances, in reference order. */
function utteranceRows(systems: readonly SystemJson[], audioOf: ReportInput['audioOf']): UtteranceRow[] {
  const first = systems[0];
  if (!first) return [];
  return first.utterances.map((u, i) => {
    const audio = audioOf?.(u.id) ?? (AUDIO_NAME.test(u.id) ? u.id : undefined);
    return {
      id: u.id,
      speaker: u.speaker,
      ...(audio ? { audio } : {}),
      ref: u.ref,
      systems: systems.map((system) => {
        const s = system.utterances[i];
        if (!s || s.id !== u.id) throw new Error(`The score's systems differ at utterance ${i + 1} (${u.id}, ${s?.id ?? 'none'}).`);
        return { hyp: s.hyp, alignment: s.alignment, errors: s.substitutions + s.deletions + s.insertions, wer: finite(s.wer), ...(s.missing ? { missing: true as const } : {}) };
      }),
    };
  });
}

function errorsOf(system: SystemJson, name: string): SystemErrors {
  return {
    system: name,
    confusions: system.confusions.slice(0, MAX_LISTED_ERRORS),
    deleted: system.deleted.slice(0, MAX_LISTED_ERRORS),
    inserted: system.inserted.slice(0, MAX_LISTED_ERRORS),
  };
}

/** A hand-edited score could hold NaN or null: the report shows 0 rather than "NaN %". */
function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
