import * as path from 'node:path';
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { lintDatasetFile } from '../../core/lint/dataset-lint';
import { loadManifest, ManifestError, type LoadedManifest } from '../../core/manifest/load-manifest';
import { MANIFEST_FILE_NAME, type ManifestDataset } from '../../core/manifest/manifest-schema';
import { escapeMarkdown } from '../../core/present/entity-summary';
import { datasetContent } from '../../core/upload/dataset-content';

export type WorkspaceNode =
  | { type: 'manifest'; loaded: LoadedManifest }
  | { type: 'manifest-error'; file: string; message: string }
  | { type: 'dataset'; key: string; dataset: ManifestDataset; loaded: LoadedManifest; uri: vscode.Uri };

interface LintState {
  errors: number;
  warnings: number;
  /** Why it cannot be checked, in a word or two for the description (missing, cannot be uploaded)… */
  problem?: string;
  /** …and in full for the tooltip. */
  problemDetail?: string;
  firstError?: { line: number; message: string };
}

/**
 * The workspace view: each customspeech.json and the datasets it names, with their lint state
 * (errors the service would reject, warnings), refreshed when the files change.
 */
export class WorkspaceTree implements vscode.TreeDataProvider<WorkspaceNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<WorkspaceNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly lintStates = new Map<string, { version: string; state: Promise<LintState> }>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** The folders of the manifests shown last. */
  private manifestFolders: string[] = [];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    // Only manifests and what lies beside them matter: a save elsewhere must not re-read them.
    const later = (uri?: vscode.Uri) => {
      if (uri && path.basename(uri.fsPath) !== MANIFEST_FILE_NAME && !this.manifestFolders.some((folder) => uri.fsPath.startsWith(folder + path.sep))) return;
      clearTimeout(this.refreshTimer);
      this.refreshTimer = setTimeout(() => this.changed.fire(undefined), 500);
    };
    this.subscriptions.push(watcher, watcher.onDidChange(later), watcher.onDidCreate(later), watcher.onDidDelete(later), this.changed, vscode.workspace.onDidChangeWorkspaceFolders(() => later()));
  }

  refresh(): void {
    this.lintStates.clear();
    this.changed.fire(undefined);
  }

  async getChildren(node?: WorkspaceNode): Promise<WorkspaceNode[]> {
    if (!node) {
      const files = await vscode.workspace.findFiles(`**/${MANIFEST_FILE_NAME}`, '**/node_modules/**', 20);
      const nodes: WorkspaceNode[] = [];
      for (const file of files.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
        try {
          nodes.push({ type: 'manifest', loaded: await loadManifest(file.fsPath) });
        } catch (error) {
          nodes.push({ type: 'manifest-error', file: file.fsPath, message: error instanceof ManifestError ? error.message : String(error) });
        }
      }
      this.manifestFolders = files.map((file) => path.dirname(file.fsPath));
      await vscode.commands.executeCommand('setContext', 'customSpeech.hasManifest', files.length > 0);
      return nodes;
    }
    if (node.type !== 'manifest') return [];
    return Object.entries(node.loaded.manifest.datasets).map(([key, dataset]) => ({ type: 'dataset', key, dataset, loaded: node.loaded, uri: vscode.Uri.file(path.resolve(node.loaded.folder, dataset.path)) }));
  }

  async getTreeItem(node: WorkspaceNode): Promise<vscode.TreeItem> {
    if (node.type === 'manifest-error') {
      const item = new vscode.TreeItem(vscode.workspace.asRelativePath(node.file), vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.description = 'has problems';
      item.tooltip = node.message;
      item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(node.file)] };
      return item;
    }
    if (node.type === 'manifest') {
      const item = new vscode.TreeItem(vscode.workspace.asRelativePath(node.loaded.file), vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('json');
      const m = node.loaded.manifest;
      item.description = `${Object.keys(m.datasets).length} datasets · ${Object.keys(m.models).length} models · ${Object.keys(m.tests).length} tests`;
      item.tooltip = node.loaded.warnings.map((w) => w.message).join('\n') || undefined;
      item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(node.loaded.file)] };
      item.contextValue = 'manifest';
      return item;
    }
    const state = await this.lintState(node);
    const item = new vscode.TreeItem(node.key, vscode.TreeItemCollapsibleState.None);
    item.resourceUri = node.uri;
    const counts = state.problem ?? [state.errors ? `${state.errors} error${state.errors === 1 ? '' : 's'}` : '', state.warnings ? `${state.warnings} warning${state.warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
    item.description = [node.dataset.kind, counts || 'clean'].join(' · ');
    item.iconPath = state.problem || state.errors ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) : state.warnings ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    item.tooltip = new vscode.MarkdownString(`**${node.key}** (${node.dataset.kind})\n\n${escapeMarkdown(node.dataset.path)}${state.problemDetail ? `\n\n${escapeMarkdown(state.problemDetail)}` : ''}${state.firstError ? `\n\nFirst error, line ${state.firstError.line}: ${escapeMarkdown(state.firstError.message)}` : ''}`);
    item.command = { command: 'revealInExplorer', title: 'Reveal', arguments: [node.uri] };
    item.contextValue = `workspaceDataset ${node.dataset.kind}`;
    return item;
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /** The lint state of a dataset's text file, cached until the file changes. */
  private async lintState(node: Extract<WorkspaceNode, { type: 'dataset' }>): Promise<LintState> {
    const info = await stat(node.uri.fsPath).catch(() => undefined);
    if (!info) return { errors: 0, warnings: 0, problem: 'missing', problemDetail: `${node.uri.fsPath} does not exist.` };
    let targets;
    try {
      targets = (await datasetContent(node.uri.fsPath, node.dataset.kind)).lintTargets;
    } catch (error) {
      return { errors: 0, warnings: 0, problem: 'cannot be uploaded', problemDetail: error instanceof Error ? error.message : String(error) };
    }
    // The files linted decide: a folder's own time does not change when its transcript is edited.
    const version = (await Promise.all(targets.map(async (t) => `${t.file}@${(await stat(t.file).catch(() => undefined))?.mtimeMs}`))).join('|');
    const key = `${node.uri.fsPath}|${node.dataset.kind}`;
    const cached = this.lintStates.get(key);
    if (cached && cached.version === version) return cached.state;
    const state = (async () => {
      let errors = 0;
      let warnings = 0;
      let firstError: LintState['firstError'];
      for (const target of targets) {
        const lint = await lintDatasetFile(target.file, target.kind, node.dataset.locale ?? node.loaded.manifest.locale, { checkAudio: target.kind === 'transcript' });
        errors += lint.rejectedLines.length + (lint.error ? 1 : 0);
        warnings += lint.warnings.length;
        firstError ??= lint.error ? { line: 1, message: lint.error.message } : lint.rejectedLines[0] ? { line: lint.rejectedLines[0].line, message: lint.rejectedLines[0].reason } : undefined;
      }
      return { errors, warnings, firstError };
    })();
    this.lintStates.set(key, { version, state });
    return state;
  }
}
