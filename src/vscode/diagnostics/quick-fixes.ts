import * as vscode from 'vscode';
import type { Fix } from '../../core/lint/problem';
import { DIAGNOSTIC_SOURCE, toVsRange } from './lint-diagnostics';

interface FixSource {
  fixFor(diagnostic: vscode.Diagnostic): Fix | undefined;
}

/**
 * Offers the fixes the lint rules computed: one per diagnostic, a "fix all" when a rule has several
 * fixable problems in the file, and a way to turn a rule off for the workspace.
 */
export class QuickFixes implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly fixes: FixSource) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    for (const diagnostic of ours) {
      const fix = this.fixes.fixFor(diagnostic);
      if (fix) actions.push(this.fixAction(document, fix.title, [[diagnostic, fix]], true));
    }
    for (const code of new Set(ours.map(codeOf))) {
      const sameRule = vscode.languages
        .getDiagnostics(document.uri)
        .filter((d) => d.source === DIAGNOSTIC_SOURCE && codeOf(d) === code)
        .flatMap((d): [vscode.Diagnostic, Fix][] => {
          const fix = this.fixes.fixFor(d);
          return fix ? [[d, fix]] : [];
        });
      if (sameRule.length > 1) actions.push(this.fixAction(document, `Fix all ${sameRule.length} '${code}' problems in this file`, sameRule, false));
      const disable = new vscode.CodeAction(`Turn off rule '${code}' in this workspace`, vscode.CodeActionKind.QuickFix);
      disable.command = { command: 'customSpeech.setRuleLevel', title: disable.title, arguments: [code, 'off', document.uri] };
      actions.push(disable);
    }
    return actions;
  }

  private fixAction(document: vscode.TextDocument, title: string, fixes: [vscode.Diagnostic, Fix][], preferred: boolean): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    for (const [, fix] of fixes) {
      for (const edit of fix.edits) action.edit.replace(document.uri, toVsRange(edit.range), edit.newText);
    }
    action.diagnostics = fixes.map(([diagnostic]) => diagnostic);
    action.isPreferred = preferred;
    return action;
  }
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}
