/** What a lint rule reports. Pure data: the editor maps it to a vscode.Diagnostic, the CLI prints it. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Zero-based line and UTF-16 columns, like VS Code positions. `endLine` defaults to `line`. */
export interface Range {
  line: number;
  start: number;
  end: number;
  endLine?: number;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix: edits to apply to the same file, all or nothing. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Problem {
  /** Stable rule code, e.g. `transcript/missing-tab`; documented in docs/rules.md. */
  code: string;
  severity: Severity;
  range: Range;
  message: string;
  fix?: Fix;
}
