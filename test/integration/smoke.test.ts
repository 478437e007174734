// First real test in a real VS Code: the extension under development is loaded by the extension
// host and activates on its transcript language.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'custom-speech-dev.custom-speech';
const TRANSCRIPT_LANGUAGE = 'custom-speech-transcript';

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in the extension host`);
  return ext;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

describe('smoke', () => {
  it('runs in a workspace with one folder', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, `workspace folders: ${folders.map((f) => f.uri.toString()).join(', ')}`);
  });

  it(`has ${EXTENSION_ID} loaded from its development folder`, () => {
    const ext = extension();
    assert.equal(ext.packageJSON.name, 'custom-speech');
    assert.equal(ext.packageJSON.publisher, 'custom-speech-dev');
  });

  it(`activates when a ${TRANSCRIPT_LANGUAGE} document is opened`, async function () {
    const ext = extension();
    const languages: { id?: string }[] = ext.packageJSON.contributes?.languages ?? [];
    if (!languages.some((language) => language.id === TRANSCRIPT_LANGUAGE)) {
      // package.json does not contribute the language (yet): nothing can activate on it.
      this.skip();
    }
    const document = await vscode.workspace.openTextDocument({
      language: TRANSCRIPT_LANGUAGE,
      content: 'audio1.wav\thello world\n',
    });
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, TRANSCRIPT_LANGUAGE);
    if (!(await waitFor(() => ext.isActive, 20_000))) {
      // Surface the activation error, if activation failed rather than never started.
      await ext.activate();
      assert.fail(`opening a ${TRANSCRIPT_LANGUAGE} document did not activate ${EXTENSION_ID} within 20 s`);
    }
    // Untitled and dirty: revert so closing it does not ask to save.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('activate() resolves', async () => {
    const ext = extension();
    await ext.activate();
    assert.equal(ext.isActive, true);
  });
});
