import * as vscode from 'vscode';
import type { BaseModel, CustomModel, Dataset, Endpoint, Evaluation, Project, SpeechFile } from '../../core/api/schemas';
import { parseEntityUri } from '../../core/api/ids';
import {
  summarizeBaseModel,
  summarizeCustomModel,
  summarizeDataset,
  summarizeEndpoint,
  summarizeEvaluation,
  summarizeFile,
  summarizeProject,
  type EntitySummary,
  type IconState,
} from '../../core/present/entity-summary';

/** The lists under a project (or under "No project"). */
export type GroupKind = 'datasets' | 'models' | 'baseModels' | 'customModels' | 'evaluations' | 'endpoints';

export type EntityNode =
  | { type: 'project'; entity: Project; id: string }
  | { type: 'dataset'; entity: Dataset; id: string }
  | { type: 'baseModel'; entity: BaseModel; id: string }
  | { type: 'customModel'; entity: CustomModel; id: string }
  | { type: 'evaluation'; entity: Evaluation; id: string }
  | { type: 'endpoint'; entity: Endpoint; id: string };

/** Where files hang: the collection and id of their entity. */
export interface FileNode {
  type: 'file';
  owner: { collection: 'datasets' | 'models' | 'evaluations'; id: string };
  entity: SpeechFile;
}

export type TreeNode =
  | { type: 'connection'; label: string; detail: string; local: boolean }
  /** A project, or (projectId undefined) the entities filed under none. */
  | { type: 'unfiled' }
  | { type: 'group'; group: GroupKind; projectId: string | undefined }
  /** The next page of a list. */
  | { type: 'more'; parent: TreeNode; loaded: number }
  | { type: 'message'; text: string; icon: string; tooltip?: string }
  | EntityNode
  | FileNode;

const GROUP_LABELS: Record<GroupKind, { label: string; icon: string }> = {
  datasets: { label: 'Datasets', icon: 'database' },
  models: { label: 'Models', icon: 'symbol-namespace' },
  baseModels: { label: 'Base', icon: 'library' },
  customModels: { label: 'Custom', icon: 'beaker' },
  evaluations: { label: 'Evaluations', icon: 'graph' },
  endpoints: { label: 'Endpoints', icon: 'cloud' },
};

const KIND_ICONS: Record<EntityNode['type'] | 'file', string> = {
  project: 'project',
  dataset: 'database',
  baseModel: 'library',
  customModel: 'beaker',
  evaluation: 'graph',
  endpoint: 'cloud',
  file: 'file',
};

/** The entity's id when the node is one, to tell nodes apart across refreshes. */
export function entityKey(node: EntityNode): string {
  return `${node.type}/${node.id}`;
}

export function entityNode<T extends EntityNode['type']>(type: T, entity: Extract<EntityNode, { type: T }>['entity']): Extract<EntityNode, { type: T }> {
  return { type, entity, id: parseEntityUri(entity.self)?.id ?? entity.self } as Extract<EntityNode, { type: T }>;
}

export function summaryOf(node: EntityNode | FileNode, now = Date.now()): EntitySummary {
  switch (node.type) {
    case 'project':
      return summarizeProject(node.entity, now);
    case 'dataset':
      return summarizeDataset(node.entity, now);
    case 'baseModel':
      return summarizeBaseModel(node.entity, now);
    case 'customModel':
      return summarizeCustomModel(node.entity, now);
    case 'evaluation':
      return summarizeEvaluation(node.entity, now);
    case 'endpoint':
      return summarizeEndpoint(node.entity, now);
    case 'file':
      return summarizeFile(node.entity);
  }
}

function iconOf(state: IconState, kind: string): vscode.ThemeIcon {
  switch (state) {
    case 'running':
      return new vscode.ThemeIcon('loading~spin');
    case 'not-started':
      return new vscode.ThemeIcon('clock');
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    case 'expiring':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    default:
      return new vscode.ThemeIcon(kind);
  }
}

/** The TreeItem of a node. Entities expand when they have children worth showing. */
export function treeItemOf(node: TreeNode): vscode.TreeItem {
  switch (node.type) {
    case 'connection': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon(node.local ? 'server' : 'azure');
      item.tooltip = node.detail;
      item.contextValue = 'connection';
      return item;
    }
    case 'unfiled': {
      const item = new vscode.TreeItem('No project', vscode.TreeItemCollapsibleState.Collapsed);
      item.iconPath = new vscode.ThemeIcon('folder');
      item.tooltip = 'Datasets, models, evaluations and endpoints filed under no project';
      item.contextValue = 'unfiled';
      return item;
    }
    case 'group': {
      const { label, icon } = GROUP_LABELS[node.group];
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
      item.iconPath = new vscode.ThemeIcon(icon);
      item.contextValue = `group ${node.group}`;
      item.id = `group/${node.projectId ?? 'unfiled'}/${node.group}`;
      return item;
    }
    case 'more': {
      const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.description = `${node.loaded} shown`;
      item.command = { command: 'customSpeech.loadMore', title: 'Load more', arguments: [node] };
      item.contextValue = 'more';
      return item;
    }
    case 'message': {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.tooltip = node.tooltip;
      item.contextValue = 'message';
      return item;
    }
    default: {
      const summary = summaryOf(node);
      const expandable = node.type !== 'baseModel';
      const item = new vscode.TreeItem(summary.label, expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.description = summary.description;
      const tooltip = new vscode.MarkdownString(summary.tooltip, true);
      tooltip.isTrusted = false;
      tooltip.supportHtml = false;
      item.tooltip = tooltip;
      item.iconPath = iconOf(summary.icon, KIND_ICONS[node.type]);
      item.contextValue = summary.context.join(' ');
      // No id: the same dataset shows under its project and under the models trained with it.
      return item;
    }
  }
}
