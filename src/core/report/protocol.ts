import type { ReportModel } from './report-model';

/**
 * The one protocol between the report webview and the extension host (both import this file).
 * The webview posts `ready` first; only then does the host post the report.
 */

export type ExportFormat = 'json' | 'csv' | 'html' | 'trn' | 'pra';

export type SortOrder = 'worst' | 'regression' | 'gain' | 'id';
export type RowFilter = 'all' | 'errors' | 'regressions' | 'gains';

/** What `acquireVsCodeApi().setState` holds: view state only, never the results (they are stored by the host). */
export interface ReportViewState {
  /** Key of the stored report, for the WebviewPanelSerializer to load it again after a reload. */
  reportKey: string;
  sort: SortOrder;
  filter: RowFilter;
  search: string;
  /** Utterance id of the selected row. */
  selected?: string;
  scrollTop: number;
  /** Which model's frequent errors are shown (an index into the report's `errors`); default the last. */
  errorsTab?: number;
  /** The utterances a chart cell narrowed the table to (indexes into the report's utterances), and the cell's label. */
  only?: ShownOnly;
}

export interface ShownOnly {
  rows: number[];
  label: string;
}

export type HostToWebview =
  | { type: 'report'; model: ReportModel; state?: ReportViewState; reportKey: string; canPlayAudio: boolean }
  /** Answer to `playAudio`: a webview URI for the audio element, or why there is none. */
  | { type: 'audio'; utteranceId: string; src?: string; error?: string };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'playAudio'; utteranceId: string; audio: string }
  | { type: 'export'; format: ExportFormat }
  /** Opens the dataset-kind's upload flow for an advice item. */
  | { type: 'followAdvice'; datasetKind: 'Language' | 'Pronunciation' | 'Acoustic' };
