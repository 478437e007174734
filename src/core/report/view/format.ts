import type { ReportComparison } from '../report-model';

/**
 * Number formatting for the report's front end (webview and exported HTML): one place, so the cards,
 * charts and table agree. Pure, no DOM.
 */

const MINUS = '\u2212';

/** 0.1234 → "12.3 %"; NaN or undefined → "–". */
export function percent(fraction: number | undefined, digits = 1): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return '–';
  const value = (fraction * 100).toFixed(digits);
  return `${value.startsWith('-') ? MINUS + value.slice(1) : value} %`;
}

/** −0.34 → "−34.0 %", 0.05 → "+5.0 %" (the sign always shown; a true minus sign). */
export function signedPercent(fraction: number | undefined, digits = 1): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return '–';
  const abs = (Math.abs(fraction) * 100).toFixed(digits);
  if (Number(abs) === 0) return `±${abs} %`;
  return `${fraction < 0 ? MINUS : '+'}${abs} %`;
}

/** 10000 → "10,000". */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A signed integer with a true minus sign: −3, +2, 0. */
export function signed(n: number): string {
  if (n === 0) return '0';
  return n < 0 ? `${MINUS}${-n}` : `+${n}`;
}

export type Tone = 'better' | 'worse' | 'neutral';

/** How the comparison reads at a glance: tone (colour), an icon and a word — never colour alone. */
export function verdictBadge(comparison: ReportComparison): { tone: Tone; icon: string; label: string } {
  switch (comparison.verdict) {
    case 'b-better':
      return { tone: 'better', icon: '▼', label: 'Model 2 significantly better' };
    case 'a-better':
      return { tone: 'worse', icon: '▲', label: 'Model 2 significantly worse' };
    default:
      return { tone: 'neutral', icon: '=', label: 'No significant difference' };
  }
}

/** Tone of a change in an error rate: lower is better. */
export function changeTone(delta: number | undefined): Tone {
  if (delta === undefined || !Number.isFinite(delta) || delta === 0) return 'neutral';
  return delta < 0 ? 'better' : 'worse';
}

/** A date for the header: the ISO date's day and time (UTC) without seconds, or the string as it is. */
export function shortDate(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?/.exec(iso);
  if (!match) return iso;
  return match[2] ? `${match[1]} ${match[2]}` : match[1]!;
}
