import * as vscode from 'vscode';
import type { Evaluation } from '../core/api/schemas';
import type { ExportFormat } from '../core/report/protocol';
import { fileKinds, filenamePatterns, languageIdOf, type FileKind } from '../core/lint/kinds';
import { lintFile } from '../core/lint/lint-file';
import type { Severity } from '../core/lint/problem';
import type { Config } from './config';
import { addAzureConnection, connect, disconnect, removeConnection, restartLocalEngine, switchConnection, useLocalEngine, type AddAzureConnectionArgs } from './connections/connection-commands';
import type { ConnectionManager } from './connections/connection-manager';
import type { LintDiagnostics } from './diagnostics/lint-diagnostics';
import { exportReport, openEvaluationReport, openScoreReport, type ReportContext } from './report/report-commands';
import { workflowCommands, type Workflow } from './workflow/workflow-commands';

/** What command handlers may use. Built once in extension.ts. */
export interface Services {
  context: vscode.ExtensionContext;
  config: Config;
  diagnostics: LintDiagnostics;
  log: vscode.LogOutputChannel;
  connections: ConnectionManager;
  workflow: Workflow;
  reports: ReportContext;
}

type Handler = (...args: any[]) => unknown;

/** The one table of commands: every id here is contributed in package.json, and the reverse (a test checks). */
export function createCommands(services: Services): Record<string, Handler> {
  return {
    'customSpeech.setFileKind': (uri?: vscode.Uri) => setFileKind(uri),
    'customSpeech.lintWorkspace': () => lintWorkspace(services),
    'customSpeech.showRules': () => vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(services.context.extensionUri, 'docs', 'rules.md')),
    'customSpeech.showLog': () => services.log.show(),
    'customSpeech.setRuleLevel': (code: string, level: Severity | 'off', scope?: vscode.Uri) => services.config.setRuleLevel(code, level, scope),
    'customSpeech.connect': (id?: string) => connect(services.connections, id),
    'customSpeech.addAzureConnection': (args?: AddAzureConnectionArgs) => addAzureConnection(services.connections, args),
    'customSpeech.switchConnection': (id?: string) => switchConnection(services.connections, id),
    'customSpeech.removeConnection': (id?: string) => removeConnection(services.connections, id),
    'customSpeech.useLocalEngine': () => useLocalEngine(services.connections),
    'customSpeech.disconnect': () => disconnect(services.connections),
    'customSpeech.restartLocalEngine': (args?: { confirmed?: boolean }) => restartLocalEngine(services.connections, args),
    ...workflowCommands(services.workflow),
    'customSpeech.openEvaluationReport': async (node?: { type?: string; id?: string; entity?: Evaluation }) => {
      if (node?.type !== 'evaluation' || !node.id || !node.entity) throw new Error('Choose an evaluation in the Custom Speech view (right-click, Open Report).');
      return openEvaluationReport(services.reports, node.entity, node.id);
    },
    'customSpeech.openScoreReport': (file?: vscode.Uri) => openScoreReport(services.reports, file),
    'customSpeech.exportReport': (format?: ExportFormat, target?: vscode.Uri) => exportReport(services.reports, format, target),
  };
}

/**
 * Registers every command through one wrapper, so failures are logged and shown the same way and
 * handlers stay short. Arguments are never logged: addAzureConnection's may carry a key.
 */
export function registerCommands(services: Services): void {
  for (const [id, handler] of Object.entries(createCommands(services))) {
    services.context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(...args);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          services.log.error(`${id} failed: ${error instanceof Error && error.stack ? error.stack : message}`);
          void vscode.window.showErrorMessage(`Custom Speech: ${message}`, 'Show Log').then((choice) => {
            if (choice) services.log.show();
          });
          return undefined;
        }
      }),
    );
  }
}

const kindLabels: Record<FileKind, { label: string; detail: string }> = {
  transcript: { label: 'Transcript', detail: '<audio file>.wav <tab> <verbatim transcript>, one line per audio file' },
  pronunciation: { label: 'Pronunciation', detail: '<display form> <tab> <spoken form>, e.g. "IEEE	i triple e"' },
  'related-text': { label: 'Related text', detail: 'one utterance per line, UTF-8 with BOM' },
  'structured-text': { label: 'Structured text', detail: 'markdown with @ lists, {@list} references and #Sections' },
};

async function setFileKind(uri?: vscode.Uri): Promise<void> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document) throw new Error('Open a dataset file first.');
  const items = fileKinds.map((kind) => ({ ...kindLabels[kind], fileKind: kind, picked: document.languageId === languageIdOf[kind] }));
  const picked = await vscode.window.showQuickPick(items, { title: 'What kind of dataset file is this?', placeHolder: vscode.workspace.asRelativePath(document.uri) });
  if (!picked) return;
  await vscode.languages.setTextDocumentLanguage(document, languageIdOf[picked.fileKind]);
  if (uri) await vscode.window.showTextDocument(document);
}

/** Checks every dataset file in the workspace, open or not, streaming each from disk. */
async function lintWorkspace({ config, diagnostics, log }: Services): Promise<void> {
  const found = await Promise.all(
    fileKinds.map(async (kind) => {
      const include = `**/{${filenamePatterns[kind].join(',')}}`;
      return (await vscode.workspace.findFiles(include, '**/node_modules/**')).map((uri) => ({ uri, kind }));
    }),
  );
  const files = found.flat().filter(({ uri }) => uri.scheme === 'file');
  let problems = 0;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Checking dataset files', cancellable: true },
    async (progress, token) => {
      for (const { uri, kind } of files) {
        if (token.isCancellationRequested) return;
        progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / files.length });
        const settings = config.lint(uri);
        try {
          const result = await lintFile(uri.fsPath, kind, { locale: settings.locale, severities: settings.severities, maxProblems: settings.maxProblemsPerFile });
          problems += result.problemCount;
          diagnostics.publish(uri, result.problems);
        } catch (error) {
          log.warn(`Could not check ${uri.fsPath}: ${(error as Error).message}`);
        }
      }
    },
  );
  const summary = `Checked ${files.length} dataset file${files.length === 1 ? '' : 's'}: ${problems} problem${problems === 1 ? '' : 's'}.`;
  log.info(summary);
  // Not awaited: the command is done; the message waits for the user.
  void vscode.window.showInformationMessage(summary, ...(problems ? ['Show Problems'] : [])).then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
}
