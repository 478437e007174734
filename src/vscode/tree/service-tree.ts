import * as vscode from 'vscode';
import type { SpeechClient } from '../../core/api/client';
import { describeConnection, type Connection } from '../../core/connections/connection';
import { listPages, type ListOptions } from '../../core/api/collection';
import { parseEntityUri } from '../../core/api/ids';
import { baseModelSchema, customModelSchema, datasetSchema, endpointSchema, evaluationSchema, projectSchema, type EntityStatus, type Page } from '../../core/api/schemas';
import { StatusWatcher } from '../../core/status/status-watcher';
import { entityKey, entityNode, treeItemOf, type EntityNode, type FileNode, type GroupKind, type TreeNode } from './tree-nodes';

/** What the tree needs of the connections (the ConnectionManager): the active one's client, and word when it changes. */
export interface ServiceSource {
  readonly onDidChangeConnection: vscode.Event<unknown>;
  readonly active: Connection;
  /** False after the user disconnected: the tree shows its "not connected" welcome. */
  readonly connected: boolean;
  client(): Promise<SpeechClient>;
}

/** A settled entity, for the next-step notification. */
export type SettledEvent = Exclude<EntityNode, { type: 'project' | 'baseModel' }>;

interface ListState {
  items: TreeNode[];
  /** Where the next page starts; undefined when everything is loaded. */
  nextSkip?: number;
}

const PAGE_SIZE = 100;

const LISTS: Record<Exclude<GroupKind, 'models'>, { path: string; schema: typeof datasetSchema | typeof customModelSchema | typeof baseModelSchema | typeof evaluationSchema | typeof endpointSchema; type: EntityNode['type'] }> = {
  datasets: { path: 'datasets', schema: datasetSchema, type: 'dataset' },
  baseModels: { path: 'models/base', schema: baseModelSchema, type: 'baseModel' },
  customModels: { path: 'models', schema: customModelSchema, type: 'customModel' },
  evaluations: { path: 'evaluations', schema: evaluationSchema, type: 'evaluation' },
  endpoints: { path: 'endpoints', schema: endpointSchema, type: 'endpoint' },
};

const WATCHED_COLLECTIONS = { dataset: 'datasets', customModel: 'models', evaluation: 'evaluations', endpoint: 'endpoints' } as const;

/**
 * The service tree: connection → projects (and "No project") → Datasets, Models (Base, Custom),
 * Evaluations, Endpoints → entities → their files and the entities they refer to. Lists load a page
 * at a time ("Load more…"); running entities are polled and update themselves.
 */
export class ServiceTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly settled = new vscode.EventEmitter<SettledEvent>();
  /** An entity finished running (Succeeded or Failed). */
  readonly onDidSettle = this.settled.event;
  private lists = new Map<TreeNode, ListState>();
  private readonly parents = new WeakMap<TreeNode, TreeNode>();
  /** The nodes showing each watched entity, to update them in place. */
  private readonly shown = new Map<string, Set<EntityNode>>();
  /** Entities commands created, by key, until they settle (see follow). */
  private readonly followed = new Map<string, EntityNode>();
  private readonly watcher: StatusWatcher<{ status?: EntityStatus; lastActionDateTime?: string }>;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly source: ServiceSource,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.watcher = new StatusWatcher(
      {
        onChange: (key, entity) => this.updateShown(key, entity),
        onSettled: (key, entity) => {
          const node = [...(this.shown.get(key) ?? [])][0] ?? this.followed.get(key); // shown ones are updated in place by onChange
          this.followed.delete(key);
          if (node && node.type !== 'project' && node.type !== 'baseModel') this.settled.fire({ ...node, entity } as SettledEvent);
        },
        onGaveUp: (key, error) => this.log.warn(`Stopped watching ${key}: ${error instanceof Error ? error.message : String(error)}`),
      },
      { initialDelayMs: 1500, maxDelayMs: 30_000 },
    );
    this.subscriptions.push(this.changed, this.settled, source.onDidChangeConnection(() => this.refresh()));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return treeItemOf(node);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    try {
      const children = await this.childrenOf(node);
      for (const child of children) this.parents.set(child, node as TreeNode);
      return children;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`Could not list ${node ? node.type : 'the connection'}: ${message}`);
      if (!node) {
        await vscode.commands.executeCommand('setContext', 'customSpeech.connectionState', 'failed');
        return [];
      }
      return [{ type: 'message', text: 'Could not load: see the log', icon: 'error', tooltip: message }];
    }
  }

  /** Forgets what was loaded and reloads the whole tree. */
  refresh(): void {
    this.lists = new Map();
    this.shown.clear();
    this.changed.fire(undefined);
  }

  /** Reloads one node's children (after a create or delete under it). */
  refreshNode(node: TreeNode): void {
    this.lists.delete(node);
    this.changed.fire(node);
  }

  /** The node the tree shows for `entity` (a copy, e.g. a settled event, maps back to it), if any. */
  shownNode(entity: EntityNode): EntityNode | undefined {
    return [...(this.shown.get(entityKey(entity)) ?? [])][0];
  }

  /**
   * Watches an entity a command just created until it finishes, whether or not its list is open in
   * the tree (a refresh does not forget it), so its completion notification comes.
   */
  follow(node: EntityNode): void {
    this.followed.set(entityKey(node), node);
    this.track(node);
  }

  /** Loads the next page of the list a "Load more…" node ends. */
  async loadMore(more: Extract<TreeNode, { type: 'more' }>): Promise<void> {
    const state = this.lists.get(more.parent);
    if (!state || state.nextSkip === undefined) return;
    const next = await this.loadPage(more.parent, state.nextSkip);
    state.items = [...state.items.filter((item) => item.type !== 'more'), ...next.items];
    state.nextSkip = next.nextSkip;
    this.changed.fire(more.parent);
  }

  dispose(): void {
    this.watcher.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private async childrenOf(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      if (!this.source.connected) {
        await vscode.commands.executeCommand('setContext', 'customSpeech.connectionState', 'disconnected');
        return [];
      }
      await this.source.client(); // fails here, with a welcome view, when the connection does not work
      await vscode.commands.executeCommand('setContext', 'customSpeech.connectionState', 'connected');
      return [{ type: 'connection', label: this.source.active.label, detail: describeConnection(this.source.active), local: this.source.active.kind === 'local' }];
    }
    switch (node.type) {
      case 'connection':
      case 'group':
        return this.listChildren(node);
      case 'project':
      case 'unfiled': {
        const projectId = node.type === 'project' ? node.id : undefined;
        return (['datasets', 'models', 'evaluations', 'endpoints'] as const).map((group) => ({ type: 'group', group, projectId }));
      }
      case 'dataset':
        return this.files(node, 'datasets');
      case 'customModel':
        return [...(await this.references(node.entity.baseModel ? [node.entity.baseModel] : [], 'baseModel')), ...(await this.references(node.entity.datasets ?? [], 'dataset')), ...(await this.files(node, 'models'))];
      case 'evaluation': {
        const models = [node.entity.model1, node.entity.model2].filter((m): m is { self: string } => !!m);
        return [...(await this.modelReferences(models)), ...(await this.references(node.entity.dataset ? [node.entity.dataset] : [], 'dataset')), ...(await this.files(node, 'evaluations'))];
      }
      case 'endpoint':
        return this.modelReferences(node.entity.model ? [node.entity.model] : []);
      default:
        return [];
    }
  }

  private async listChildren(node: Extract<TreeNode, { type: 'connection' | 'group' }>): Promise<TreeNode[]> {
    if (node.type === 'group' && node.group === 'models') {
      return [
        { type: 'group', group: 'baseModels', projectId: node.projectId },
        { type: 'group', group: 'customModels', projectId: node.projectId },
      ];
    }
    let state = this.lists.get(node);
    if (!state) {
      state = await this.loadPage(node, 0);
      this.lists.set(node, state);
    }
    const children = [...state.items];
    if (node.type === 'connection') children.push({ type: 'unfiled' });
    if (state.nextSkip !== undefined) children.push({ type: 'more', parent: node, loaded: state.items.length });
    if (children.length === 0) children.push({ type: 'message', text: 'None yet', icon: 'info' });
    return children;
  }

  private async loadPage(node: TreeNode, skip: number): Promise<ListState> {
    const client = await this.source.client();
    const options: ListOptions = { skip, top: PAGE_SIZE };
    if (node.type === 'connection') {
      const page = await firstPage(listPages(client.transport, '/projects', projectSchema, options));
      return { items: page.values.map((project) => entityNode('project', project)), nextSkip: nextSkip(page, skip) };
    }
    if (node.type !== 'group' || node.group === 'models') return { items: [] };
    const list = LISTS[node.group];
    // Base models belong to no project; the other lists are the project's, or all filtered to those in none.
    const path = node.group === 'baseModels' || node.projectId === undefined ? `/${list.path}` : `/projects/${encodeURIComponent(node.projectId)}/${list.path}`;
    const page = await firstPage(listPages(client.transport, path, list.schema, options));
    const values = node.group !== 'baseModels' && node.projectId === undefined ? page.values.filter((entity) => !(entity as { project?: unknown }).project) : page.values;
    const items = values.map((entity) => this.track(entityNode(list.type, entity as never)));
    return { items, nextSkip: nextSkip(page, skip) };
  }

  /** Registers a shown entity for in-place updates, and watches it while it runs. */
  private track(node: EntityNode): EntityNode {
    const key = entityKey(node);
    let nodes = this.shown.get(key);
    if (!nodes) this.shown.set(key, (nodes = new Set()));
    nodes.add(node);
    const collection = WATCHED_COLLECTIONS[node.type as keyof typeof WATCHED_COLLECTIONS];
    const status = (node.entity as { status?: EntityStatus }).status;
    if (collection && status) {
      this.watcher.watch(
        {
          key,
          poll: async (signal) => {
            const client = await this.source.client();
            return client[collection].poll(node.id, signal);
          },
        },
        node.entity as { status?: EntityStatus },
      );
    }
    return node;
  }

  private updateShown(key: string, entity: object): void {
    for (const node of this.shown.get(key) ?? []) {
      (node as { entity: object }).entity = entity;
      this.changed.fire(node);
    }
  }

  private async files(node: EntityNode, collection: FileNode['owner']['collection']): Promise<TreeNode[]> {
    const client = await this.source.client();
    const files: TreeNode[] = [];
    for await (const file of client[collection].files(node.id)) {
      files.push({ type: 'file', owner: { collection, id: node.id }, entity: file });
      if (files.length >= 200) break;
    }
    return files;
  }

  private async references(refs: { self: string }[], type: 'dataset' | 'baseModel'): Promise<TreeNode[]> {
    const client = await this.source.client();
    return Promise.all(
      refs.map(async (ref) => {
        const id = parseEntityUri(ref.self)?.id;
        if (!id) return { type: 'message', text: `Unreadable reference ${ref.self}`, icon: 'warning' } as TreeNode;
        try {
          return type === 'dataset' ? this.track(entityNode('dataset', await client.datasets.get(id))) : entityNode('baseModel', await client.baseModels.get(id));
        } catch {
          return { type: 'message', text: `${type === 'dataset' ? 'Dataset' : 'Base model'} ${id} (deleted)`, icon: 'circle-slash' } as TreeNode;
        }
      }),
    );
  }

  /** Model references: base or custom, by their path. */
  private async modelReferences(refs: { self: string }[]): Promise<TreeNode[]> {
    const client = await this.source.client();
    return Promise.all(
      refs.map(async (ref) => {
        const parsed = parseEntityUri(ref.self);
        try {
          if (parsed?.collection === 'models/base') return entityNode('baseModel', await client.baseModels.get(parsed.id));
          if (parsed?.collection === 'models') return this.track(entityNode('customModel', await client.models.get(parsed.id)));
        } catch {
          return { type: 'message', text: `Model ${parsed?.id} (deleted)`, icon: 'circle-slash' } as TreeNode;
        }
        return { type: 'message', text: `Unreadable reference ${ref.self}`, icon: 'warning' } as TreeNode;
      }),
    );
  }
}

async function firstPage<T>(pages: AsyncGenerator<Page<T>>): Promise<Page<T>> {
  const first = await pages.next();
  await pages.return(undefined);
  return first.done ? { values: [] } : first.value;
}

function nextSkip(page: Page<unknown>, skip: number): number | undefined {
  return page['@nextLink'] && page.values.length > 0 ? skip + page.values.length : undefined;
}
