import * as vscode from 'vscode';
import type { SpeechClient } from '../../core/api/client';
import type { Evaluation } from '../../core/api/schemas';
import type { ExportFormat } from '../../core/report/protocol';
import { buildReport } from '../../core/report/build-report';
import { evaluationReportInput } from '../../core/report/evaluation-input';
import { ReferenceUnavailableError } from '../../core/report/evaluation-results-error';
import { readCorpus } from '../../core/scoring/readers';
import type { Corpus } from '../../core/scoring/types';
import { scoreFileReportInput } from '../../core/report/score-file-input';
import type { ReportPanels } from './report-panels';
import { ReportStore } from './report-store';

/** What the report commands need from the rest of the extension. */
export interface ReportContext {
  panels: ReportPanels;
  store: ReportStore;
  client(): Promise<SpeechClient>;
  /** The active connection's id and a readable name for the report's header. */
  connection(): { id: string; label: string };
}

/**
 * Opens the report of a finished evaluation: built once from its results (the local engine's score.json,
 * or scored from the transcriptions of an Azure evaluation) and kept,
 * so opening it again, or restoring it after a reload, never downloads or scores again.
 */
export async function openEvaluationReport(context: ReportContext, evaluation: Evaluation, evaluationId: string): Promise<vscode.WebviewPanel | undefined> {
  // The node may be older than the evaluation's end: ask the service.
  if (evaluation.status !== 'Succeeded') evaluation = await (await context.client()).evaluations.get(evaluationId);
  if (evaluation.status !== 'Succeeded') throw new Error(`The evaluation '${evaluation.displayName}' is ${evaluation.status}: its report exists once it has succeeded.`);
  const connection = context.connection();
  const key = ReportStore.keyOf(connection.id, 'evaluation', evaluationId, evaluation.lastActionDateTime ?? '');
  const stored = await context.store.load(key);
  if (stored) return context.panels.show(key, stored);
  const build = (reference?: Corpus) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Building the report of '${evaluation.displayName}'…`, cancellable: true }, async (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return buildReport(await evaluationReportInput(await context.client(), evaluationId, connection.label, { signal: abort.signal, ...(reference ? { reference } : {}) }));
    });
  let model;
  try {
    model = await build();
  } catch (error) {
    // An Azure evaluation whose test set cannot give its transcript: the user's workspace copy can.
    if (!(error instanceof ReferenceUnavailableError)) throw error;
    const choice = await vscode.window.showErrorMessage(error.message, 'Choose Reference Transcript…');
    const file = choice && (await vscode.window.showOpenDialog({ canSelectFiles: true, filters: { 'Transcript (audio<TAB>text) or trn': ['txt', 'trn', 'tsv'] }, openLabel: 'Score Against It', title: 'The reference transcript of the test set' }))?.[0];
    if (!file) return undefined;
    model = await build(await readCorpus(file.fsPath));
  }
  return context.panels.show(key, model);
}

/** Opens the report of a score file (`custom-speech score --format json`, or an evaluation's score.json). */
export async function openScoreReport(context: ReportContext, file?: vscode.Uri): Promise<vscode.WebviewPanel | undefined> {
  file ??= (await vscode.window.showOpenDialog({ canSelectFiles: true, filters: { 'Score (custom-speech score --format json)': ['json'] }, openLabel: 'Open Report', title: 'Open the report of a score file' }))?.[0];
  if (!file) return undefined;
  const stat = await vscode.workspace.fs.stat(file);
  const key = ReportStore.keyOf('score-file', file.toString(), String(stat.mtime), String(stat.size));
  const stored = await context.store.load(key);
  return context.panels.show(key, stored ?? buildReport(await scoreFileReportInput(file.fsPath)));
}

/** Exports the active (or only) report; `target` skips the save dialog (tests, keybindings). */
export async function exportReport(context: ReportContext, format?: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const panels = [...context.panels.panels.entries()];
  const active = panels.find(([, panel]) => panel.active) ?? (panels.length === 1 ? panels[0] : undefined);
  if (!active) throw new Error('Open an evaluation report first (or click the one to export).');
  format ??= (await vscode.window.showQuickPick(
    (['html', 'json', 'csv', 'trn', 'pra'] as const).map((f) => ({ label: f.toUpperCase(), format: f })),
    { title: 'Export the report as' },
  ))?.format;
  if (!format) return undefined;
  return context.panels.exportReport(active[0], format, target);
}
