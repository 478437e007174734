import * as vscode from 'vscode';
import type { SpeechClient } from '../../core/api/client';
import { collect } from '../../core/api/collection';
import { SpeechApiError } from '../../core/api/errors';
import type { CustomModel, Endpoint } from '../../core/api/schemas';
import { BACK, type Prompter } from '../prompts/prompter';
import type { EntityNode } from '../tree/tree-nodes';

const COLLECTIONS = { project: 'projects', dataset: 'datasets', customModel: 'models', evaluation: 'evaluations', endpoint: 'endpoints' } as const;
const NOUNS: Record<EntityNode['type'], string> = { project: 'project', dataset: 'dataset', baseModel: 'base model', customModel: 'model', evaluation: 'evaluation', endpoint: 'endpoint' };

type EditableNode = Exclude<EntityNode, { type: 'baseModel' }>;

function collectionOf(node: EditableNode) {
  return COLLECTIONS[node.type];
}

/** Asks for a new name and description and saves them. Returns false when cancelled. */
export async function renameEntity(client: SpeechClient, prompter: Prompter, node: EditableNode): Promise<boolean> {
  const name = await prompter.input({ title: `Rename ${NOUNS[node.type]}`, prompt: 'Name', value: node.entity.displayName, step: 1, totalSteps: 2, validate: (v) => (v.trim() ? undefined : 'A name cannot be empty.') });
  if (name === BACK || name === undefined) return false;
  const description = await prompter.input({ title: `Describe ${NOUNS[node.type]}`, prompt: 'Description (optional)', value: node.entity.description ?? '', step: 2, totalSteps: 2 });
  if (description === BACK || description === undefined) return false;
  await client[collectionOf(node)].update(node.id, { displayName: name.trim(), description: description.trim() });
  return true;
}

/** Deletes after a modal confirmation; an entity still in use gets a message saying what uses it. */
export async function deleteEntity(client: SpeechClient, node: EditableNode, confirm: (message: string) => Thenable<boolean> = modalConfirm): Promise<boolean> {
  const noun = NOUNS[node.type];
  if (!(await confirm(`Delete the ${noun} '${node.entity.displayName}'? This cannot be undone.`))) return false;
  try {
    await client[collectionOf(node)].delete(node.id);
    return true;
  } catch (error) {
    if (error instanceof SpeechApiError && (error.innerCode === 'InUseViolation' || error.innerCode === 'DeleteNotAllowed' || error.status === 409)) {
      throw new Error(`The ${noun} '${node.entity.displayName}' is in use and cannot be deleted: ${error.serviceMessage} Delete what uses it first (a model trained with a dataset, an endpoint deploying a model, a running evaluation).`);
    }
    throw error;
  }
}

async function modalConfirm(message: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(message, { modal: true }, 'Delete')) === 'Delete';
}

/** Deploys a model to a new endpoint. */
export async function deployModel(client: SpeechClient, prompter: Prompter, model: { self: string; displayName: string; locale: string }, projectId?: string): Promise<Endpoint | undefined> {
  const name = await prompter.input({ title: `Deploy ${model.displayName}`, prompt: 'Name of the endpoint', value: `${model.displayName} endpoint`, step: 1, totalSteps: 1, validate: (v) => (v.trim() ? undefined : 'An endpoint needs a name.') });
  if (name === BACK || name === undefined) return undefined;
  return client.endpoints.create({ displayName: name.trim(), locale: model.locale, model: { self: model.self }, ...(projectId ? { project: client.reference('projects', projectId) } : {}) });
}

/** Creates a project. */
export async function createProject(client: SpeechClient, prompter: Prompter): Promise<string | undefined> {
  const name = await prompter.input({ title: 'Create project', prompt: 'Name of the project', step: 1, totalSteps: 2, validate: (v) => (v.trim() ? undefined : 'A project needs a name.') });
  if (name === BACK || name === undefined) return undefined;
  const locale = await prompter.input({ title: 'Create project', prompt: 'Locale', value: 'en-US', step: 2, totalSteps: 2, validate: (v) => (/^[a-z]{2,3}-[A-Z]{2}$/.test(v.trim()) ? undefined : 'A locale looks like en-US.') });
  if (locale === BACK || locale === undefined) return undefined;
  const project = await client.projects.create({ displayName: name.trim(), locale: locale.trim() });
  return project.displayName;
}

/** Transcribes one audio file with a model or endpoint, and opens the text in an editor. */
export async function transcribeFile(client: SpeechClient, prompter: Prompter, file: vscode.Uri, preset?: { self: string; displayName: string }): Promise<vscode.TextDocument | undefined> {
  let target = preset;
  if (!target) {
    const items = [
      ...(await collect(client.endpoints.list({ filter: "status eq 'Succeeded'" }))).map((endpoint) => ({ label: endpoint.displayName, description: 'endpoint', value: { self: endpoint.self, displayName: endpoint.displayName } })),
      ...(await collect(client.models.list({ filter: "status eq 'Succeeded'" }))).map((model: CustomModel) => ({ label: model.displayName, description: 'custom model', value: { self: model.self, displayName: model.displayName } })),
      ...(await collect(client.baseModels.list())).map((model) => ({ label: model.displayName, description: 'base model', value: { self: model.self, displayName: model.displayName } })),
    ];
    const picked = await prompter.pick({ title: `Transcribe ${vscode.workspace.asRelativePath(file)}`, placeholder: 'With which model or endpoint?', items, step: 1, totalSteps: 1 });
    if (picked === BACK || picked === undefined) return undefined;
    target = picked;
  }
  const bytes = await vscode.workspace.fs.readFile(file);
  const result = await client.transcribe(new Blob([bytes as Uint8Array<ArrayBuffer>]), file.path.split('/').pop() ?? 'audio.wav', { locales: ['en-US'], models: { 'en-US': target.self } });
  const text = result.combinedPhrases?.map((phrase) => phrase.text).join('\n') ?? result.phrases?.map((phrase) => phrase.text).join(' ') ?? '';
  const document = await vscode.workspace.openTextDocument({ content: `${text}\n`, language: 'plaintext' });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
