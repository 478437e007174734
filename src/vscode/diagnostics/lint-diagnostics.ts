import * as vscode from 'vscode';
import { fileStartsWithBom } from '../../core/formats/bom';
import { kindOfLanguageId } from '../../core/lint/kinds';
import { LineCache } from '../../core/lint/line-cache';
import { lintText } from '../../core/lint/linter';
import type { Fix, Problem, Range, Severity } from '../../core/lint/problem';
import type { Config } from '../config';
import type { AudioFolders } from './audio-folders';
import { ruleDocUri } from './rule-docs';

export const DIAGNOSTIC_SOURCE = 'custom-speech';

/**
 * Keeps the Problems of dataset documents current: checks on open and on change (changes made
 * during a check are coalesced), clears when the last tab closes, re-checks when settings or
 * neighbouring audio change.
 */
export class LintDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly fixes = new WeakMap<vscode.Diagnostic, Fix>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /**
   * Documents being checked, and whether they changed meanwhile. A change starts a check at once
   * (no debounce: an isolated edit shows its problems as fast as possible); changes during a check
   * are coalesced into one more check after it, so typing never queues up work.
   */
  private readonly running = new Map<string, boolean>();
  /** Per document: an edit re-runs the per-line rules only on the lines it changed. */
  private readonly lineCaches = new Map<string, LineCache>();
  /**
   * Documents whose last editor tab was closed. VS Code disposes a closed document only much later
   * (onDidCloseTextDocument can come minutes after), so closing the tab is what clears its problems.
   */
  private readonly closedByUser = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Documentation link per rule code, built once rather than for every diagnostic of every check. */
  private readonly docLinks = new Map<string, vscode.Uri>();

  constructor(
    private readonly config: Config,
    private readonly audioFolders: AudioFolders,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.reopen(document)),
      vscode.window.tabGroups.onDidChangeTabs((event) => {
        for (const tab of event.closed) this.onTabClosed(tab);
        for (const tab of event.opened) {
          const uri = tabUri(tab);
          const document = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          if (document) this.reopen(document);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length) this.schedule(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.closedByUser.delete(document.uri.toString());
        this.forget(document.uri);
      }),
      config.onDidChange(() => this.checkAllOpen()),
      audioFolders.onDidChange(() => this.checkAllOpen('custom-speech-transcript')),
    );
    this.checkAllOpen();
  }

  /** The quick fix the rule offered for this diagnostic, if any. */
  fixFor(diagnostic: vscode.Diagnostic): Fix | undefined {
    return this.fixes.get(diagnostic);
  }

  /** Checks a document now and publishes its diagnostics; resolves when they are published. */
  async check(document: vscode.TextDocument): Promise<void> {
    const kind = kindOfLanguageId(document.languageId);
    const settings = this.config.lint(document.uri);
    if (!kind || !settings.enabled) {
      this.collection.delete(document.uri);
      return;
    }
    const version = document.version;
    const text = document.getText();
    const audio = kind === 'transcript' ? this.audioFolders.forDocument(document.uri) : undefined;
    const key = document.uri.toString();
    let lineCache = this.lineCaches.get(key);
    if (!lineCache) this.lineCaches.set(key, (lineCache = new LineCache()));
    const problems = await lintText(text, kind, {
      locale: settings.locale,
      fileName: document.uri.fsPath,
      byteLength: Buffer.byteLength(text, 'utf8'),
      hasBom: await documentHasBom(document, text),
      severities: settings.severities,
      maxProblems: settings.maxProblemsPerFile,
      lineCache,
      ...(audio ? { audio } : {}),
    });
    // A newer edit (or a close) made this result stale: the newer check will publish.
    if (document.isClosed || document.version !== version || this.closedByUser.has(key)) return;
    this.collection.set(document.uri, problems.map((problem) => this.toDiagnostic(problem)));
  }

  /** Publishes problems found elsewhere (e.g. a workspace-wide check of files not open). */
  publish(uri: vscode.Uri, problems: readonly Problem[]): void {
    const key = uri.toString();
    const live = !this.closedByUser.has(key) && vscode.workspace.textDocuments.some((document) => document.uri.toString() === key);
    // An open document's own check is newer than the file on disk.
    if (!live) this.collection.set(uri, problems.map((problem) => this.toDiagnostic(problem)));
  }

  private toDiagnostic(problem: Problem): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(toVsRange(problem.range), problem.message, severityOf[problem.severity]);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    let target = this.docLinks.get(problem.code);
    if (!target) this.docLinks.set(problem.code, (target = ruleDocUri(this.extensionUri, problem.code)));
    diagnostic.code = { value: problem.code, target };
    if (problem.fix) this.fixes.set(diagnostic, problem.fix);
    return diagnostic;
  }

  private reopen(document: vscode.TextDocument): void {
    this.closedByUser.delete(document.uri.toString());
    this.schedule(document);
  }

  private onTabClosed(tab: vscode.Tab): void {
    const uri = tabUri(tab);
    if (!uri) return;
    const key = uri.toString();
    const stillShown = vscode.window.tabGroups.all.some((group) => group.tabs.some((other) => tabUri(other)?.toString() === key));
    if (stillShown) return;
    this.closedByUser.add(key);
    this.forget(uri);
  }

  private schedule(document: vscode.TextDocument): void {
    if (this.closedByUser.has(document.uri.toString())) return;
    if (!kindOfLanguageId(document.languageId)) {
      // The language may just have changed away from a dataset kind.
      this.forget(document.uri);
      return;
    }
    const key = document.uri.toString();
    if (this.running.has(key)) {
      this.running.set(key, true);
      return;
    }
    // Changes of one tick (an edit with several ranges, a replace-all) make one check.
    if (this.pending.has(key)) return;
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.running.set(key, false);
        this.check(document)
          .catch((error: unknown) => console.error(`custom-speech: checking ${key} failed`, error))
          .finally(() => {
            const changedMeanwhile = this.running.get(key);
            this.running.delete(key);
            if (changedMeanwhile && !document.isClosed) this.schedule(document);
          });
      }, 0),
    );
  }

  private checkAllOpen(languageId?: string): void {
    for (const document of vscode.workspace.textDocuments) {
      if (!languageId || document.languageId === languageId) this.schedule(document);
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.lineCaches.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  return tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
}

const severityOf: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(range.line, range.start, range.endLine ?? range.line, range.end);
}

/**
 * VS Code strips a UTF-8 BOM from the text it shows; the document's encoding (VS Code ≥ 1.101) or
 * the first bytes on disk tell whether the file has one.
 */
async function documentHasBom(document: vscode.TextDocument, text: string): Promise<boolean> {
  if (text.startsWith('\uFEFF')) return true;
  const encoding = (document as { encoding?: string }).encoding;
  if (encoding !== undefined) return encoding === 'utf8bom';
  if (document.uri.scheme !== 'file') return false;
  return fileStartsWithBom(document.uri.fsPath).catch(() => false);
}
