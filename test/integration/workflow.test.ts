// The whole Custom Speech flow inside a real VS Code, on the local engine, through the commands with
// scripted QuickPick answers: upload → train → evaluate → deploy → transcribe, with the service tree
// checked at each step, and an import that fails with its reason visible.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { evaluationMetrics, type CustomModel, type Dataset, type Endpoint, type Evaluation } from '../../src/core/api/schemas';
import type { ReportModel } from '../../src/core/report/report-model';
import { ScriptedPrompter, type ScriptedAnswer } from '../../src/vscode/prompts/prompter';
import type { CustomSpeechTestApi } from '../../src/vscode/test-api';
import type { TreeNode } from '../../src/vscode/tree/tree-nodes';
import { speak } from '../unit/engine/recognizer-speech';

const EXTENSION_ID = 'custom-speech-dev.custom-speech';

const related = [
  'the rear derailleur skips on the smallest cog',
  'tubeless sealant keeps gravel tires from going flat',
  'can you bleed my shimano disc brakes',
  'a creaking bottom bracket needs grease',
  'please fit a new cassette and chain',
  'my dropper post sticks halfway down',
];
const calls = ['do you stock tubeless sealant', 'the derailleur skips on every climb', 'please bleed the disc brakes'];

async function testApi(): Promise<CustomSpeechTestApi> {
  const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as CustomSpeechTestApi | undefined;
  assert.ok(api, 'activate() returns the test API under ExtensionMode.Test');
  return api;
}

async function children(api: CustomSpeechTestApi, node?: TreeNode): Promise<TreeNode[]> {
  return api.workflow.tree.getChildren(node);
}

/** The node under `path` of labels: connection first, then e.g. 'No project', 'Datasets', 'related'. */
async function nodeAt(api: CustomSpeechTestApi, ...labels: string[]): Promise<TreeNode> {
  let level = await children(api);
  let found: TreeNode | undefined;
  for (const label of labels) {
    found = undefined;
    for (const node of level) {
      const item = api.workflow.tree.getTreeItem(node);
      if (String(typeof item.label === 'object' ? item.label.label : item.label) === label) found = node;
    }
    assert.ok(found, `no '${label}' among ${level.map((n) => JSON.stringify(api.workflow.tree.getTreeItem(n).label)).join(', ')}`);
    level = await children(api, found);
  }
  return found!;
}

function itemOf(api: CustomSpeechTestApi, node: TreeNode): vscode.TreeItem {
  return api.workflow.tree.getTreeItem(node);
}

async function settle<T extends { status: string }>(read: () => Promise<T>, ms = 180_000, everyMs = 500): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const entity = await read();
    if (entity.status === 'Succeeded' || entity.status === 'Failed') return entity;
    if (Date.now() > deadline) throw new Error(`still ${entity.status} after ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

const idOf = (self: string) => /\/([0-9a-f-]{36})(?:[/?]|$)/.exec(self)![1]!;

describe('Workflow: upload, train, test, deploy and transcribe on the local engine', function () {
  this.timeout(600_000);
  let api: CustomSpeechTestApi;
  let work: string;
  let script: ScriptedPrompter;
  const answer = (...answers: ScriptedAnswer[]) => {
    script = new ScriptedPrompter(answers);
    api.workflow.prompter = script;
  };

  before(async () => {
    api = await testApi();
    await api.connections.switchTo('local');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-flow-'));
    fs.writeFileSync(path.join(work, 'related.txt'), '\uFEFF' + related.join('\n') + '\n');
    const audio = path.join(work, 'calls');
    fs.mkdirSync(audio);
    calls.forEach((sentence, i) => speak(sentence, audio, `call-${i}`));
    fs.writeFileSync(path.join(audio, 'trans.txt'), calls.map((sentence, i) => `call-${i}.wav\t${sentence}`).join('\n') + '\n');
    fs.writeFileSync(path.join(work, 'broken.zip'), 'this is not a zip file');
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  let baseName: string;

  it('uploads related text and a test set, and the tree shows them', async () => {
    const text = (await vscode.commands.executeCommand('customSpeech.uploadDataset', vscode.Uri.file(path.join(work, 'related.txt')), { kind: 'Language', displayName: 'related', locale: 'en-US' })) as Dataset;
    assert.equal(text?.status, 'Succeeded', JSON.stringify(text?.properties));
    answer({ labels: ['Audio + human transcripts (Acoustic)'] }, { text: 'calls' }, { text: 'en-US' });
    const acoustic = (await vscode.commands.executeCommand('customSpeech.uploadDataset', vscode.Uri.file(path.join(work, 'calls')))) as Dataset;
    assert.equal(acoustic?.status, 'Succeeded', JSON.stringify(acoustic?.properties));
    assert.equal(script.shown[0]?.title, 'Upload ' + vscode.workspace.asRelativePath(vscode.Uri.file(path.join(work, 'calls'))));

    const connection = (await children(api))[0]!;
    assert.equal(connection.type, 'connection');
    assert.equal(itemOf(api, connection).label, 'Local engine');
    const node = await nodeAt(api, 'Local engine', 'No project', 'Datasets', 'calls');
    const item = itemOf(api, node);
    assert.match(String(item.description), /^Acoustic · en-US/);
    assert.match(String(item.contextValue), /^dataset Acoustic Succeeded/);
    assert.match((item.tooltip as vscode.MarkdownString).value, /\*\*Lines:\*\* 3 lines/);
  });

  it('trains a model through the steps, offering only what the base model adapts with', async () => {
    const client = await api.connections.client();
    const base = (await client.baseModels.list().next()).value!;
    baseName = base.displayName;
    answer({ text: 'bike shop' }, { text: 'words of the shop' }, { labels: [baseName] }, 'back', { labels: [baseName] }, { labels: ['related'] }, { labels: ['50%'] }, { labels: ['Train'] });
    const model = (await vscode.commands.executeCommand('customSpeech.trainModel')) as CustomModel;
    assert.ok(model, 'the wizard created a model');
    assert.deepEqual(
      script.shown.map((step) => step.title),
      ['Train a custom model', 'Train a custom model', 'Base model', 'Datasets', 'Base model', 'Datasets', 'Custom model weight', 'Train?'],
    );
    const offered = script.shown.find((step) => step.title === 'Datasets')!.items!;
    assert.ok(offered.includes('related') && offered.includes('calls'), offered.join(', '));
    assert.ok(!offered.includes('broken'), 'only succeeded datasets');
    const trained = await settle(() => client.models.get(idOf(model.self)));
    assert.equal(trained.status, 'Succeeded', JSON.stringify(trained.properties));
    assert.equal(trained.properties?.customModelWeightPercent, 50);
    api.workflow.tree.refresh();
    const node = await nodeAt(api, 'Local engine', 'No project', 'Models', 'Custom', 'bike shop');
    assert.match(String(itemOf(api, node).contextValue), /^customModel Succeeded/);
    const inside = (await children(api, node)).map((child) => String(itemOf(api, child).label));
    assert.ok(inside.includes(baseName) && inside.includes('related'), `the model shows its base model and datasets: ${inside.join(', ')}`);
  });

  it('tests the model against its base model, with both word error rates in the tree', async () => {
    answer({ labels: ['bike shop'] }, { labels: [`Its base model: ${baseName}`] }, { labels: ['calls'] }, { text: 'bike shop vs base' });
    const evaluation = (await vscode.commands.executeCommand('customSpeech.testModel')) as Evaluation;
    assert.ok(evaluation, 'the wizard created an evaluation');
    const client = await api.connections.client();
    // While it decodes, the tree tells how far it is (the local engine reports it).
    const descriptions = new Set<string>();
    const done = await settle(async () => {
      api.workflow.tree.refresh();
      descriptions.add(String(itemOf(api, await nodeAt(api, 'Local engine', 'No project', 'Evaluations', 'bike shop vs base')).description));
      return client.evaluations.get(idOf(evaluation.self));
    }, 180_000, 100);
    assert.equal(done.status, 'Succeeded', JSON.stringify(done.properties));
    assert.ok([...descriptions].some((d) => /^Running · \d+ % · en-US/.test(d)), `no progress among ${[...descriptions].join(' | ')}`);
    api.workflow.tree.refresh();
    const node = await nodeAt(api, 'Local engine', 'No project', 'Evaluations', 'bike shop vs base');
    assert.match(String(itemOf(api, node).description), /^WER \d+\.\d% → \d+\.\d%/);
  });

  it('opens the evaluation report: a nonce-only page, the WERs the service reported, exports, and audio from the test set', async () => {
    const node = await nodeAt(api, 'Local engine', 'No project', 'Evaluations', 'bike shop vs base');
    assert.equal(node.type, 'evaluation');
    const evaluation = (node as Extract<TreeNode, { type: 'evaluation' }>).entity;
    const panel = (await vscode.commands.executeCommand('customSpeech.openEvaluationReport', node)) as vscode.WebviewPanel;
    assert.equal(panel.viewType, 'customSpeech.report');
    assert.equal(panel.title, 'bike shop vs base');
    const html = panel.webview.html;
    assert.match(html, /script-src 'nonce-[^']+'/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    assert.equal(await vscode.commands.executeCommand('customSpeech.openEvaluationReport', node), panel, 'opening it again shows the same panel');
    const [key] = [...api.reports.panels.keys()];

    const json = vscode.Uri.file(path.join(work, 'report.json'));
    await vscode.commands.executeCommand('customSpeech.exportReport', 'json', json);
    const model = JSON.parse(fs.readFileSync(json.fsPath, 'utf8')) as ReportModel;
    assert.deepEqual(model.meta.systems.map((s) => [s.name, s.kind]), [[baseName, 'base-model'], ['bike shop', 'custom-model']]);
    assert.equal(model.meta.testDataset?.name, 'calls');
    for (const n of [1, 2] as const) {
      const reported = evaluationMetrics(evaluation, n).wordErrorRate!;
      assert.ok(Math.abs(model.systems[n - 1]!.wer - reported) < 1e-4, `model ${n}: ${model.systems[n - 1]!.wer} in the report, ${reported} from the service`);
    }
    assert.equal(model.utterances.length, calls.length);
    const exported = vscode.Uri.file(path.join(work, 'report.html'));
    await vscode.commands.executeCommand('customSpeech.exportReport', 'html', exported);
    assert.match(fs.readFileSync(exported.fsPath, 'utf8'), /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-/);

    // The calls are outside the workspace: the audio comes from the test dataset's zip on the engine.
    const audio = await api.reports.audioOf(key!, model.utterances[0]!.id);
    assert.equal(fs.readFileSync(audio.fsPath).subarray(0, 4).toString('latin1'), 'RIFF');
    assert.equal(path.basename(audio.fsPath), model.utterances[0]!.audio);
    panel.dispose();
    assert.equal(api.reports.panels.size, 0);
  });

  it('deploys the model and transcribes a workspace file with the endpoint', async () => {
    const model = await nodeAt(api, 'Local engine', 'No project', 'Models', 'Custom', 'bike shop');
    answer({ text: 'bike shop endpoint' });
    const endpoint = (await vscode.commands.executeCommand('customSpeech.deployModel', model)) as Endpoint;
    const client = await api.connections.client();
    assert.equal((await settle(() => client.endpoints.get(idOf(endpoint.self)))).status, 'Succeeded');
    api.workflow.tree.refresh();
    const node = await nodeAt(api, 'Local engine', 'No project', 'Endpoints', 'bike shop endpoint');
    const document = (await vscode.commands.executeCommand('customSpeech.transcribeFile', vscode.Uri.file(path.join(work, 'calls', 'call-0.wav')), node)) as vscode.TextDocument;
    assert.match(document.getText(), /\w+ \w+ \w+/, 'the endpoint decoded words');
  });

  it('shows an import that fails with its reason', async () => {
    const dataset = (await vscode.commands.executeCommand('customSpeech.uploadDataset', vscode.Uri.file(path.join(work, 'broken.zip')), { kind: 'Acoustic', displayName: 'broken', locale: 'en-US' })) as Dataset;
    assert.equal(dataset.status, 'Failed');
    api.workflow.tree.refresh();
    const node = await nodeAt(api, 'Local engine', 'No project', 'Datasets', 'broken');
    const item = itemOf(api, node);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
    assert.match((item.tooltip as vscode.MarkdownString).value, /zip/i);
  });

  it('deletes after confirmation, and the tree no longer lists it', async () => {
    const dataset = await nodeAt(api, 'Local engine', 'No project', 'Datasets', 'broken');
    assert.equal(await vscode.commands.executeCommand('customSpeech.deleteEntity', dataset, { confirmed: true }), true);
    api.workflow.tree.refresh();
    const names = (await children(api, await nodeAt(api, 'Local engine', 'No project', 'Datasets'))).map((n) => String(itemOf(api, n).label));
    assert.ok(!names.includes('broken'), names.join(', '));
  });
});
