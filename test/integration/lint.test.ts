import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { encodeWavHeader } from '../../src/core/formats/wav';

const workspace = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
const datasetFile = (name: string) => vscode.Uri.file(path.join(workspace(), 'dataset', name));

function writeWav(name: string, format: { sampleRate: number; channels: number; bitsPerSample: number }, seconds = 1): void {
  const dataBytes = Math.round(seconds * format.sampleRate) * format.channels * (format.bitsPerSample / 8);
  writeFileSync(path.join(workspace(), 'dataset', name), Buffer.concat([encodeWavHeader(format, dataBytes), Buffer.alloc(dataBytes)]));
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'custom-speech');
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

/** Resolves once the diagnostics of `uri` satisfy `accept`; fails with what was there after `ms`. */
async function diagnosticsWhere(uri: vscode.Uri, accept: (codes: string[]) => boolean, ms = 10_000): Promise<vscode.Diagnostic[]> {
  const current = () => ours(uri);
  if (accept(current().map(codeOf))) return current();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out; diagnostics were: ${current().map((d) => `${d.range.start.line}:${codeOf(d)}`).join(', ') || 'none'}`));
    }, ms);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      if (!accept(current().map(codeOf))) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(current());
    });
  });
}

/** Opens a file in an editor tab, as a user does (a closed tab clears a file's problems). */
async function show(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

async function applyQuickFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, titlePart: string): Promise<void> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const action = actions.find((a) => a.title.includes(titlePart));
  assert.ok(action?.edit, `quick fix "${titlePart}" among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

describe('Dataset diagnostics in the editor', function () {
  this.timeout(60_000);

  before(() => {
    writeWav('good.wav', { sampleRate: 16000, channels: 1, bitsPerSample: 16 });
    writeWav('smart.wav', { sampleRate: 16000, channels: 1, bitsPerSample: 16 });
    writeWav('no-tab.wav', { sampleRate: 16000, channels: 1, bitsPerSample: 16 });
    writeWav('bad-format.wav', { sampleRate: 44100, channels: 2, bitsPerSample: 16 });
  });

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('recognizes a transcript by its name and reports its mistakes with source and documentation link', async () => {
    const uri = datasetFile('trans.txt');
    const document = await show(uri);
    assert.equal(document.languageId, 'custom-speech-transcript');
    const diagnostics = await diagnosticsWhere(uri, (codes) => codes.includes('transcript/audio-missing') && codes.includes('transcript/audio-format'));
    const byCode = (code: string) => diagnostics.filter((d) => codeOf(d) === code);
    assert.equal(byCode('transcript/audio-missing')[0]!.range.start.line, 2);
    assert.equal(byCode('transcript/audio-format')[0]!.range.start.line, 1);
    assert.match(byCode('transcript/audio-format')[0]!.message, /44100 Hz/);
    assert.equal(byCode('transcript/non-ascii')[0]!.range.start.line, 3);
    assert.equal(byCode('transcript/missing-tab')[0]!.range.start.line, 4);
    assert.equal(byCode('transcript/missing-tab')[0]!.severity, vscode.DiagnosticSeverity.Error);
    const code = diagnostics[0]!.code as { value: string; target: vscode.Uri };
    assert.match(code.target.path, /docs\/rules\.md$/);
  });

  it('applies quick fixes that replace smart quotes, one or all, and the warning goes away', async () => {
    const uri = datasetFile('trans.txt');
    const document = await show(uri);
    const nonAscii = (await diagnosticsWhere(uri, (codes) => codes.filter((c) => c === 'transcript/non-ascii').length === 2)).filter((d) => codeOf(d) === 'transcript/non-ascii');
    await applyQuickFix(uri, nonAscii[0]!, 'Replace by');
    assert.equal(document.lineAt(3).text, "smart.wav\tit's Sam\u2019s bike");
    const [rest] = (await diagnosticsWhere(uri, (codes) => codes.filter((c) => c === 'transcript/non-ascii').length === 1)).filter((d) => codeOf(d) === 'transcript/non-ascii');
    await applyQuickFix(uri, rest!, 'Replace by');
    assert.equal(document.lineAt(3).text, "smart.wav\tit's Sam's bike");
    await diagnosticsWhere(uri, (codes) => !codes.includes('transcript/non-ascii'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    // "Fix all" fixes every problem of the rule at once.
    const again = (await diagnosticsWhere(uri, (codes) => codes.filter((c) => c === 'transcript/non-ascii').length === 2)).filter((d) => codeOf(d) === 'transcript/non-ascii');
    await applyQuickFix(uri, again[0]!, 'Fix all 2');
    assert.equal(document.lineAt(3).text, "smart.wav\tit's Sam's bike");
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('updates diagnostics as you type', async () => {
    const uri = datasetFile('pron.txt');
    const document = await show(uri);
    const editor = vscode.window.activeTextEditor!;
    await diagnosticsWhere(uri, (codes) => codes.length === 0);
    await editor.edit((edit) => edit.insert(new vscode.Position(2, 0), 'R2D2\tR two d 2\n'));
    const diagnostics = await diagnosticsWhere(uri, (codes) => codes.some((c) => c.startsWith('pronunciation/')));
    assert.ok(diagnostics.every((d) => d.range.start.line === 2), 'only the new line is flagged');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await diagnosticsWhere(uri, (codes) => codes.length === 0);
  });

  it('adds a missing BOM to related text, and the saved file has one', async () => {
    const uri = datasetFile('related.txt');
    const document = await show(uri);
    assert.equal(document.languageId, 'custom-speech-related-text');
    const diagnostics = await diagnosticsWhere(uri, (codes) => codes.includes('related-text/missing-bom'));
    assert.ok(diagnostics.some((d) => codeOf(d) === 'related-text/uri' && d.range.start.line === 1));
    await applyQuickFix(uri, diagnostics.find((d) => codeOf(d) === 'related-text/missing-bom')!, 'BOM');
    assert.ok(await document.save());
    assert.deepEqual([...readFileSync(uri.fsPath).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    await diagnosticsWhere(uri, (codes) => !codes.includes('related-text/missing-bom'));
  });

  it('lints any file once its kind is chosen', async () => {
    const uri = datasetFile('notes.txt');
    const document = await show(uri);
    assert.equal(document.languageId, 'plaintext');
    await vscode.languages.setTextDocumentLanguage(document, 'custom-speech-transcript');
    await diagnosticsWhere(uri, (codes) => codes.includes('transcript/missing-tab'));
    await vscode.languages.setTextDocumentLanguage(document, 'plaintext');
    await diagnosticsWhere(uri, (codes) => codes.length === 0);
  });

  it('finds undefined list references in structured text', async () => {
    const uri = datasetFile('orders.structured.md');
    await show(uri);
    const diagnostics = await diagnosticsWhere(uri, (codes) => codes.includes('structured-text/undefined-list'));
    const undefinedList = diagnostics.find((d) => codeOf(d) === 'structured-text/undefined-list')!;
    assert.equal(undefinedList.range.start.line, 6);
  });

  it('follows rule settings', async () => {
    const uri = datasetFile('trans.txt');
    await show(uri);
    await diagnosticsWhere(uri, (codes) => codes.includes('transcript/missing-tab'));
    const config = vscode.workspace.getConfiguration('customSpeech');
    await config.update('lint.rules', { 'transcript/missing-tab': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await diagnosticsWhere(uri, (codes) => !codes.includes('transcript/missing-tab') && codes.includes('transcript/audio-missing'));
    } finally {
      await config.update('lint.rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('re-checks a transcript when its audio appears', async () => {
    const uri = datasetFile('trans.txt');
    await show(uri);
    await diagnosticsWhere(uri, (codes) => codes.includes('transcript/audio-missing'));
    writeWav('missing.wav', { sampleRate: 8000, channels: 1, bitsPerSample: 16 });
    await diagnosticsWhere(uri, (codes) => !codes.includes('transcript/audio-missing'));
  });
});

describe('Bad input in the editor', function () {
  this.timeout(60_000);
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('reports bytes that are not UTF-8 where they are', async () => {
    const file = path.join(workspace(), 'dataset', 'related-latin1.txt');
    writeFileSync(file, Buffer.concat([Buffer.from('\uFEFFcaf'), Buffer.from([0xe9]), Buffer.from(' au lait\nfine line\n')]));
    const uri = vscode.Uri.file(file);
    await show(uri);
    const diagnostics = await diagnosticsWhere(uri, (codes) => codes.includes('file/invalid-utf8'));
    const invalid = diagnostics.find((d) => codeOf(d) === 'file/invalid-utf8')!;
    assert.deepEqual([invalid.range.start.line, invalid.range.start.character], [0, 3]);
  });

  it('copes with a 10 MB line: one clear problem, no hang', async () => {
    const file = path.join(workspace(), 'dataset', 'related-one-line.txt');
    writeFileSync(file, '\uFEFF' + 'spoke '.repeat(1_700_000));
    const uri = vscode.Uri.file(file);
    await show(uri);
    const diagnostics = await diagnosticsWhere(uri, (codes) => codes.includes('file/huge-line'), 30_000);
    assert.equal(diagnostics.filter((d) => codeOf(d) === 'file/huge-line').length, 1);
  });
});

describe('Closing and checking the workspace', function () {
  this.timeout(60_000);

  it('clears a file\'s diagnostics when it closes', async () => {
    const uri = datasetFile('orders.structured.md');
    await show(uri);
    await diagnosticsWhere(uri, (codes) => codes.length > 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await diagnosticsWhere(uri, (codes) => codes.length === 0, 30_000);
  });

  it('checks dataset files that are not open with "Check All Dataset Files in Workspace"', async () => {
    const uri = datasetFile('related.txt');
    assert.deepEqual(ours(uri), [], 'no editor shows it');
    await vscode.commands.executeCommand('customSpeech.lintWorkspace');
    const diagnostics = await diagnosticsWhere(uri, (codes) => codes.includes('related-text/uri'));
    assert.equal(diagnostics.find((d) => codeOf(d) === 'related-text/uri')!.range.start.line, 1);
    assert.ok(ours(datasetFile('trans.txt')).some((d) => codeOf(d) === 'transcript/missing-tab'));
  });
});

describe('Commands', () => {
  it('registers exactly the commands package.json contributes', async () => {
    const extension = vscode.extensions.getExtension('custom-speech-dev.custom-speech')!;
    await extension.activate();
    const contributed: string[] = extension.packageJSON.contributes.commands.map((c: { command: string }) => c.command).sort();
    // VS Code adds its own commands for each contributed view (customSpeech.service.focus, …): not ours.
    const views: string[] = Object.values(extension.packageJSON.contributes.views as Record<string, { id: string }[]>).flat().map((view) => view.id);
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('customSpeech.') && !views.some((view) => id.startsWith(`${view}.`))).sort();
    assert.deepEqual(registered, contributed);
  });

  it('shows the rules reference', async () => {
    await vscode.commands.executeCommand('customSpeech.showRules');
    const deadline = Date.now() + 10_000;
    const shown = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).some((tab) => /rules\.md/.test(tab.label));
    while (!shown() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(shown(), `tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
