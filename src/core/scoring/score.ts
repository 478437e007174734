import { align, DELETION, INSERTION, SUBSTITUTION, type EditCounts } from './align';
import { characterCounts } from './character-counts';
import type { Normalizer } from './normalize';
import type { SpeakerOf } from './speakers';
import { ScoringInputError, type Corpus, type Utterance } from './types';
import { Vocabulary } from './vocabulary';

/** One utterance of one system: reference and hypothesis words (vocabulary ids) and their alignment. */
export interface UtteranceScore extends EditCounts {
  id: string;
  speaker: string;
  ref: Int32Array;
  hyp: Int32Array;
  ops: Uint8Array;
  /** Character counts (spaces excluded) for the CER. */
  chars: EditCounts;
  /** The hypothesis file has no line for this utterance: everything counts as deleted. */
  missing: boolean;
}

export interface Totals extends EditCounts {
  /** Reference words, N. */
  words: number;
  sentences: number;
  sentencesWithErrors: number;
  errors: number;
  /** (S + D + I) / N over the whole set: a sum of errors over a sum of words, not a mean of rates. */
  wer: number;
  ser: number;
  /** Reference characters (spaces excluded) and their errors. */
  characters: number;
  characterErrors: number;
  cer: number;
}

export interface SpeakerTotals extends Totals {
  speaker: string;
}

export interface WordCount {
  word: string;
  count: number;
}

export interface ConfusionPair {
  ref: string;
  hyp: string;
  count: number;
}

export interface SystemScore {
  hyp: { path: string; format: string };
  /** In reference order. */
  utterances: UtteranceScore[];
  totals: Totals;
  speakers: SpeakerTotals[];
  /** Most frequent first; ties by word. */
  confusions: ConfusionPair[];
  deleted: WordCount[];
  inserted: WordCount[];
  /** Reference ids the hypothesis file has no line for (scored as all deletions). */
  missingHypotheses: string[];
}

export interface ScoringContext {
  normalizer: Normalizer;
  speakerOf: SpeakerOf;
  vocabulary: Vocabulary;
}

/** The normalized reference, ready to score any number of systems against. */
export interface Reference {
  corpus: Corpus;
  utterances: { utterance: Utterance; speaker: string; words: Int32Array }[];
  byId: Map<string, number>;
}

export function prepareReference(corpus: Corpus, context: ScoringContext): Reference {
  const byId = new Map<string, number>();
  const utterances = corpus.utterances.map((utterance, index) => {
    byId.set(utterance.id, index);
    return { utterance, speaker: context.speakerOf(utterance.id), words: context.vocabulary.idsOf(context.normalizer.words(utterance.text)) };
  });
  return { corpus, utterances, byId };
}

/** Scores one hypothesis corpus against the reference. A hypothesis without a reference is an error. */
export function scoreSystem(reference: Reference, hyp: Corpus, context: ScoringContext): SystemScore {
  const hypWords: (Int32Array | undefined)[] = new Array(reference.utterances.length);
  const strays: Utterance[] = [];
  for (const utterance of hyp.utterances) {
    const index = reference.byId.get(utterance.id);
    if (index === undefined) strays.push(utterance);
    else hypWords[index] = context.vocabulary.idsOf(context.normalizer.words(utterance.text));
  }
  if (strays.length) {
    const first = strays[0]!;
    const more = strays.length > 1 ? ` (and ${strays.length - 1} more: ${strays.slice(1, 4).map((u) => u.id).join(', ')}${strays.length > 4 ? ', …' : ''})` : '';
    throw new ScoringInputError(first.file ?? hyp.path, first.line, `the hypothesis for "${first.id}" has no reference in ${reference.corpus.path}${more}. Score only utterances that are in the reference.`);
  }
  const empty = new Int32Array(0);
  const utterances = reference.utterances.map(({ utterance, speaker, words }, index): UtteranceScore => {
    const hypothesis = hypWords[index];
    const alignment = align(words, hypothesis ?? empty);
    return {
      id: utterance.id,
      speaker,
      ref: words,
      hyp: hypothesis ?? empty,
      ops: alignment.ops,
      correct: alignment.correct,
      substitutions: alignment.substitutions,
      deletions: alignment.deletions,
      insertions: alignment.insertions,
      chars: characterCounts(words, hypothesis ?? empty, alignment.ops, context.vocabulary),
      missing: hypothesis === undefined,
    };
  });
  return {
    hyp: { path: hyp.path, format: hyp.format },
    utterances,
    totals: totalsOf(utterances),
    speakers: speakerTotals(utterances),
    ...wordStatistics(utterances, context.vocabulary),
    missingHypotheses: utterances.filter((u) => u.missing).map((u) => u.id),
  };
}

export function totalsOf(utterances: readonly UtteranceScore[]): Totals {
  let correct = 0, substitutions = 0, deletions = 0, insertions = 0, withErrors = 0;
  let characters = 0, characterErrors = 0;
  for (const u of utterances) {
    correct += u.correct;
    substitutions += u.substitutions;
    deletions += u.deletions;
    insertions += u.insertions;
    if (u.substitutions + u.deletions + u.insertions > 0) withErrors++;
    characters += u.chars.correct + u.chars.substitutions + u.chars.deletions;
    characterErrors += u.chars.substitutions + u.chars.deletions + u.chars.insertions;
  }
  const words = correct + substitutions + deletions;
  const errors = substitutions + deletions + insertions;
  const sentences = utterances.length;
  return {
    words,
    sentences,
    correct,
    substitutions,
    deletions,
    insertions,
    errors,
    sentencesWithErrors: withErrors,
    wer: rate(errors, words),
    ser: rate(withErrors, sentences),
    characters,
    characterErrors,
    cer: rate(characterErrors, characters),
  };
}

/** Errors over the reference length; with no reference words, any insertion is 100 %. */
export function rate(errors: number, of: number): number {
  if (of > 0) return errors / of;
  return errors > 0 ? 1 : 0;
}

function speakerTotals(utterances: readonly UtteranceScore[]): SpeakerTotals[] {
  const bySpeaker = new Map<string, UtteranceScore[]>();
  for (const u of utterances) {
    const list = bySpeaker.get(u.speaker);
    if (list) list.push(u);
    else bySpeaker.set(u.speaker, [u]);
  }
  return [...bySpeaker].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([speaker, list]) => ({ speaker, ...totalsOf(list) }));
}

function wordStatistics(utterances: readonly UtteranceScore[], vocabulary: Vocabulary): Pick<SystemScore, 'confusions' | 'deleted' | 'inserted'> {
  // Pairs as one number: ref id × 2^22 + hyp id (exact in a double for 2^31 ref ids).
  const PAIR = 2 ** 22;
  const pairs = new Map<number, number>();
  const deleted = new Map<number, number>();
  const inserted = new Map<number, number>();
  for (const u of utterances) {
    let i = 0;
    let j = 0;
    for (const op of u.ops) {
      if (op === SUBSTITUTION) {
        const key = u.ref[i]! * PAIR + u.hyp[j]!;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      } else if (op === DELETION) deleted.set(u.ref[i]!, (deleted.get(u.ref[i]!) ?? 0) + 1);
      else if (op === INSERTION) inserted.set(u.hyp[j]!, (inserted.get(u.hyp[j]!) ?? 0) + 1);
      if (op !== INSERTION) i++;
      if (op !== DELETION) j++;
    }
  }
  const words = (counts: Map<number, number>): WordCount[] =>
    sortByCount([...counts].map(([id, count]) => ({ word: vocabulary.word(id), count })), (w) => w.word);
  return {
    confusions: sortByCount(
      [...pairs].map(([key, count]) => ({ ref: vocabulary.word(Math.floor(key / PAIR)), hyp: vocabulary.word(key % PAIR), count })),
      (p) => `${p.ref}\u0000${p.hyp}`,
    ),
    deleted: words(deleted),
    inserted: words(inserted),
  };
}

function sortByCount<T extends { count: number }>(items: T[], key: (item: T) => string): T[] {
  return items.sort((a, b) => b.count - a.count || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

