import type { ConfusionPair } from '../scoring/score';
import type { SystemJson } from '../scoring/report';
import { percent } from './comparison-summary';
import type { Advice } from './report-model';
import { soundsAlike } from './sounds-alike';

/**
 * Which data to add next, read from the error profile of the model under review, following the
 * service's guidance ("Which data fixes which problem"): domain words the model never produces →
 * related text (Language); a word repeatedly heard as a similar-sounding one → pronunciation entries;
 * common words deleted or misrecognized across the board, or one speaker far worse than the rest →
 * audio with human-labeled transcripts (Acoustic). Each advice's strength is the share of the errors
 * its pattern explains. Deterministic: every list is sorted with a tie-break.
 */

/** A pattern below this share of the errors is not worth a dataset. */
const MIN_SHARE = 0.1;
/** Nor one that explains fewer errors than this. */
const MIN_ERRORS = 2;
/** Evidence items listed per advice. */
const EVIDENCE = 10;

export function adviseData(system: SystemJson | undefined, isKnownWord?: (word: string) => boolean): Advice[] {
  if (!system || system.totals.words === 0) return [looksFine('There are no reference words to judge the model on.')];
  const totals = system.totals;
  if (totals.errors === 0) return [looksFine(`No errors in ${count(totals.words)} words.`)];

  const pronunciation = repeatedSoundAlikes(system.confusions);
  const explainedByPairs = new Map<string, number>();
  for (const pair of pronunciation) explainedByPairs.set(pair.ref, (explainedByPairs.get(pair.ref) ?? 0) + pair.count);

  // Reference words in errors (substituted or deleted), less what the sound-alike pairs explain.
  const errorsOfWord = new Map<string, number>();
  const add = (word: string, n: number) => errorsOfWord.set(word, (errorsOfWord.get(word) ?? 0) + n);
  for (const pair of system.confusions) add(pair.ref, pair.count);
  for (const word of system.deleted) add(word.word, word.count);
  for (const [word, n] of explainedByPairs) add(word, -n);

  const recognized = isKnownWord ? undefined : hypothesisWords(system);
  const unknown = (word: string) => !isShortLatin(word) && (isKnownWord ? !isKnownWord(word) : !recognized!.has(word));
  const vocabulary = byCount([...errorsOfWord].filter(([word, n]) => n > 0 && unknown(word)).map(([word, n]) => ({ word, count: n })));

  const advice: Advice[] = [];
  const vocabularyErrors = sum(vocabulary);
  const pronunciationErrors = sum(pronunciation);
  const share = (n: number) => n / totals.errors;

  if (vocabularyErrors >= MIN_ERRORS && share(vocabularyErrors) >= MIN_SHARE) {
    const how = isKnownWord ? "that the model's lexicon does not know" : 'that the model never produces anywhere in the test set';
    advice.push({
      datasetKind: 'Language',
      title: 'Add related text with these words',
      reason: `${count(vocabularyErrors)} of ${count(totals.errors)} errors (${percent(share(vocabularyErrors))}) are on ${count(vocabulary.length)} reference words ${how}: proper names or domain terms the model is missing. Related text in which they occur in context teaches it the words.`,
      evidence: vocabulary.slice(0, EVIDENCE).map((w) => `${w.word} ×${w.count}`),
      strength: strengthOf(share(vocabularyErrors), vocabularyErrors, totals.wer),
    });
  }
  if (pronunciation.length > 0 && share(pronunciationErrors) >= MIN_SHARE / 2) {
    advice.push({
      datasetKind: 'Pronunciation',
      title: 'Add pronunciations for the words heard as similar-sounding ones',
      reason: `${count(pronunciationErrors)} errors (${percent(share(pronunciationErrors))}) repeat the same confusion with a similar-sounding word: the model hears these words otherwise than they are said here (an accent, a local or brand pronunciation). List only these words, spelled as in the related text.`,
      evidence: pronunciation.slice(0, EVIDENCE).map((p) => `${p.ref} → ${p.hyp} ×${p.count}`),
      strength: strengthOf(share(pronunciationErrors), pronunciationErrors, totals.wer),
    });
  }

  const acoustic = acousticAdvice(system, totals.errors - vocabularyErrors - pronunciationErrors, new Set(vocabulary.map((w) => w.word)));
  if (acoustic) advice.push(acoustic);
  if (advice.length === 0) return [looksFine(`WER ${percent(totals.wer)}: no error pattern stands out that more data is known to fix.`)];
  const rank = { high: 0, medium: 1, low: 2 };
  return advice.sort((a, b) => rank[a.strength] - rank[b.strength]);
}

/** Errors on words the model does produce, insertions, lost words, a struggling speaker: the audio's side. */
function acousticAdvice(system: SystemJson, remaining: number, vocabulary: Set<string>): Advice | undefined {
  const totals = system.totals;
  const evidence: string[] = [];
  const deletionRate = totals.deletions / totals.words;
  if (deletionRate >= 0.05 && totals.deletions >= MIN_ERRORS) evidence.push(`${percent(deletionRate)} of the reference words deleted (${count(totals.deletions)})`);
  const outliers = totals.words > 0 && system.speakers.length > 1 ? system.speakers.filter((s) => s.words >= 10 && s.wer >= Math.max(totals.wer * 1.5, totals.wer + 0.1)) : [];
  for (const s of outliers.slice(0, EVIDENCE)) evidence.push(`speaker ${s.speaker}: WER ${percent(s.wer)} on ${count(s.words)} words (all: ${percent(totals.wer)})`);
  const common = byCount(
    [...system.deleted.map((w) => ({ word: w.word, count: w.count, what: '(deleted)' })), ...system.confusions.map((p) => ({ word: p.ref, count: p.count, what: `→ ${p.hyp}` }))].filter((w) => !vocabulary.has(w.word)),
  );
  const share = remaining / totals.errors;
  if (share < MIN_SHARE && evidence.length === 0) return undefined;
  if (remaining < MIN_ERRORS && evidence.length === 0) return undefined;
  evidence.push(...common.slice(0, EVIDENCE - evidence.length).map((w) => `${w.word} ${w.what} ×${w.count}`));
  const parts = [`${count(remaining)} of ${count(totals.errors)} errors (${percent(share)}) are on common words the model does produce, or are insertions`];
  if (deletionRate >= 0.05) parts.push('many words are lost (a weak or distant voice, noise)');
  if (outliers.length) parts.push(`${count(outliers.length)} speaker${outliers.length > 1 ? 's are' : ' is'} recognized far worse than the rest`);
  return {
    datasetKind: 'Acoustic',
    title: 'Add audio with human-labeled transcripts',
    reason: `${parts.join('; ')}. Audio recorded as in this test set (speakers, microphones, noise), with exact transcripts, teaches the model the conditions.`,
    evidence,
    strength: outliers.length && share < MIN_SHARE ? 'low' : strengthOf(share, remaining, totals.wer),
  };
}

/** Confusions seen at least twice between words that sound alike, most frequent first. */
function repeatedSoundAlikes(confusions: readonly ConfusionPair[]): ConfusionPair[] {
  return confusions.filter((p) => p.count >= 2 && soundsAlike(p.ref, p.hyp));
}

function hypothesisWords(system: SystemJson): Set<string> {
  const words = new Set<string>();
  for (const u of system.utterances) if (u.hyp) for (const word of u.hyp.split(' ')) words.add(word);
  return words;
}

function looksFine(reason: string): Advice {
  return { datasetKind: 'Acoustic', title: 'The model looks fine', reason, evidence: [], strength: 'low', noActionNeeded: true };
}

/**
 * By the share of the errors explained; but a handful of errors, or a model already good (WER under
 * 5 %, "good" in the service's reading is 5–10 %), is no strong case for more data.
 */
function strengthOf(share: number, errors: number, wer: number): Advice['strength'] {
  const byShare = share >= 0.5 ? 2 : share >= 0.25 ? 1 : 0;
  const cap = errors < 3 || wer < 0.05 ? 0 : errors < 10 || wer < 0.1 ? 1 : 2;
  return (['low', 'medium', 'high'] as const)[Math.min(byShare, cap)]!;
}

/** One or two Latin letters ("a", "up", "e"): function words and spelled letters, never a domain term. */
function isShortLatin(word: string): boolean {
  return word.length < 3 && /^[a-z']+$/i.test(word);
}

function byCount<T extends { word: string; count: number }>(items: T[]): T[] {
  return items.sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
}

function sum(items: readonly { count: number }[]): number {
  return items.reduce((total, item) => total + item.count, 0);
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
