import { alignedPairs, type AlignedPair } from '../../../src/core/report/aligned-pairs';
import type { RowFilter, ShownOnly, SortOrder } from '../../../src/core/report/protocol';
import type { ReportModel, UtteranceRow, UtteranceSystem } from '../../../src/core/report/report-model';
import { count, percent, signed } from '../../../src/core/report/view/format';
import { filterAvailable, filterCounts, queryRows, sortAvailable, type RowIndex, type RowQuery } from '../../../src/core/report/view/rows';
import { contentHeight, moveSelection, pageRows, revealRow, virtualWindow } from '../../../src/core/report/view/virtual';
import { button, h, replace } from './dom';

/** Fixed row height (px); must match `.grid-row { height }` in report.css. */
export const ROW_HEIGHT = 30;
const OVERSCAN = 10;

const SORTS: [SortOrder, string][] = [
  ['worst', 'Worst first (WER of the last model)'],
  ['regression', 'Biggest regression (model 2 − model 1 errors)'],
  ['gain', 'Biggest gain (model 1 − model 2 errors)'],
  ['id', 'Id'],
];
const FILTERS: [RowFilter, string][] = [
  ['all', 'All'],
  ['errors', 'Errors only'],
  ['regressions', 'Regressions'],
  ['gains', 'Gains'],
];

export interface TableOptions {
  model: ReportModel;
  index: RowIndex;
  canPlayAudio: boolean;
  query: RowQuery;
  selected?: string;
  /** A chart cell's utterances the table starts narrowed to. */
  only?: ShownOnly;
  /** Asks the host for the row's audio. */
  onPlay(row: UtteranceRow): void;
  /** The query, the selection or the scroll position changed (to persist the view state). */
  onChange(): void;
}

/**
 * The utterance table: a toolbar (search, sort, filter), a virtualized grid — only the rows in view
 * plus an overscan are in the DOM, each ROW_HEIGHT high, placed absolutely inside a body as high as
 * all rows — and a detail pane with the selected utterance's full alignment and the shared player.
 */
export class UtteranceTable {
  readonly element: HTMLElement;
  readonly grid: HTMLElement;
  readonly search: HTMLInputElement;
  readonly audio: HTMLAudioElement;
  private readonly body: HTMLElement;
  private readonly head: HTMLElement;
  private readonly status: HTMLElement;
  private readonly shown: HTMLElement;
  private readonly detail: HTMLElement;
  private readonly sortSelect: HTMLSelectElement;
  private readonly filterButtons = new Map<RowFilter, HTMLButtonElement>();
  private readonly rows: readonly UtteranceRow[];
  private readonly systems: number;
  private readonly rowOfId = new Map<string, number>();
  private order: Int32Array = new Int32Array(0);
  private positionOfRow: Int32Array;
  private readonly rendered = new Map<number, HTMLElement>();
  private selectedPosition = -1;
  private selectedRow = -1;
  private query: RowQuery;
  /** The rows of a scatter cell the table is narrowed to (kept in the view state as `only`). */
  private only: { rows: ReadonlySet<number>; label: string } | undefined;
  private readonly onlyChip: HTMLElement;
  private readonly onlyLabel: HTMLElement;
  private headHeight = 0;
  /** Height of the rows' part of the grid, measured on resize (not read while scrolling: no forced layout). */
  private viewport = 0;

  constructor(private readonly options: TableOptions) {
    const { model, index } = options;
    this.rows = model.utterances;
    this.systems = Math.max(1, index.systems);
    this.rows.forEach((row, i) => this.rowOfId.set(row.id, i));
    this.positionOfRow = new Int32Array(this.rows.length);
    this.query = { ...options.query };
    if (!sortAvailable(index, this.query.sort)) this.query.sort = 'worst';
    if (!filterAvailable(index, this.query.filter)) this.query.filter = 'all';

    this.search = h('input', { type: 'search', id: 'search', placeholder: 'Search id, reference, hypotheses  ( / )', 'aria-label': 'Search utterances', spellcheck: 'false', autocomplete: 'off' });
    this.search.value = this.query.search;
    this.search.addEventListener('input', () => this.setQuery({ search: this.search.value }));
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.search.value) {
        this.search.value = '';
        this.setQuery({ search: '' });
      } else if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === 'Escape') {
        event.preventDefault();
        if (this.selectedPosition < 0) this.select(0);
        this.grid.focus();
      }
    });

    this.sortSelect = h('select', { id: 'sort', 'aria-label': 'Sort utterances' });
    for (const [value, label] of SORTS) {
      if (sortAvailable(index, value)) this.sortSelect.append(h('option', { value }, label));
    }
    this.sortSelect.value = this.query.sort;
    this.sortSelect.addEventListener('change', () => this.setQuery({ sort: this.sortSelect.value as SortOrder }));

    const counts = filterCounts(index);
    const filters = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Show' });
    for (const [value, label] of FILTERS) {
      if (!filterAvailable(index, value)) continue;
      const b = button([label, h('span', { class: 'badge' }, count(counts[value]))], () => this.setQuery({ filter: value }), { id: `filter-${value}`, 'aria-pressed': String(value === this.query.filter) });
      this.filterButtons.set(value, b);
      filters.append(b);
    }
    this.shown = h('span', { class: 'shown', id: 'shown', role: 'status' });
    this.onlyLabel = h('span', {});
    this.onlyChip = h('span', { class: 'only', id: 'only', hidden: true }, this.onlyLabel, button('Show all', () => this.showOnly(undefined), { class: 'secondary', id: 'only-clear', title: 'Show every utterance again' }));

    const columns = ['Id', '', 'Reference', ...Array.from({ length: this.systems }, (_, i) => (this.systems > 1 ? `Model ${i + 1}` : 'Hypothesis')), ...Array.from({ length: this.systems }, (_, i) => (this.systems > 1 ? `WER ${i + 1}` : 'WER'))];
    if (this.systems > 1) columns.push('Δ errors');
    this.head = h('div', { class: 'grid-row grid-head', role: 'row', 'aria-rowindex': 1 }, ...columns.map((label, i) => h('div', { role: 'columnheader', class: `cell c${i}` }, label === '' ? h('span', { class: 'sr-only' }, 'Play') : label)));
    this.body = h('div', { class: 'grid-body', role: 'rowgroup' });
    this.grid = h('div', { class: `grid systems-${this.systems}`, id: 'utterance-grid', role: 'grid', tabindex: 0, 'aria-label': 'Utterances', 'aria-colcount': columns.length }, this.head, this.body);
    this.grid.addEventListener('scroll', () => {
      this.renderWindow();
      this.options.onChange();
    });
    this.grid.addEventListener('keydown', (event) => this.onKey(event));
    this.body.addEventListener('click', (event) => {
      const rowElement = (event.target as Element).closest<HTMLElement>('.grid-row');
      if (!rowElement) return;
      const position = Number(rowElement.dataset.position);
      this.select(position);
      if ((event.target as Element).closest('.play')) this.play();
      this.grid.focus({ preventScroll: true });
    });

    this.audio = h('audio', { id: 'player', controls: true, preload: 'none' });
    this.status = h('span', { class: 'audio-status', id: 'audio-status', role: 'status' });
    this.detail = h('div', { class: 'detail', id: 'detail', 'aria-live': 'polite' });

    this.element = h(
      'section',
      { class: 'utterances', 'aria-labelledby': 'utterances-title' },
      h('h2', { id: 'utterances-title' }, 'Utterances'),
      h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Utterance table' }, this.search, h('label', {}, 'Sort ', this.sortSelect), filters, this.shown, this.onlyChip),
      legend(),
      this.grid,
      h('div', { class: 'player-row', hidden: !options.canPlayAudio }, this.audio, this.status),
      this.detail,
    );
    new ResizeObserver(() => {
      this.headHeight = this.head.offsetHeight;
      this.viewport = Math.max(0, this.grid.clientHeight - this.headHeight);
      this.renderWindow();
    }).observe(this.grid);
    if (options.only) this.narrow(options.only.rows, options.only.label);
    this.applyQuery(options.selected);
  }

  get state(): RowQuery & { selected?: string; scrollTop: number; only?: ShownOnly } {
    const selected = this.selectedRow >= 0 ? this.rows[this.selectedRow]?.id : undefined;
    const only = this.only && { rows: [...this.only.rows], label: this.only.label };
    return { ...this.query, ...(selected !== undefined ? { selected } : {}), scrollTop: this.grid.scrollTop, ...(only ? { only } : {}) };
  }

  /** Number of rows after filter and search. */
  get visibleCount(): number {
    return this.order.length;
  }

  setQuery(change: Partial<RowQuery>): void {
    this.query = { ...this.query, ...change };
    const selected = this.selectedRow >= 0 ? this.rows[this.selectedRow]?.id : undefined;
    this.applyQuery(selected);
    this.options.onChange();
  }

  /** Narrows the table to `rows` (a scatter cell's utterances), or shows all again; the filter, search and sort still apply. */
  showOnly(rows: readonly number[] | undefined, label = ''): void {
    this.narrow(rows, label);
    const selected = this.selectedRow >= 0 ? this.rows[this.selectedRow]?.id : undefined;
    this.applyQuery(selected);
    this.grid.scrollTop = 0;
    this.renderWindow();
    this.options.onChange();
  }

  // Rows outside the report (a view state kept from elsewhere) are left out.
  private narrow(rows: readonly number[] | undefined, label: string): void {
    const valid = rows?.filter((row) => Number.isInteger(row) && row >= 0 && row < this.rows.length);
    this.only = valid ? { rows: new Set(valid), label } : undefined;
    this.onlyLabel.textContent = valid ? `Only the ${count(valid.length)} utterance${valid.length === 1 ? '' : 's'} ${label}` : '';
    this.onlyChip.hidden = !valid;
  }

  setScrollTop(top: number): void {
    this.grid.scrollTop = top;
    this.renderWindow();
  }

  /** Shows the state of an audio request: an error, or nothing. */
  audioStatus(text: string): void {
    this.status.textContent = text;
  }

  get selectedUtterance(): UtteranceRow | undefined {
    return this.selectedRow >= 0 ? this.rows[this.selectedRow] : undefined;
  }

  private applyQuery(selectedId: string | undefined): void {
    this.order = queryRows(this.options.index, this.query, this.only?.rows);
    this.positionOfRow.fill(-1);
    for (let p = 0; p < this.order.length; p++) this.positionOfRow[this.order[p]!] = p;
    for (const [value, b] of this.filterButtons) b.setAttribute('aria-pressed', String(value === this.query.filter));
    this.sortSelect.value = this.query.sort;
    this.shown.textContent = `${count(this.order.length)} of ${count(this.rows.length)} utterances`;
    this.body.style.height = `${contentHeight(ROW_HEIGHT, this.order.length)}px`;
    this.grid.setAttribute('aria-rowcount', String(this.order.length + 1));
    for (const element of this.rendered.values()) element.remove();
    this.rendered.clear();
    const row = selectedId === undefined ? undefined : this.rowOfId.get(selectedId);
    this.selectedPosition = row === undefined ? -1 : this.positionOfRow[row]!;
    this.selectedRow = this.selectedPosition >= 0 ? row! : -1;
    this.renderWindow();
    this.renderDetail();
  }

  private viewportHeight(): number {
    if (!this.viewport && this.grid.isConnected) {
      this.headHeight = this.head.offsetHeight;
      this.viewport = Math.max(0, this.grid.clientHeight - this.headHeight);
    }
    return this.viewport;
  }

  /** Puts the rows in view (plus overscan) into the DOM and takes the others out. */
  private renderWindow(): void {
    const { start, end } = virtualWindow(this.grid.scrollTop, this.viewportHeight() || 600, ROW_HEIGHT, this.order.length, OVERSCAN);
    for (const [position, element] of this.rendered) {
      if (position < start || position >= end) {
        element.remove();
        this.rendered.delete(position);
      }
    }
    const fragment = document.createDocumentFragment();
    for (let position = start; position < end; position++) {
      if (this.rendered.has(position)) continue;
      const element = this.renderRow(position);
      this.rendered.set(position, element);
      fragment.append(element);
    }
    this.body.append(fragment);
  }

  private renderRow(position: number): HTMLElement {
    const rowNumber = this.order[position]!;
    const row = this.rows[rowNumber]!;
    const selected = position === this.selectedPosition;
    const canPlay = this.options.canPlayAudio && row.audio !== undefined;
    const cells: HTMLElement[] = [
      h('div', { role: 'gridcell', class: 'cell c0 id', title: `${row.id} · ${row.speaker}` }, row.id),
      h('div', { role: 'gridcell', class: 'cell c1' }, canPlay ? h('button', { type: 'button', class: 'play', tabindex: -1, title: `Play ${row.audio}`, 'aria-label': `Play ${row.id}` }, '▶') : undefined),
      h('div', { role: 'gridcell', class: 'cell c2 text ref', title: row.ref }, row.ref),
    ];
    row.systems.forEach((system, i) => cells.push(h('div', { role: 'gridcell', class: `cell c${3 + i} text hyp`, title: system.hyp }, ...alignedText(row.ref, system))));
    for (let i = row.systems.length; i < this.systems; i++) cells.push(h('div', { role: 'gridcell', class: `cell c${3 + i} text hyp` }));
    row.systems.forEach((system, i) => cells.push(h('div', { role: 'gridcell', class: `cell c${3 + this.systems + i} num` }, system.missing ? '–' : percent(system.wer))));
    if (this.systems > 1) {
      const delta = (row.systems[1]?.errors ?? 0) - (row.systems[0]?.errors ?? 0);
      cells.push(h('div', { role: 'gridcell', class: `cell c${3 + 2 * this.systems} num ${delta > 0 ? 'tone-worse' : delta < 0 ? 'tone-better' : ''}` }, signed(delta)));
    }
    const element = h('div', { class: `grid-row${selected ? ' selected' : ''}`, role: 'row', id: `row-${position}`, 'aria-rowindex': position + 2, 'aria-selected': String(selected), 'data-position': position, 'data-id': row.id }, ...cells);
    element.style.transform = `translateY(${position * ROW_HEIGHT}px)`;
    return element;
  }

  select(position: number, reveal = true): void {
    if (position < 0 || position >= this.order.length) return;
    this.rendered.get(this.selectedPosition)?.classList.remove('selected');
    this.rendered.get(this.selectedPosition)?.setAttribute('aria-selected', 'false');
    this.selectedPosition = position;
    this.selectedRow = this.order[position]!;
    if (reveal) {
      const top = revealRow(position, this.grid.scrollTop, this.viewportHeight(), ROW_HEIGHT);
      if (top !== this.grid.scrollTop) this.grid.scrollTop = top;
      this.renderWindow();
    }
    const element = this.rendered.get(position);
    element?.classList.add('selected');
    element?.setAttribute('aria-selected', 'true');
    this.grid.setAttribute('aria-activedescendant', `row-${position}`);
    this.renderDetail();
    this.options.onChange();
  }

  /** Plays the selected row's audio (asks the host; the answer arrives as an `audio` message). */
  play(): void {
    const row = this.selectedUtterance;
    if (!row || !this.options.canPlayAudio) return;
    if (row.audio === undefined) {
      this.audioStatus(`No audio file is known for ${row.id}.`);
      return;
    }
    this.audioStatus(`Loading ${row.audio}…`);
    this.options.onPlay(row);
  }

  private onKey(event: KeyboardEvent): void {
    const page = pageRows(this.viewportHeight(), ROW_HEIGHT);
    const moves: Record<string, number> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const by = moves[event.key];
    if (by !== undefined) {
      event.preventDefault();
      const target = by === -Infinity ? 0 : by === Infinity ? this.order.length - 1 : moveSelection(this.selectedPosition, by, this.order.length);
      this.select(target);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (this.selectedPosition < 0) this.select(0);
      else this.play();
    }
  }

  private renderDetail(): void {
    const row = this.selectedUtterance;
    if (!row) {
      replace(this.detail, h('p', { class: 'muted' }, 'Select an utterance (click, or ↑/↓ and j/k in the table) to see its words aligned; Enter plays its audio.'));
      return;
    }
    const names = this.options.model.systems.map((system, i) => (this.systems > 1 ? `Model ${i + 1} · ${system.name}` : system.name));
    replace(
      this.detail,
      h('h3', {}, row.id, h('span', { class: 'muted' }, ` · speaker ${row.speaker}${row.audio ? ` · ${row.audio}` : ''}`)),
      ...row.systems.map((system, i) =>
        h(
          'div',
          { class: 'alignment' },
          h('p', { class: 'alignment-title' }, h('span', { class: `swatch sys-${i}`, 'aria-hidden': 'true' }), `${names[i] ?? ''}: ${system.errors} error${system.errors === 1 ? '' : 's'}, WER ${percent(system.wer)}`),
          alignedColumns(row.ref, system),
        ),
      ),
    );
  }
}

function legend(): HTMLElement {
  return h(
    'p',
    { class: 'legend', id: 'legend' },
    'Hypotheses aligned to the reference: ',
    h('span', { class: 'tok sub' }, h('del', {}, 'ref'), h('ins', {}, 'hyp')),
    ' substitution (S), ',
    h('span', { class: 'tok del' }, h('del', {}, 'word')),
    ' deletion (D), ',
    h('span', { class: 'tok ins' }, h('ins', {}, 'word')),
    ' insertion (I). Keys: ↑/↓ or j/k select, Enter plays, / searches.',
  );
}

function pairsOf(ref: string, system: UtteranceSystem): AlignedPair[] | undefined {
  try {
    return alignedPairs(ref, system.hyp, system.alignment);
  } catch {
    return undefined;
  }
}

/** A hypothesis as inline text with its errors marked; correct runs become one text node. */
export function alignedText(ref: string, system: UtteranceSystem): (Node | string)[] {
  if (system.missing) return [h('span', { class: 'muted' }, '(no hypothesis)')];
  const pairs = pairsOf(ref, system);
  if (!pairs) return [system.hyp];
  const out: (Node | string)[] = [];
  let run = '';
  const flush = () => {
    if (run) out.push(run);
    run = '';
  };
  for (const pair of pairs) {
    if (pair.op === 'C') {
      run += `${pair.hyp} `;
      continue;
    }
    flush();
    if (pair.op === 'S') out.push(h('span', { class: 'tok sub' }, h('del', {}, pair.ref ?? ''), h('ins', {}, pair.hyp ?? '')), ' ');
    else if (pair.op === 'D') out.push(h('span', { class: 'tok del' }, h('del', {}, pair.ref ?? '')), ' ');
    else out.push(h('span', { class: 'tok ins' }, h('ins', {}, pair.hyp ?? '')), ' ');
  }
  flush();
  return out;
}

/** Reference over hypothesis, one column per aligned pair (for the detail pane). */
function alignedColumns(ref: string, system: UtteranceSystem): HTMLElement {
  if (system.missing) return h('p', { class: 'muted' }, '(no hypothesis)');
  const pairs = pairsOf(ref, system);
  if (!pairs) return h('p', {}, system.hyp);
  return h(
    'div',
    { class: 'pairs', role: 'list' },
    ...pairs.map((pair) =>
      h(
        'span',
        { class: `pair op-${pair.op}`, role: 'listitem', title: { C: 'correct', S: 'substitution', D: 'deletion', I: 'insertion' }[pair.op] },
        h('span', { class: 'pair-ref' }, pair.ref ?? '·'),
        h('span', { class: 'pair-hyp' }, pair.hyp ?? '·'),
      ),
    ),
  );
}
