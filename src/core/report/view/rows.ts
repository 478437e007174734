import type { RowFilter, SortOrder } from '../protocol';
import type { UtteranceRow } from '../report-model';

/**
 * Sorting, filtering and searching the utterance table, DOM-free. Everything a comparison needs is
 * computed once per report into typed arrays (indexRows), so each sort/filter/search over 10,000
 * rows is a filter pass and a numeric sort of row numbers (a few milliseconds).
 */
export interface RowIndex {
  readonly count: number;
  /** Number of systems (1 or 2). */
  readonly systems: number;
  /** WER of the last system, per row. */
  readonly lastWer: Float64Array;
  /** Errors of the last system, per row. */
  readonly lastErrors: Int32Array;
  /** Errors of B minus errors of A (0 with one system): > 0 is a regression, < 0 a gain. */
  readonly delta: Int32Array;
  /** 1 when any system makes an error on the row. */
  readonly anyErrors: Uint8Array;
  /** Position of the row's id in natural (numeric-aware) id order. */
  readonly idRank: Int32Array;
  /** Lower-cased id, reference and hypotheses, separated by a newline (no match spans two fields). */
  readonly haystack: readonly string[];
}

export interface RowQuery {
  sort: SortOrder;
  filter: RowFilter;
  search: string;
}

export function indexRows(rows: readonly UtteranceRow[]): RowIndex {
  const n = rows.length;
  const systems = rows.reduce((max, row) => Math.max(max, row.systems.length), 0);
  const lastWer = new Float64Array(n);
  const lastErrors = new Int32Array(n);
  const delta = new Int32Array(n);
  const anyErrors = new Uint8Array(n);
  const haystack = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const last = row.systems[row.systems.length - 1];
    lastWer[i] = last?.wer ?? 0;
    lastErrors[i] = last?.errors ?? 0;
    if (row.systems.length >= 2) delta[i] = row.systems[1]!.errors - row.systems[0]!.errors;
    let text = `${row.id}\n${row.ref}`;
    let errors = 0;
    for (const system of row.systems) {
      text += `\n${system.hyp}`;
      errors += system.errors;
    }
    anyErrors[i] = errors > 0 ? 1 : 0;
    haystack[i] = text.toLowerCase();
  }
  const collator = new Intl.Collator('en', { numeric: true });
  const byId = Array.from({ length: n }, (_, i) => i).sort((a, b) => collator.compare(rows[a]!.id, rows[b]!.id) || a - b);
  const idRank = new Int32Array(n);
  byId.forEach((row, rank) => (idRank[row] = rank));
  return { count: n, systems, lastWer, lastErrors, delta, anyErrors, idRank, haystack };
}

/** Whether a filter makes sense for the report (regressions and gains need two systems). */
export function filterAvailable(index: RowIndex, filter: RowFilter): boolean {
  return index.systems >= 2 || (filter !== 'regressions' && filter !== 'gains');
}

/** Whether a sort order makes sense for the report (regression and gain need two systems). */
export function sortAvailable(index: RowIndex, sort: SortOrder): boolean {
  return index.systems >= 2 || (sort !== 'regression' && sort !== 'gain');
}

/** Row numbers (into the model's utterances) to show, in display order; with `only`, among those rows alone. */
export function queryRows(index: RowIndex, query: RowQuery, only?: ReadonlySet<number>): Int32Array {
  const { count: n, anyErrors, delta, haystack } = index;
  const needle = query.search.trim().toLowerCase();
  const filter = filterAvailable(index, query.filter) ? query.filter : 'all';
  const picked = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (filter === 'errors' && anyErrors[i] === 0) continue;
    if (filter === 'regressions' && delta[i]! <= 0) continue;
    if (filter === 'gains' && delta[i]! >= 0) continue;
    if (needle !== '' && !haystack[i]!.includes(needle)) continue;
    if (only && !only.has(i)) continue;
    picked[m++] = i;
  }
  const result = picked.subarray(0, m);
  result.sort(comparator(index, sortAvailable(index, query.sort) ? query.sort : 'worst'));
  return result;
}

/** Ties are broken by id order, so every order is total and stable across runs. */
function comparator(index: RowIndex, sort: SortOrder): (a: number, b: number) => number {
  const { lastWer, lastErrors, delta, idRank } = index;
  switch (sort) {
    case 'worst':
      return (a, b) => lastWer[b]! - lastWer[a]! || lastErrors[b]! - lastErrors[a]! || idRank[a]! - idRank[b]!;
    case 'regression':
      return (a, b) => delta[b]! - delta[a]! || idRank[a]! - idRank[b]!;
    case 'gain':
      return (a, b) => delta[a]! - delta[b]! || idRank[a]! - idRank[b]!;
    case 'id':
      return (a, b) => idRank[a]! - idRank[b]!;
  }
}

/** Counts for the filter buttons' labels. */
export function filterCounts(index: RowIndex): Record<RowFilter, number> {
  const counts = { all: index.count, errors: 0, regressions: 0, gains: 0 };
  for (let i = 0; i < index.count; i++) {
    counts.errors += index.anyErrors[i]!;
    if (index.delta[i]! > 0) counts.regressions++;
    else if (index.delta[i]! < 0) counts.gains++;
  }
  return counts;
}
