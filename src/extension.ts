import * as vscode from 'vscode';
import { fileKinds, languageIdOf } from './core/lint/kinds';
import { registerCommands } from './vscode/commands';
import { Config } from './vscode/config';
import { ConnectionManager } from './vscode/connections/connection-manager';
import { ConnectionStatusBar } from './vscode/connections/connection-status-bar';
import { ConnectionStore } from './vscode/connections/connection-store';
import { LocalEngine } from './vscode/connections/local-engine';
import { AudioFolders } from './vscode/diagnostics/audio-folders';
import { LintDiagnostics } from './vscode/diagnostics/lint-diagnostics';
import { QuickFixes } from './vscode/diagnostics/quick-fixes';
import { ReportAudio } from './vscode/report/report-audio';
import { REPORT_VIEW_TYPE, ReportPanels } from './vscode/report/report-panels';
import { ReportStore } from './vscode/report/report-store';
import { createTestApi, type CustomSpeechTestApi } from './vscode/test-api';
import { ServiceTree } from './vscode/tree/service-tree';
import { WorkspaceTree } from './vscode/tree/workspace-tree';
import { Workflow } from './vscode/workflow/workflow-commands';

/** Kept for deactivate(), which must wait until the engine process is gone. */
let engine: LocalEngine | undefined;

/**
 * Builds the services and registers the features; nothing else happens here. Returns an API for the
 * integration tests when running under them (see test-api.ts), nothing otherwise.
 */
export function activate(context: vscode.ExtensionContext): CustomSpeechTestApi | undefined {
  const activateStarted = performance.now();
  const log = vscode.window.createOutputChannel('Custom Speech', { log: true });
  const config = new Config();
  const audioFolders = new AudioFolders();
  const diagnostics = new LintDiagnostics(config, audioFolders, context.extensionUri);
  const selector = fileKinds.map((kind) => ({ language: languageIdOf[kind] }));
  engine = new LocalEngine({ cliPath: context.asAbsolutePath('dist/cli.js'), dataDir: vscode.Uri.joinPath(context.globalStorageUri, 'engine').fsPath, log, secrets: context.secrets });
  const store = new ConnectionStore(context.globalState, context.secrets);
  const connections = new ConnectionManager(store, engine, log, context.secrets);
  const statusBar = new ConnectionStatusBar(connections);
  const tree = new ServiceTree(connections, log);
  const treeView = vscode.window.createTreeView('customSpeech.service', { treeDataProvider: tree, showCollapseAll: true });
  const workspaceTree = new WorkspaceTree();
  const workflow = new Workflow(connections, tree, treeView, workspaceTree);
  const reportStore = new ReportStore(vscode.Uri.joinPath(context.globalStorageUri, 'reports').fsPath);
  const reportAudio = new ReportAudio(vscode.Uri.joinPath(context.globalStorageUri, 'report-audio').fsPath, () => connections.client());
  const reports = { panels: new ReportPanels(context.extensionUri, reportStore, reportAudio, log), store: reportStore, client: () => connections.client(), connection: () => connections.active };
  context.subscriptions.push(
    log,
    config,
    audioFolders,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(selector, new QuickFixes(diagnostics), {
      providedCodeActionKinds: QuickFixes.providedCodeActionKinds,
    }),
    engine,
    connections,
    statusBar,
    tree,
    treeView,
    workspaceTree,
    vscode.window.registerTreeDataProvider('customSpeech.workspace', workspaceTree),
    workflow,
    reports.panels,
    vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, reports.panels),
  );
  registerCommands({ context, config, diagnostics, log, connections, workflow, reports });
  const marks = globalThis as { __customSpeechLoadStarted?: number; __customSpeechLoadEnded?: number };
  const loadStarted = marks.__customSpeechLoadStarted ?? activateStarted;
  const loadEnded = marks.__customSpeechLoadEnded ?? activateStarted;
  const timing = { loadMs: loadEnded - loadStarted, hostWaitMs: activateStarted - loadEnded, activateMs: performance.now() - activateStarted };
  log.info(`Activated in ${(timing.loadMs + timing.activateMs).toFixed(0)} ms (loading ${timing.loadMs.toFixed(0)} ms, activate() ${timing.activateMs.toFixed(0)} ms; VS Code took ${timing.hostWaitMs.toFixed(0)} ms in between).`);
  return context.extensionMode === vscode.ExtensionMode.Test ? createTestApi(context, connections, store, statusBar, workflow, reports.panels, timing) : undefined;
}

/** Stops the local engine: SIGTERM, then SIGKILL if it has not exited within the grace period. */
export async function deactivate(): Promise<void> {
  await engine?.stop();
}
