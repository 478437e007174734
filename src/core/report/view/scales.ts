/**
 * Scales and geometry of the report's charts, DOM-free: the SVG code only places what these return.
 */

export type Scale = (value: number) => number;

/** Maps [d0, d1] linearly onto [r0, r1]; a degenerate domain maps everything to r0. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const span = d1 - d0;
  if (span === 0) return () => r0;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/**
 * A "nice" upper bound and step for an axis from 0 to `max` with about `count` ticks (1, 2, 2.5, 5 × 10^k);
 * `integers` for counts: no step below 1 (an axis up to 2 would otherwise read 0, 0.5, 1, 1.5, 2).
 */
export function niceTicks(max: number, count = 5, integers = false): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const step = integers ? Math.max(1, Math.ceil(nice)) : nice;
  const ticks: number[] = [];
  const top = Math.ceil(max / step - 1e-9) * step;
  for (let i = 0; i * step <= top + step * 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

export interface Bin {
  from: number;
  /** Exclusive, except the last bin, which also holds everything above (`overflow`). */
  to: number;
  count: number;
  overflow?: boolean;
}

/**
 * A histogram of `values` in bins of `width` from 0 to `max`; values at or above `max` land in one
 * last overflow bin (WER can exceed 100 % with insertions).
 */
export function histogram(values: ArrayLike<number>, width = 0.1, max = 1): Bin[] {
  const n = Math.max(1, Math.round(max / width));
  const bins: Bin[] = Array.from({ length: n }, (_, i) => ({ from: i * width, to: (i + 1) * width, count: 0 }));
  const overflow: Bin = { from: max, to: Infinity, count: 0, overflow: true };
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v < max)) overflow.count++;
    else bins[Math.max(0, Math.min(n - 1, Math.floor(v / width + 1e-9)))]!.count++;
  }
  if (overflow.count > 0) bins.push(overflow);
  return bins;
}

export interface ScatterCell {
  /** Centre of the cell in data units (WER A, WER B), values above `max` clamped to it. */
  x: number;
  y: number;
  count: number;
  /** Below the diagonal: B has the lower WER there. */
  side: 'b-better' | 'a-better' | 'equal';
  /** The indexes (into `a` and `b`) of the points in the cell. */
  rows: number[];
}

/**
 * Per-utterance WER of A against B, binned into a `steps` × `steps` grid from 0 to `max` (values above
 * are clamped onto the edge), so 10,000 utterances draw as at most steps² circles — and the many
 * utterances both systems get right (0, 0) show as one big circle instead of a hidden pile.
 * The side is decided on the exact values, not the cell.
 */
export function scatterCells(a: ArrayLike<number>, b: ArrayLike<number>, max: number, steps = 40): ScatterCell[] {
  const cells = new Map<number, ScatterCell>();
  const step = max / steps;
  const cellOf = (v: number) => Math.min(steps, Math.max(0, Math.round(Math.min(v, max) / step)));
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const side = y < x ? 'b-better' : y > x ? 'a-better' : 'equal';
    const cx = cellOf(x);
    const cy = cellOf(y);
    const key = (cx * (steps + 1) + cy) * 3 + (side === 'b-better' ? 0 : side === 'a-better' ? 1 : 2);
    const cell = cells.get(key);
    if (cell) {
      cell.count++;
      cell.rows.push(i);
    } else {
      cells.set(key, { x: cx * step, y: cy * step, count: 1, side, rows: [i] });
    }
  }
  return [...cells.values()];
}

/** Upper bound of the scatter's axes: 100 %, or more when a few percent of the values go higher (capped at 200 %). */
export function scatterMax(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const p98 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.98))]! : 0;
  return Math.min(2, Math.max(1, Math.ceil(p98 * 4) / 4));
}

/** Radius for a cell of `count` points: area proportional to the count, between `min` and `max`. */
export function radiusFor(count: number, largest: number, min = 2, max = 14): number {
  if (largest <= 0) return min;
  return min + (max - min) * Math.sqrt(count / largest);
}

/** Counts of utterances on each side of the diagonal. */
export function sides(a: ArrayLike<number>, b: ArrayLike<number>): { bBetter: number; aBetter: number; equal: number } {
  const result = { bBetter: 0, aBetter: 0, equal: 0 };
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (b[i]! < a[i]!) result.bBetter++;
    else if (b[i]! > a[i]!) result.aBetter++;
    else result.equal++;
  }
  return result;
}

/** Bands of a grouped bar chart: `groups` groups of `perGroup` bars across `width`, with padding. */
export function bandLayout(width: number, groups: number, perGroup: number, groupPadding = 0.25, barPadding = 0.1): { group: (g: number) => number; bar: (g: number, i: number) => number; barWidth: number } {
  const groupWidth = groups > 0 ? width / groups : width;
  const inner = groupWidth * (1 - groupPadding);
  const barWidth = perGroup > 0 ? (inner / perGroup) * (1 - barPadding) : 0;
  const barStep = perGroup > 0 ? inner / perGroup : 0;
  return {
    group: (g) => g * groupWidth,
    bar: (g, i) => g * groupWidth + (groupWidth - inner) / 2 + i * barStep + (barStep - barWidth) / 2,
    barWidth,
  };
}
