import * as vscode from 'vscode';

/** Where a rule is documented: its section in the rules page shipped with the extension. */
export function ruleDocUri(extensionUri: vscode.Uri, code: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules.md').with({ fragment: ruleAnchor(code) });
}

/** GitHub-style heading anchor of a rule code: `transcript/missing-tab` → `transcriptmissing-tab`. */
export function ruleAnchor(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}
