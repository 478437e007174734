import type { ExportFormat, HostToWebview, ReportViewState } from '../../../src/core/report/protocol';
import type { ReportModel } from '../../../src/core/report/report-model';
import { indexRows } from '../../../src/core/report/view/rows';
import { renderCharts } from './charts';
import { button, h, replace } from './dom';
import { renderHeader, renderSummary } from './header';
import type { Host } from './host';
import { renderAdvice, renderErrorLists } from './lists';
import { UtteranceTable } from './table';

const FORMATS: [ExportFormat, string][] = [
  ['json', 'JSON'],
  ['csv', 'CSV'],
  ['html', 'HTML'],
  ['trn', 'trn'],
  ['pra', 'pra'],
];

export const DEFAULT_STATE: Omit<ReportViewState, 'reportKey'> = { sort: 'worst', filter: 'all', search: '', scrollTop: 0 };

/** A shown report: its table (for keyboard shortcuts and audio answers). */
export interface ShownReport {
  table: UtteranceTable;
  onMessage(message: HostToWebview): void;
  dispose(): void;
}

/**
 * Renders `model` into `root`, restoring `state` (sort, filter, search, a chart cell's narrowing, selection, scroll position),
 * and keeps the view state in the host from then on (never the results: the host stores those).
 */
export function showReport(root: HTMLElement, host: Host, model: ReportModel, reportKey: string, canPlayAudio: boolean, state: Partial<ReportViewState> | undefined): ShownReport {
  const index = indexRows(model.utterances);
  const start = { ...DEFAULT_STATE, ...state };
  let saveTimer: number | undefined;
  let errorsTab = start.errorsTab;
  const save = () => {
    if (saveTimer !== undefined) return;
    saveTimer = window.setTimeout(() => {
      saveTimer = undefined;
      const t = table.state;
      host.setState({
        reportKey,
        sort: t.sort,
        filter: t.filter,
        search: t.search,
        scrollTop: Math.round(t.scrollTop),
        ...(t.selected !== undefined ? { selected: t.selected } : {}),
        ...(errorsTab !== undefined ? { errorsTab } : {}),
        ...(t.only ? { only: t.only } : {}),
      });
    }, 150);
  };
  const audioCache = new Map<string, string>();
  const table: UtteranceTable = new UtteranceTable({
    model,
    index,
    canPlayAudio: canPlayAudio && host.mode === 'webview',
    query: { sort: start.sort, filter: start.filter, search: start.search },
    ...(start.selected !== undefined ? { selected: start.selected } : {}),
    ...(start.only ? { only: start.only } : {}),
    onPlay: (row) => {
      const cached = audioCache.get(row.id);
      if (cached) playSource(cached);
      else if (row.audio !== undefined) host.post({ type: 'playAudio', utteranceId: row.id, audio: row.audio });
    },
    onChange: save,
  });
  save(); // at once, not on the first change: the report's key is what a window reload restores the panel from
  const playSource = (src: string) => {
    if (table.audio.getAttribute('src') !== src) table.audio.src = src;
    table.audio.currentTime = 0;
    table.audioStatus('');
    table.audio.play().catch((error: unknown) => table.audioStatus(`Could not play: ${error instanceof Error ? error.message : String(error)}`));
  };

  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Export' });
  if (host.mode === 'webview') {
    actions.append(h('span', { class: 'muted' }, 'Export'), ...FORMATS.map(([format, label]) => button(label, () => host.post({ type: 'export', format }), { class: 'secondary', id: `export-${format}`, title: `Export the report as ${label}` })));
  } else {
    actions.append(button('Download JSON', () => downloadJson(model), { class: 'secondary', id: 'export-json', title: 'Save the report model as JSON' }));
  }

  replace(
    root,
    renderHeader(model, actions),
    renderSummary(model),
    renderCharts(model, (rows, label) => {
      table.showOnly(rows, label);
      table.element.scrollIntoView({ block: 'start' });
      table.grid.focus({ preventScroll: true });
    }),
    table.element,
    h(
      'div',
      { class: 'two-columns' },
      renderErrorLists(model, errorsTab, (tab) => {
        errorsTab = tab;
        save();
      }),
      renderAdvice(model, host.mode === 'webview' ? (advice) => host.post({ type: 'followAdvice', datasetKind: advice.datasetKind }) : undefined),
    ),
  );
  table.setScrollTop(start.scrollTop);

  const onKey = (event: KeyboardEvent) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return;
    event.preventDefault();
    table.search.focus();
    table.search.select();
  };
  document.addEventListener('keydown', onKey);

  return {
    table,
    onMessage(message) {
      if (message.type !== 'audio') return;
      if (message.src) {
        audioCache.set(message.utteranceId, message.src);
        if (table.selectedUtterance?.id === message.utteranceId) playSource(message.src);
      } else {
        table.audioStatus(message.error ?? `No audio for ${message.utteranceId}.`);
      }
    },
    dispose() {
      document.removeEventListener('keydown', onKey);
      if (saveTimer !== undefined) window.clearTimeout(saveTimer);
    },
  };
}

function downloadJson(model: ReportModel): void {
  const blob = new Blob([JSON.stringify(model, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: `${model.meta.title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'report'}.json` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
