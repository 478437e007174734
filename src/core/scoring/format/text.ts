import { SYSTEM_NAMES, type ScoreRun } from '../report';
import type { SpeakerTotals, SystemScore, Totals } from '../score';
import type { Comparison } from '../significance';

/** The human summary `custom-speech score` prints by default. */
export function formatScoreText(run: ScoreRun, { top = 10 }: { top?: number } = {}): string {
  const lines: string[] = [];
  lines.push(`Reference: ${run.reference.path} (${run.reference.format}, ${count(run.reference.utterances.length)} utterances)`);
  lines.push(`Normalization: ${run.normalizer.description}`);
  run.systems.forEach((system, index) => {
    lines.push('', `System ${SYSTEM_NAMES[index]}: ${system.hyp.path} (${system.hyp.format})`);
    lines.push(...totalsLines(system.totals));
    if (system.missingHypotheses.length) {
      const shown = system.missingHypotheses.slice(0, top).join(', ');
      lines.push(`  ${count(system.missingHypotheses.length)} reference utterances have no hypothesis, counted as all deleted: ${shown}${system.missingHypotheses.length > top ? ', …' : ''}`);
    }
    if (system.speakers.length > 1) lines.push('', ...speakerTable(system.speakers));
    lines.push(...wordLists(system, top));
  });
  if (run.comparison) lines.push('', ...comparisonLines(run.comparison, run.systems));
  return lines.join('\n') + '\n';
}

function totalsLines(t: Totals): string[] {
  return [
    `  WER ${percent(t.wer)}  (${count(t.errors)} errors in ${count(t.words)} words: ${count(t.substitutions)} substituted, ${count(t.deletions)} deleted, ${count(t.insertions)} inserted; ${count(t.correct)} correct)`,
    `  SER ${percent(t.ser)}  (${count(t.sentencesWithErrors)} of ${count(t.sentences)} utterances with an error)`,
    `  CER ${percent(t.cer)}  (${count(t.characterErrors)} errors in ${count(t.characters)} characters)`,
  ];
}

function speakerTable(speakers: readonly SpeakerTotals[]): string[] {
  const width = Math.max(7, ...speakers.map((s) => s.speaker.length));
  const header = `  ${'Speaker'.padEnd(width)}  ${'Utts'.padStart(7)}  ${'Words'.padStart(9)}  ${'WER'.padStart(7)}  ${'Sub'.padStart(7)}  ${'Del'.padStart(7)}  ${'Ins'.padStart(7)}  ${'SER'.padStart(7)}`;
  const rows = speakers.map(
    (s) =>
      `  ${s.speaker.padEnd(width)}  ${count(s.sentences).padStart(7)}  ${count(s.words).padStart(9)}  ${percent(s.wer).padStart(7)}  ${percent(rateOf(s.substitutions, s.words)).padStart(7)}  ${percent(rateOf(s.deletions, s.words)).padStart(7)}  ${percent(rateOf(s.insertions, s.words)).padStart(7)}  ${percent(s.ser).padStart(7)}`,
  );
  return [header, ...rows];
}

function wordLists(system: SystemScore, top: number): string[] {
  const lines: string[] = [];
  if (system.confusions.length) {
    lines.push('', `  Most frequent substitutions (reference -> hypothesis):`);
    for (const pair of system.confusions.slice(0, top)) lines.push(`    ${String(pair.count).padStart(6)}  ${pair.ref} -> ${pair.hyp}`);
  }
  if (system.deleted.length) lines.push('', `  Most deleted: ${system.deleted.slice(0, top).map((w) => `${w.word} (${w.count})`).join(', ')}`);
  if (system.inserted.length) lines.push(`  Most inserted: ${system.inserted.slice(0, top).map((w) => `${w.word} (${w.count})`).join(', ')}`);
  return lines;
}

function comparisonLines(c: Comparison, systems: readonly SystemScore[]): string[] {
  const [a, b] = systems;
  const relative = a!.totals.wer > 0 ? ` (${signed((b!.totals.wer - a!.totals.wer) / a!.totals.wer)} relative)` : '';
  const verdict =
    c.verdict === 'b-better' ? 'B is significantly better than A' : c.verdict === 'a-better' ? 'A is significantly better than B' : 'no significant difference between A and B';
  return [
    `Comparison: WER A ${percent(a!.totals.wer)} -> B ${percent(b!.totals.wer)}${relative}`,
    `  ${verdict}: paired bootstrap over utterances, ${count(c.samples)} draws (seed ${c.seed}); WER(A) - WER(B) = ${pointsOf(c.werDifference)}, 95% interval [${pointsOf(c.confidenceInterval[0])}, ${pointsOf(c.confidenceInterval[1])}]; B better in ${percent(c.probabilityBBetter)} of draws.`,
  ];
}

function rateOf(part: number, of: number): number {
  return of > 0 ? part / of : 0;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(2)}%`;
}

function pointsOf(value: number): string {
  return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(2)} points`;
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
