import * as vscode from 'vscode';
import { fileKinds, languageIdOf } from './core/lint/kinds';
import { registerCommands } from './vscode/commands';
import { Config } from './vscode/config';
import { AudioFolders } from './vscode/diagnostics/audio-folders';
import { LintDiagnostics } from './vscode/diagnostics/lint-diagnostics';
import { QuickFixes } from './vscode/diagnostics/quick-fixes';

/** Builds the services and registers the features; nothing else happens here. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Custom Speech', { log: true });
  const config = new Config();
  const audioFolders = new AudioFolders();
  const diagnostics = new LintDiagnostics(config, audioFolders, context.extensionUri);
  const selector = fileKinds.map((kind) => ({ language: languageIdOf[kind] }));
  context.subscriptions.push(
    log,
    config,
    audioFolders,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(selector, new QuickFixes(diagnostics), {
      providedCodeActionKinds: QuickFixes.providedCodeActionKinds,
    }),
  );
  registerCommands({ context, config, diagnostics, log });
}

export function deactivate(): void {}
