import * as vscode from 'vscode';
import type { Severity } from '../core/lint/problem';

/** Typed access to the `customSpeech.*` settings; `onDidChange` fires when any of them changes. */
export interface LintSettings {
  enabled: boolean;
  locale: string;
  severities: Record<string, Severity | 'off'>;
  maxProblemsPerFile: number;
}

const SECTION = 'customSpeech';

export class Config implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SECTION)) this.changed.fire();
  });

  /** Settings for a file: they may differ per workspace folder. */
  lint(scope?: vscode.Uri): LintSettings {
    const config = vscode.workspace.getConfiguration(SECTION, scope);
    return {
      enabled: config.get<boolean>('lint.enabled', true),
      locale: config.get<string>('locale', 'en-US') || 'en-US',
      severities: { ...config.get<Record<string, Severity | 'off'>>('lint.rules', {}) },
      maxProblemsPerFile: Math.max(1, config.get<number>('lint.maxProblemsPerFile', 1000)),
    };
  }

  /** Sets a rule's level in the workspace settings (user settings when no folder is open). */
  async setRuleLevel(code: string, level: Severity | 'off', scope?: vscode.Uri): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION, scope);
    const rules = { ...config.get<Record<string, string>>('lint.rules', {}), [code]: level };
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update('lint.rules', rules, target);
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
