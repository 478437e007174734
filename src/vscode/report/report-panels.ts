import * as path from 'node:path';
import * as vscode from 'vscode';
import { reportCsv } from '../../core/report/export/report-csv';
import { reportHtml } from '../../core/report/export/report-html';
import { reportJson } from '../../core/report/export/report-json';
import { reportPra, reportTrn } from '../../core/report/export/report-sclite';
import type { ExportFormat, HostToWebview, ReportViewState, WebviewToHost } from '../../core/report/protocol';
import { loadReportAssets } from '../../core/report/report-assets';
import type { ReportModel } from '../../core/report/report-model';
import type { ReportAudio } from './report-audio';
import { reportPageHtml } from './report-html';
import type { ReportStore } from './report-store';

export const REPORT_VIEW_TYPE = 'customSpeech.report';

const EXPORTS: Record<ExportFormat, { extension: string; filter: string; content: (model: ReportModel, extensionPath: string) => Promise<string> | string }> = {
  json: { extension: 'json', filter: 'JSON', content: reportJson },
  csv: { extension: 'csv', filter: 'CSV (one row per utterance and model)', content: reportCsv },
  html: { extension: 'html', filter: 'Self-contained HTML', content: async (model, root) => reportHtml(model, await loadReportAssets(root)) },
  trn: { extension: 'trn', filter: 'sclite trn (hypotheses of model 1)', content: (model) => reportTrn(model) },
  pra: { extension: 'pra', filter: 'sclite alignments', content: reportPra },
};

interface OpenReport {
  panel: vscode.WebviewPanel;
  model: ReportModel;
}

/**
 * The report panels: one per report (opening it again reveals it), several side by side, each
 * restored after a window reload from the stored report its view state names.
 */
export class ReportPanels implements vscode.WebviewPanelSerializer<ReportViewState>, vscode.Disposable {
  private readonly open = new Map<string, OpenReport>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: ReportStore,
    private readonly audio: ReportAudio,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Shows a report built just now (stored first, so a reload finds it). */
  async show(key: string, model: ReportModel): Promise<vscode.WebviewPanel> {
    const shown = this.open.get(key);
    if (shown) {
      shown.panel.reveal();
      return shown.panel;
    }
    await this.store.save(key, model);
    // A second report opens beside the first, for comparing them.
    const column = this.open.size > 0 ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, model.meta.title, column, this.webviewOptions());
    this.attach(panel, key, model);
    return panel;
  }

  /** The panels open now, by report key (tests). */
  get panels(): ReadonlyMap<string, vscode.WebviewPanel> {
    return new Map([...this.open].map(([key, { panel }]) => [key, panel]));
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: ReportViewState | undefined): Promise<void> {
    const model = state?.reportKey ? await this.store.load(state.reportKey) : undefined;
    if (!state || !model) {
      panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>This report is no longer stored. Open it again from its evaluation in the Custom Speech view.</p></body></html>`;
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.attach(panel, state.reportKey, model, state);
  }

  dispose(): void {
    for (const { panel } of [...this.open.values()]) panel.dispose();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false, // the app restores its view state from setState
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), ...this.audio.roots],
    };
  }

  private attach(panel: vscode.WebviewPanel, key: string, model: ReportModel, restored?: ReportViewState): void {
    this.open.set(key, { panel, model });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity-bar.svg');
    const webview = panel.webview;
    const post = (message: HostToWebview) => void webview.postMessage(message);
    let state = restored;
    const subscriptions = [
      webview.onDidReceiveMessage(async (message: WebviewToHost) => {
        try {
          switch (message.type) {
            case 'ready':
              // Sent again whenever the webview is re-created (hidden and shown): the app keeps its own view state.
              post({ type: 'report', model, reportKey: key, canPlayAudio: true, ...(state ? { state } : {}) });
              state = undefined;
              return;
            case 'playAudio':
              return await this.play(webview, key, message.utteranceId, post);
            case 'export':
              return void (await this.exportReport(key, message.format));
            case 'followAdvice':
              return void vscode.commands.executeCommand('customSpeech.uploadDataset', undefined, { kind: message.datasetKind });
          }
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          this.log.error(`Report: ${text}`);
          void vscode.window.showErrorMessage(`Custom Speech: ${text}`);
        }
      }),
      panel.onDidDispose(() => {
        this.open.delete(key);
        for (const subscription of subscriptions) subscription.dispose();
      }),
    ];
    webview.html = reportPageHtml(webview, webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'report.js')), webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'report.css')), model.meta.title);
  }

  /** The audio file of an utterance of an open report (only names the report holds: the webview does not choose files). */
  async audioOf(key: string, utteranceId: string): Promise<vscode.Uri> {
    const model = this.open.get(key)?.model;
    const row = model?.utterances.find((u) => u.id === utteranceId);
    if (!model || !row?.audio) throw new Error('This utterance has no audio file.');
    return this.audio.find(row.audio, model.meta.testDataset?.id);
  }

  private async play(webview: vscode.Webview, key: string, utteranceId: string, post: (message: HostToWebview) => void): Promise<void> {
    try {
      post({ type: 'audio', utteranceId, src: webview.asWebviewUri(await this.audioOf(key, utteranceId)).toString() });
    } catch (error) {
      post({ type: 'audio', utteranceId, error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Writes an open report in `format`: to `target`, or where the user says in a save dialog. */
  async exportReport(key: string, format: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const model = this.open.get(key)?.model;
    if (!model) throw new Error('That report is not open.');
    const kind = EXPORTS[format];
    if (!kind) throw new Error(`Unknown export format '${String(format)}'.`);
    const asked = !target;
    if (!target) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const fileName = `${model.meta.title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'report'}.${kind.extension}`;
      target = await vscode.window.showSaveDialog({ ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, fileName) } : {}), filters: { [kind.filter]: [kind.extension] }, title: `Export the report as ${kind.filter}` });
      if (!target) return undefined;
    }
    const saved = target;
    await vscode.workspace.fs.writeFile(saved, Buffer.from(await kind.content(model, this.extensionUri.fsPath)));
    this.log.info(`Report exported as ${format} to ${path.basename(saved.fsPath)}.`);
    if (asked) {
      void vscode.window.showInformationMessage(`Custom Speech: report saved as ${vscode.workspace.asRelativePath(saved)}.`, 'Open').then((open) => {
        if (open) void vscode.commands.executeCommand('vscode.open', saved);
      });
    }
    return saved;
  }
}
