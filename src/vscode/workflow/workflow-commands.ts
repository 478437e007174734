import * as vscode from 'vscode';
import type { SpeechClient } from '../../core/api/client';
import type { CustomModel, Endpoint, Evaluation } from '../../core/api/schemas';
import type { ConnectionManager } from '../connections/connection-manager';
import { WindowPrompter, type Prompter } from '../prompts/prompter';
import type { ServiceTree, SettledEvent } from '../tree/service-tree';
import { entityNode, type EntityNode, type TreeNode } from '../tree/tree-nodes';
import type { WorkspaceNode, WorkspaceTree } from '../tree/workspace-tree';
import { createProject, deleteEntity, deployModel, renameEntity, transcribeFile } from './entity-actions';
import { nextStepOf } from './next-step';
import { testModelWizard } from './test-model';
import { trainModelWizard } from './train-model';
import { uploadDatasetCommand, type UploadCommandOptions } from './upload-dataset';

/** The workflow's views and the prompter its commands ask with (tests swap in a scripted one). */
export class Workflow implements vscode.Disposable {
  prompter: Prompter = new WindowPrompter();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The finishes already notified (entity, status, time of its last change). */
  private readonly notified = new Set<string>();

  constructor(
    readonly connections: ConnectionManager,
    readonly tree: ServiceTree,
    readonly treeView: vscode.TreeView<TreeNode>,
    readonly workspaceTree: WorkspaceTree,
  ) {
    this.subscriptions.push(tree.onDidSettle((event) => void this.notify(event)));
  }

  client(): Promise<SpeechClient> {
    return this.connections.client();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /**
   * A notification when something finishes, offering the next step on the same entity; once per
   * finish (an upload says so itself, and the tree's watcher may have seen the same import end).
   */
  async notify(event: SettledEvent): Promise<void> {
    const finish = `${event.entity.self}|${event.entity.status}|${event.entity.lastActionDateTime ?? ''}`;
    if (this.notified.has(finish)) return;
    this.notified.add(finish);
    const step = nextStepOf(event);
    const show = step.severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
    const choice = await show(step.message, ...step.actions.map((action) => action.title));
    const action = step.actions.find((candidate) => candidate.title === choice);
    if (action) await vscode.commands.executeCommand(action.command, event);
  }
}

type Handler = (...args: any[]) => unknown;

/** The node the tree shows for `node`: a notification hands commands a copy of it. */
function inTree(node: TreeNode | undefined, workflow: Workflow): TreeNode | undefined {
  return isEntity(node, 'project', 'dataset', 'baseModel', 'customModel', 'evaluation', 'endpoint') ? (workflow.tree.shownNode(node) ?? node) : node;
}

/** The project an item lives under, for creating things next to it. */
function projectOf(node: TreeNode | undefined, workflow: Workflow): string | undefined {
  for (let at = inTree(node, workflow); at; at = workflow.tree.getParent(at)) {
    if (at.type === 'project') return at.id;
    if (at.type === 'group') return at.projectId;
  }
  return undefined;
}

function isEntity(node: unknown, ...types: EntityNode['type'][]): node is EntityNode {
  return typeof node === 'object' && node !== null && types.includes((node as EntityNode).type) && 'entity' in node;
}

async function pickWorkspaceSource(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectFolders: true, canSelectMany: false, openLabel: 'Upload', title: 'Upload a dataset: a text file, a zip, or a folder of WAV files' });
  return picked?.[0];
}

/** The workflow's commands, for the one command table (commands.ts). */
export function workflowCommands(workflow: Workflow): Record<string, Handler> {
  const refreshAfter = <T>(result: T) => {
    if (result) workflow.tree.refresh();
    return result;
  };
  /** A created job: the tree reloads and watches it, open or not, for its completion notification. */
  const followAfter = <T extends CustomModel | Evaluation | Endpoint | undefined>(type: 'customModel' | 'evaluation' | 'endpoint', result: T) => {
    if (result) workflow.tree.follow(entityNode(type, result as never));
    return refreshAfter(result);
  };
  return {
    'customSpeech.refresh': () => {
      workflow.tree.refresh();
      workflow.workspaceTree.refresh();
    },
    'customSpeech.loadMore': (node: Extract<TreeNode, { type: 'more' }>) => workflow.tree.loadMore(node),
    'customSpeech.createProject': async () => refreshAfter(await createProject(await workflow.client(), workflow.prompter)),
    'customSpeech.uploadDataset': async (target?: vscode.Uri | WorkspaceNode | TreeNode, options?: UploadCommandOptions) => {
      let source: vscode.Uri | undefined;
      let preset = options ?? {};
      if (target instanceof vscode.Uri) source = target;
      else if (target && target.type === 'dataset' && 'uri' in target) {
        source = target.uri;
        preset = { kind: target.dataset.kind, displayName: target.dataset.displayName ?? target.key, locale: target.dataset.locale ?? target.loaded.manifest.locale, ...preset };
      }
      source ??= await pickWorkspaceSource();
      if (!source) return undefined;
      const dataset = refreshAfter(await uploadDatasetCommand(await workflow.client(), workflow.prompter, source, { projectId: projectOf(target as TreeNode, workflow), ...preset }));
      // The upload waited for the import: say it is done and offer the next step, as for any job.
      if (dataset?.status === 'Succeeded') void workflow.notify(entityNode('dataset', dataset));
      return dataset;
    },
    'customSpeech.trainModel': async (node?: TreeNode | SettledEvent) => {
      const datasetIds = isEntity(node, 'dataset') ? [node.id] : undefined;
      return followAfter('customModel', await trainModelWizard(await workflow.client(), workflow.prompter, { projectId: projectOf(node as TreeNode, workflow), datasetIds }));
    },
    'customSpeech.testModel': async (node?: TreeNode | SettledEvent) => {
      const modelId = isEntity(node, 'customModel', 'baseModel') ? node.id : undefined;
      return followAfter('evaluation', await testModelWizard(await workflow.client(), workflow.prompter, { modelId, projectId: projectOf(node as TreeNode, workflow) }));
    },
    'customSpeech.deployModel': async (node?: TreeNode | SettledEvent) => {
      if (!isEntity(node, 'customModel', 'baseModel')) throw new Error('Choose a model to deploy in the Custom Speech view (right-click, Deploy).');
      return followAfter('endpoint', await deployModel(await workflow.client(), workflow.prompter, node.entity, projectOf(node as TreeNode, workflow)));
    },
    // From the Explorer (a file), the tree (a model or endpoint), a notification, or both (tests, other commands).
    'customSpeech.transcribeFile': async (target?: vscode.Uri | TreeNode | SettledEvent, using?: TreeNode) => {
      const model = isEntity(target, 'customModel', 'baseModel', 'endpoint') ? target : isEntity(using, 'customModel', 'baseModel', 'endpoint') ? using : undefined;
      const preset = model?.entity;
      const file = target instanceof vscode.Uri ? target : (await vscode.window.showOpenDialog({ canSelectFiles: true, filters: { 'WAV audio': ['wav'] }, openLabel: 'Transcribe' }))?.[0];
      if (!file) return undefined;
      return transcribeFile(await workflow.client(), workflow.prompter, file, preset);
    },
    'customSpeech.renameEntity': async (node: TreeNode) => {
      if (!isEntity(node, 'project', 'dataset', 'customModel', 'evaluation', 'endpoint')) return false;
      return refreshAfter(await renameEntity(await workflow.client(), workflow.prompter, node as Exclude<EntityNode, { type: 'baseModel' }>));
    },
    'customSpeech.deleteEntity': async (node: TreeNode, options?: { confirmed?: boolean }) => {
      if (!isEntity(node, 'project', 'dataset', 'customModel', 'evaluation', 'endpoint')) return false;
      const confirm = options?.confirmed ? async () => true : undefined;
      return refreshAfter(await deleteEntity(await workflow.client(), node as Exclude<EntityNode, { type: 'baseModel' }>, confirm));
    },
    'customSpeech.copyId': async (node: TreeNode) => {
      if (!isEntity(node, 'project', 'dataset', 'baseModel', 'customModel', 'evaluation', 'endpoint')) return undefined;
      await vscode.env.clipboard.writeText(node.id);
      vscode.window.setStatusBarMessage(`Copied ${node.id}`, 3000);
      return node.id;
    },
    'customSpeech.showValidationReport': async (node: TreeNode | SettledEvent) => {
      if (!isEntity(node, 'dataset')) throw new Error('Choose a dataset in the Custom Speech view.');
      const client = await workflow.client();
      for await (const file of client.datasets.files(node.id)) {
        if (file.kind !== 'DatasetReport' || !file.links?.contentUrl) continue;
        const text = await client.downloadText(file.links.contentUrl);
        let content = text;
        try {
          content = JSON.stringify(JSON.parse(text), null, 2);
        } catch {
          // shown as it came
        }
        const document = await vscode.workspace.openTextDocument({ content, language: 'json' });
        await vscode.window.showTextDocument(document, { preview: false });
        return document;
      }
      throw new Error(`The dataset '${node.entity.displayName}' has no validation report yet (its import is ${node.entity.status}).`);
    },
    'customSpeech.revealInTree': async (node: TreeNode | SettledEvent) => {
      await vscode.commands.executeCommand('customSpeech.service.focus');
      const shown = inTree(node as TreeNode, workflow);
      if (shown) await workflow.treeView.reveal(shown, { select: true, focus: true, expand: true }).then(undefined, () => undefined);
    },
  };
}
