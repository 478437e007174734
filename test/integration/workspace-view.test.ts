// The workspace view inside a real VS Code: each customspeech.json and the datasets it names, with
// their lint state, updated when a dataset file is fixed on disk; a broken manifest shows as such.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { encodeWavHeader } from '../../src/core/formats/wav';
import type { CustomSpeechTestApi } from '../../src/vscode/test-api';
import type { WorkspaceNode } from '../../src/vscode/tree/workspace-tree';

const EXTENSION_ID = 'custom-speech-dev.custom-speech';

async function testApi(): Promise<CustomSpeechTestApi> {
  const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as CustomSpeechTestApi | undefined;
  assert.ok(api, 'activate() returns the test API under ExtensionMode.Test');
  return api;
}

/** Label and description of each of the view's items under `node`, by their tree items. */
async function shown(api: CustomSpeechTestApi, node?: WorkspaceNode): Promise<{ node: WorkspaceNode; label: string; description: string }[]> {
  const tree = api.workflow.workspaceTree;
  const nodes = await tree.getChildren(node);
  return Promise.all(
    nodes.map(async (child) => {
      const item = await tree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      return { node: child, label, description: String(item.description ?? '') };
    }),
  );
}

/** `samples` of silence as a 16 kHz mono 16-bit PCM WAV file. */
function silentWav(samples: number): Buffer {
  const header = encodeWavHeader({ sampleRate: 16_000, channels: 1, bitsPerSample: 16 }, 2 * samples);
  return Buffer.concat([header, Buffer.alloc(2 * samples)]);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    const value = await probe().catch((error: unknown) => ((last = error), undefined));
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}${last ? ` (${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Workspace view: the manifest’s datasets and their lint state', function () {
  this.timeout(60_000);
  let api: CustomSpeechTestApi;
  let folder: string;
  let broken: string;

  before(async () => {
    api = await testApi();
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    folder = path.join(root, 'workspace-view');
    fs.mkdirSync(path.join(folder, 'calls'), { recursive: true });
    fs.mkdirSync(path.join(folder, 'empty'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'related.txt'), '\uFEFFthe rear derailleur skips\nplease bleed my disc brakes\n');
    for (const name of ['a.wav', 'b.wav']) fs.writeFileSync(path.join(folder, 'calls', name), silentWav(16_000));
    // Line 2 has no tab: the service would reject it.
    fs.writeFileSync(path.join(folder, 'calls', 'trans.txt'), 'a.wav\tdo you stock tubeless sealant\nb.wav the derailleur skips\n');
    fs.writeFileSync(
      path.join(folder, 'customspeech.json'),
      JSON.stringify({
        locale: 'en-US',
        datasets: {
          related: { kind: 'Language', path: 'related.txt' },
          calls: { kind: 'Acoustic', path: 'calls' },
          gone: { kind: 'Pronunciation', path: 'missing.txt' },
          empty: { kind: 'Acoustic', path: 'empty' },
        },
      }),
    );
    broken = path.join(root, 'workspace-view-broken');
    fs.mkdirSync(broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'customspeech.json'), '{ "datasets": { "x": { "kind": "Audio", "path": "x" } } }');
    api.workflow.workspaceTree.refresh();
  });

  after(() => {
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(broken, { recursive: true, force: true });
  });

  it('lists each manifest, a broken one as such, and every dataset with its kind and lint state', async () => {
    const manifests = await shown(api);
    const manifest = manifests.find((m) => m.label === 'workspace-view/customspeech.json');
    assert.ok(manifest, `manifests: ${manifests.map((m) => m.label).join(', ')}`);
    assert.equal(manifest.description, '4 datasets · 0 models · 0 tests');
    const bad = manifests.find((m) => m.label === 'workspace-view-broken/customspeech.json');
    assert.ok(bad, 'the broken manifest is listed');
    assert.equal(bad.description, 'has problems');
    assert.equal(bad.node.type, 'manifest-error');
    assert.match((bad.node as Extract<WorkspaceNode, { type: 'manifest-error' }>).message, /Audio/, 'the error names the bad value');

    const datasets = Object.fromEntries((await shown(api, manifest.node)).map((d) => [d.label, d.description]));
    assert.equal(datasets.related, 'Language · clean');
    assert.match(datasets.calls!, /^Acoustic · 1 error/, `calls: ${datasets.calls}`);
    assert.equal(datasets.gone, 'Pronunciation · missing');
    assert.equal(datasets.empty, 'Acoustic · cannot be uploaded');
    const empty = (await shown(api, manifest.node)).find((d) => d.label === 'empty')!;
    const why = (await api.workflow.workspaceTree.getTreeItem(empty.node)).tooltip as vscode.MarkdownString;
    assert.match(why.value, /empty holds no transcript: an Acoustic dataset is WAV files and one \.txt file/, 'the tooltip says why');
    const calls = (await shown(api, manifest.node)).find((d) => d.label === 'calls')!;
    const tooltip = (await api.workflow.workspaceTree.getTreeItem(calls.node)).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /First error, line 2/, 'the tooltip names the first error and its line');
  });

  it('shows the new state once the file is fixed on disk', async () => {
    fs.writeFileSync(path.join(folder, 'calls', 'trans.txt'), 'a.wav\tdo you stock tubeless sealant\nb.wav\tthe derailleur skips\n');
    const fixed = await waitFor('the calls dataset to show no error', async () => {
      const manifest = (await shown(api)).find((m) => m.label === 'workspace-view/customspeech.json')!;
      const calls = (await shown(api, manifest.node)).find((d) => d.label === 'calls')!;
      return /error/.test(calls.description) ? undefined : calls.description;
    });
    assert.equal(fixed, 'Acoustic · clean');
  });
});
