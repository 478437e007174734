import { REPORT_SCHEMA, type Advice, type ReportModel, type SpeakerRow, type SystemErrors, type SystemSummary, type UtteranceRow, type UtteranceSystem } from '../../src/core/report/report-model';
import { mulberry32 } from '../../src/core/scoring/significance';

/**
 * Deterministic synthetic ReportModels for the report front end's tests and benchmark: `utterances`
 * rows from a small vocabulary, one or two systems whose hypotheses carry random substitutions,
 * deletions and insertions (B makes fewer than A by default), consistent summaries, speakers, error
 * lists and advice. With `hostile`, markup and script-looking strings go everywhere text is shown.
 */
export interface SyntheticOptions {
  utterances?: number;
  systems?: 1 | 2;
  seed?: number;
  /** Put `<img src=x onerror=alert(1)>`, `</script>` and friends into transcripts, names and lists. */
  hostile?: boolean;
  /** Audio names on the rows (for the play buttons). */
  audio?: boolean;
}

export const HOSTILE_STRINGS = ['<img src=x onerror=alert(1)>', '</script><script>alert(2)</script>', '"><svg onload=alert(3)>', '&amp; &lt;b&gt;'];

const WORDS = (
  'book a service for my road bike the rear derailleur skips on smallest cog do you stock tubeless sealant gravel tires ' +
  'please check brake pads and true the wheel chain wear is high can i pick it up tomorrow morning kubernetes invoice ' +
  'shimano ultegra cassette eleven speed thru axle torque spec carbon frame warranty claim receipt'
).split(' ');

interface Tally {
  correct: number;
  substitutions: number;
  deletions: number;
  insertions: number;
  sentencesWithErrors: number;
  refChars: number;
  charErrors: number;
  confusions: Map<string, number>;
  deleted: Map<string, number>;
  inserted: Map<string, number>;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const top = <T>(map: Map<string, number>, make: (key: string, count: number) => T, n = 50): T[] =>
  [...map.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, n)
    .map(([key, c]) => make(key, c));

export function syntheticReport(options: SyntheticOptions = {}): ReportModel {
  const n = options.utterances ?? 200;
  const systemCount = options.systems ?? 2;
  const random = mulberry32(options.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const hostile = options.hostile ?? false;
  const speakers = Array.from({ length: 24 }, (_, i) => (hostile && i === 3 ? HOSTILE_STRINGS[0]! : `spk${String(i + 1).padStart(2, '0')}`));
  // Per-system error probabilities per reference word: B (custom) makes fewer errors than A (base).
  const rates = systemCount === 2 ? [0.16, 0.1] : [0.12];
  const names = systemCount === 2 ? ['Base 20241218', hostile ? `Custom ${HOSTILE_STRINGS[1]}` : 'Custom bikes v2'] : ['Custom bikes v2'];
  const tallies: Tally[] = names.map(() => ({ correct: 0, substitutions: 0, deletions: 0, insertions: 0, sentencesWithErrors: 0, refChars: 0, charErrors: 0, confusions: new Map(), deleted: new Map(), inserted: new Map() }));
  const speakerTotals = new Map<string, { words: number; errors: number[] }>();
  const utterances: UtteranceRow[] = [];

  for (let u = 0; u < n; u++) {
    const length = 4 + Math.floor(random() * 14);
    const refWords = Array.from({ length }, () => pick(WORDS));
    if (hostile && u % 50 === 1) refWords.splice(1, 0, ...HOSTILE_STRINGS[u % 100 === 1 ? 0 : 1]!.split(' '));
    const speaker = speakers[u % speakers.length]!;
    const totals = speakerTotals.get(speaker) ?? { words: 0, errors: names.map(() => 0) };
    speakerTotals.set(speaker, totals);
    totals.words += refWords.length;
    const systems: UtteranceSystem[] = [];
    tallies.forEach((tally, s) => {
      // Some utterances are hard for everyone (noise), others for A only.
      const hard = u % 17 === 0 ? 3 : 1;
      const rate = Math.min(0.9, rates[s]! * hard * (0.3 + 1.4 * random()));
      const hyp: string[] = [];
      let alignment = '';
      let errors = 0;
      for (const word of refWords) {
        const r = random();
        if (r < rate * 0.55) {
          const other = pick(WORDS.filter((w) => w !== word));
          hyp.push(other);
          alignment += 'S';
          tally.substitutions++;
          bump(tally.confusions, `${word}\u0000${other}`);
          errors++;
        } else if (r < rate * 0.8) {
          alignment += 'D';
          tally.deletions++;
          bump(tally.deleted, word);
          errors++;
        } else {
          hyp.push(word);
          alignment += 'C';
          tally.correct++;
        }
        if (random() < rate * 0.2) {
          const extra = hostile && u % 50 === 1 ? '<b>bold</b>' : pick(['uh', 'the', 'a', 'and', 'um']);
          hyp.push(extra);
          alignment += 'I';
          tally.insertions++;
          bump(tally.inserted, extra);
          errors++;
        }
      }
      if (errors > 0) tally.sentencesWithErrors++;
      const refChars = refWords.join(' ').length;
      tally.refChars += refChars;
      tally.charErrors += Math.round(errors * 3.2);
      totals.errors[s]! += errors;
      systems.push({ hyp: hyp.join(' '), alignment, errors, wer: errors / refWords.length });
    });
    const id = `${speaker.startsWith('spk') ? speaker : 'spkX'}_${String(u).padStart(5, '0')}`;
    utterances.push({ id: hostile && u === 2 ? `${id}${HOSTILE_STRINGS[0]}` : id, speaker, ref: refWords.join(' '), systems, ...(options.audio ?? true ? { audio: `${id}.wav` } : {}) });
  }

  const words = utterances.reduce((sum, row) => sum + row.ref.split(' ').length, 0);
  const summaries: SystemSummary[] = tallies.map((t, s) => {
    const errors = t.substitutions + t.deletions + t.insertions;
    return {
      name: names[s]!,
      words,
      sentences: n,
      sentencesWithErrors: t.sentencesWithErrors,
      correct: t.correct,
      substitutions: t.substitutions,
      deletions: t.deletions,
      insertions: t.insertions,
      errors,
      wer: words ? errors / words : 0,
      ser: n ? t.sentencesWithErrors / n : 0,
      cer: t.refChars ? t.charErrors / t.refChars : 0,
      missingHypotheses: 0,
    };
  });
  const speakerRows: SpeakerRow[] = [...speakerTotals.entries()].map(([speaker, t]) => ({ speaker, words: t.words, wer: t.errors.map((e) => e / t.words) }));
  const errors: SystemErrors[] = tallies.map((t, s) => ({
    system: names[s]!,
    confusions: top(t.confusions, (key, c) => {
      const [ref, hyp] = key.split('\u0000') as [string, string];
      return { ref, hyp, count: c };
    }),
    deleted: top(t.deleted, (word, c) => ({ word, count: c })),
    inserted: top(t.inserted, (word, c) => ({ word, count: c })),
  }));
  if (hostile) errors[0]!.confusions.unshift({ ref: HOSTILE_STRINGS[0]!, hyp: HOSTILE_STRINGS[2]!, count: 99 });
  const advice: Advice[] = [
    {
      datasetKind: 'Language',
      title: 'Add related text with your product names',
      reason: 'Product and brand names are substituted in most of the errors of the custom model.',
      evidence: ['kubernetes ×12', 'ultegra ×9', ...(hostile ? [HOSTILE_STRINGS[0]!] : [])],
      strength: 'high',
    },
    { datasetKind: 'Pronunciation', title: 'Add pronunciations for acronyms', reason: 'Short words like "thru" are deleted often.', evidence: ['thru ×5'], strength: 'medium' },
    { datasetKind: 'Acoustic', title: 'Add audio from noisy shops', reason: 'A few speakers have much higher WER than the rest.', evidence: ['spk04 42 %'], strength: 'low' },
  ];
  const model: ReportModel = {
    schema: REPORT_SCHEMA,
    meta: {
      title: hostile ? `Report ${HOSTILE_STRINGS[0]} ${HOSTILE_STRINGS[1]}` : 'Bike shop calls: base vs custom',
      source: 'Local engine',
      date: '2025-03-14T09:26:53Z',
      locale: 'en-US',
      evaluation: { id: 'eval-1', name: 'Bike shop calls' },
      testDataset: { id: 'ds-1', name: hostile ? `calls ${HOSTILE_STRINGS[3]}` : 'Shop calls (test)', kind: 'Acoustic' },
      systems: names.map((name, s) =>
        systemCount === 2 && s === 0 ? { name, kind: 'base-model' as const } : { name, kind: 'custom-model' as const, baseModel: 'Base 20241218' },
      ),
    },
    normalization: { version: 'custom-speech-norm/1', enabled: true, description: 'Lower-cased, punctuation removed, numbers spelled out as words.' },
    systems: summaries,
    speakers: speakerRows,
    utterances,
    errors,
    advice,
  };
  if (systemCount === 2) {
    const [a, b] = summaries as [SystemSummary, SystemSummary];
    const difference = a.wer - b.wer;
    model.comparison = {
      method: 'paired-bootstrap',
      samples: 1000,
      seed: 20041,
      werDifference: difference,
      confidenceInterval: [difference - 0.01, difference + 0.01],
      probabilityBBetter: difference > 0 ? 0.999 : 0.2,
      verdict: difference > 0.01 ? 'b-better' : difference < -0.01 ? 'a-better' : 'no-significant-difference',
      relativeWerChange: a.wer > 0 ? (b.wer - a.wer) / a.wer : undefined,
      summary: `Model 2 is ${difference > 0 ? 'significantly better' : 'not better'} (WER ${(a.wer * 100).toFixed(1)} % → ${(b.wer * 100).toFixed(1)} %).`,
    };
  }
  return model;
}
