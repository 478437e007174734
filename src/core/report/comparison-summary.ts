import type { Comparison } from '../scoring/significance';
import type { SystemSummary } from './report-model';

/** (WER B − WER A) / WER A; undefined when A made no errors (no relative change to speak of). */
export function relativeWerChange(a: SystemSummary, b: SystemSummary): number | undefined {
  return a.wer > 0 ? (b.wer - a.wer) / a.wer : undefined;
}

/**
 * The one sentence a reviewer reads first: which model wins, by how much, and how sure the paired
 * bootstrap is. The interval is of the improvement (WER A − WER B), in percentage points.
 */
export function comparisonSummary(a: SystemSummary, b: SystemSummary, comparison: Comparison): string {
  const change = relativeWerChange(a, b);
  const relative = change === undefined ? '' : `, ${signedPercent(change)} relative`;
  const verdict =
    comparison.verdict === 'b-better'
      ? `${b.name} is significantly better than ${a.name}`
      : comparison.verdict === 'a-better'
        ? `${b.name} is significantly worse than ${a.name}`
        : `No significant difference between ${a.name} and ${b.name}`;
  const [low, high] = comparison.confidenceInterval;
  return (
    `${verdict} (WER ${percent(a.wer)} → ${percent(b.wer)}${relative}; ` +
    `improvement ${points(comparison.werDifference)}, 95 % CI ${number(low)} to ${points(high)}; ` +
    `${b.name} better in ${percent(comparison.probabilityBBetter)} of ${comparison.samples.toLocaleString('en-US')} bootstrap draws).`
  );
}

export function percent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)} %`;
}

function signedPercent(fraction: number): string {
  return `${fraction > 0 ? '+' : fraction < 0 ? '−' : ''}${Math.abs(fraction * 100).toFixed(0)} %`;
}

function points(fraction: number): string {
  return `${number(fraction)} points`;
}

function number(fraction: number): string {
  return `${fraction < 0 ? '−' : ''}${Math.abs(fraction * 100).toFixed(1)}`;
}
