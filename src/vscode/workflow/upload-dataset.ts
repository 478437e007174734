import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SpeechClient } from '../../core/api/client';
import type { Dataset } from '../../core/api/schemas';
import { guessKindFromName } from '../../core/lint/kinds';
import { LintGateError, uploadDataset, type UploadEvent } from '../../core/upload/upload-dataset';
import { sizeText } from '../../core/present/entity-summary';
import { BACK, runSteps, type Prompter } from '../prompts/prompter';

const KINDS = [
  { value: 'Language', label: 'Related text (Language)', detail: 'Sentences of the domain, one per line: teaches words and phrases' },
  { value: 'Pronunciation', label: 'Pronunciation', detail: 'Display form <TAB> spoken form: how unusual words are said' },
  { value: 'LanguageMarkdown', label: 'Structured text (LanguageMarkdown)', detail: 'Markdown with lists and templates' },
  { value: 'Acoustic', label: 'Audio + human transcripts (Acoustic)', detail: 'A folder or zip of WAV files and a transcript: trains acoustics, or tests accuracy' },
  { value: 'AudioFiles', label: 'Audio only (AudioFiles)', detail: 'A folder or zip of WAV files: inspect a model\'s quality' },
];

/** The likeliest dataset kind of a workspace file or folder. */
export async function guessDatasetKind(uri: vscode.Uri): Promise<string | undefined> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.type & vscode.FileType.Directory) {
    const entries = await vscode.workspace.fs.readDirectory(uri);
    return entries.some(([name]) => name.toLowerCase().endsWith('.txt')) ? 'Acoustic' : 'AudioFiles';
  }
  if (uri.path.toLowerCase().endsWith('.zip')) return 'Acoustic';
  const lintKind = guessKindFromName(uri.path);
  return lintKind === 'pronunciation' ? 'Pronunciation' : lintKind === 'structured-text' ? 'LanguageMarkdown' : lintKind === 'related-text' ? 'Language' : undefined;
}

export interface UploadCommandOptions {
  /** Skip the questions (tests, and the manifest): all of them must then be given. */
  kind?: string;
  displayName?: string;
  locale?: string;
  projectId?: string;
  ignoreLintErrors?: boolean;
}

/**
 * Upload dataset: asks kind, name and locale (guessed from the file), runs the lint gate (errors
 * offer "Upload anyway" and "Show first problem"), uploads with progress and Cancel, waits for the
 * import. Returns the dataset as the import left it.
 */
export async function uploadDatasetCommand(client: SpeechClient, prompter: Prompter, source: vscode.Uri, options: UploadCommandOptions = {}): Promise<Dataset | undefined> {
  const guessed = options.kind ?? (await guessDatasetKind(source));
  const choices = await runSteps({ kind: guessed, displayName: options.displayName ?? path.basename(source.fsPath), locale: options.locale ?? 'en-US' }, [
    async (state) => {
      if (options.kind) return 'skip';
      const kind = await prompter.pick({ title: `Upload ${vscode.workspace.asRelativePath(source)}`, placeholder: 'What kind of data is it?', items: KINDS.map((k) => ({ label: k.label, detail: k.detail, value: k.value })), selected: state.kind ? [state.kind] : undefined, step: 1, totalSteps: 3 });
      if (kind === BACK || kind === undefined) return kind;
      state.kind = kind;
      return 'next';
    },
    async (state) => {
      if (options.displayName) return 'skip';
      const name = await prompter.input({ title: 'Dataset name', prompt: 'The name on the service', value: state.displayName, step: 2, totalSteps: 3, validate: (v) => (v.trim() ? undefined : 'A dataset needs a name.') });
      if (name === BACK || name === undefined) return name;
      state.displayName = name.trim();
      return 'next';
    },
    async (state) => {
      if (options.locale) return 'skip';
      const locale = await prompter.input({ title: 'Locale', prompt: 'The language of the data', value: state.locale, step: 3, totalSteps: 3, validate: (v) => (/^[a-z]{2,3}-[A-Z]{2}$/.test(v.trim()) ? undefined : 'A locale looks like en-US.') });
      if (locale === BACK || locale === undefined) return locale;
      state.locale = locale.trim();
      return 'next';
    },
  ]);
  if (!choices?.kind) return undefined;
  let ignoreLintErrors = options.ignoreLintErrors ?? false;
  for (;;) {
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Uploading ${choices.displayName}`, cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          let reported = 0;
          return uploadDataset(client, {
            source: source.fsPath,
            kind: choices.kind!,
            locale: choices.locale,
            displayName: choices.displayName,
            projectId: options.projectId,
            ignoreLintErrors,
            signal: controller.signal,
            onProgress: (event) => {
              const share = progressShare(event);
              progress.report({ message: progressMessage(event), increment: share === undefined ? undefined : Math.max(0, share - reported) });
              if (share !== undefined) reported = Math.max(reported, share);
            },
          });
        },
      );
    } catch (error) {
      if (!(error instanceof LintGateError)) throw error;
      const first = error.problems[0];
      const choice = await vscode.window.showErrorMessage(`${choices.displayName}: ${error.problemCount} line${error.problemCount === 1 ? '' : 's'} the service would reject${first ? ` — first at line ${first.line}: ${first.message}` : ''}.`, 'Show First Problem', 'Upload Anyway');
      if (choice === 'Upload Anyway') {
        ignoreLintErrors = true;
        continue;
      }
      if (choice === 'Show First Problem' && first) {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.file(first.file));
        const line = Math.max(0, first.line - 1);
        await vscode.window.showTextDocument(document, { selection: new vscode.Range(line, 0, line, 0) });
      }
      return undefined;
    }
  }
}

/** Percent of the progress bar: upload 0–90, import 90–100. */
function progressShare(event: UploadEvent): number | undefined {
  if (event.stage === 'upload') return event.totalBytes ? Math.round((event.doneBytes / event.totalBytes) * 90) : undefined;
  if (event.stage === 'import') return event.status === 'Succeeded' || event.status === 'Failed' ? 100 : 90;
  return undefined;
}

function progressMessage(event: UploadEvent): string {
  switch (event.stage) {
    case 'lint':
      return `checking ${path.basename(event.file)}`;
    case 'created':
      return 'created, sending blocks';
    case 'upload':
      return `${sizeText(event.doneBytes)} of ${sizeText(event.totalBytes)}${event.skippedBytes ? ` (${sizeText(event.skippedBytes)} already there)` : ''}`;
    case 'import':
      return `import ${event.status}`;
  }
}
