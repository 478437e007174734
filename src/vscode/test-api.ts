import type * as vscode from 'vscode';
import type { ConnectionManager } from './connections/connection-manager';
import type { ConnectionStatusBar } from './connections/connection-status-bar';
import type { ConnectionStore } from './connections/connection-store';
import type { ReportPanels } from './report/report-panels';
import type { Workflow } from './workflow/workflow-commands';

/**
 * What `activate()` returns when the extension runs under tests (`ExtensionMode.Test`: the
 * integration tests in test/integration/), and only then: an extension's exports are readable by
 * every other extension, and this one can read stored keys back.
 */
export interface CustomSpeechTestApi {
  connections: ConnectionManager;
  /** The status bar item's text, e.g. `$(server) Local engine`. */
  statusBarText(): string;
  /** A connection's key as SecretStorage holds it, so tests can show that it is there (and only there). */
  storedKey(id: string): Thenable<string | undefined>;
  /** The extension's globalState and workspaceState as JSON, to show what they hold (and do not). */
  storageDump(): string;
  /** Where the extension keeps files (the local engine's data is under `engine/`) and its logs. */
  globalStorageUri: vscode.Uri;
  logUri: vscode.Uri;
  /** The service tree, its view and the prompter the workflow commands ask with (tests script it). */
  workflow: Workflow;
  /** The open evaluation reports. */
  reports: ReportPanels;
  /** How long activation took: loading the bundle, then activate(); and how long VS Code took in between. */
  activation: { loadMs: number; activateMs: number; hostWaitMs: number };
}

export function createTestApi(context: vscode.ExtensionContext, connections: ConnectionManager, store: ConnectionStore, statusBar: ConnectionStatusBar, workflow: Workflow, reports: ReportPanels, activation: { loadMs: number; activateMs: number; hostWaitMs: number }): CustomSpeechTestApi {
  return {
    connections,
    statusBarText: () => statusBar.text,
    storedKey: (id) => store.keyOf(id),
    storageDump: () => JSON.stringify([context.globalState, context.workspaceState].map((memento) => Object.fromEntries(memento.keys().map((key) => [key, memento.get(key)])))),
    globalStorageUri: context.globalStorageUri,
    logUri: context.logUri,
    workflow,
    reports,
    activation,
  };
}
