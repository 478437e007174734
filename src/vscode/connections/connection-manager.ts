import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { SpeechClient } from '../../core/api/client';
import { apiRootOf } from '../../core/api/service-target';
import type { RequestLogEntry } from '../../core/api/transport';
import { checkConnection } from '../../core/connections/check-connection';
import { azureTargetOf, defaultLabelOf, describeConnection, LOCAL_CONNECTION_ID, uniqueLabel, type AzureConnection, type Connection } from '../../core/connections/connection';
import { secretNameOf, type ConnectionStore } from './connection-store';
import type { LocalEngine } from './local-engine';

/** A new Azure connection as the user (or a test) describes it. */
export interface NewAzureConnection {
  location: { region: string } | { endpoint: string };
  key: string;
  label?: string;
}

interface CachedClient {
  connectionId: string;
  apiRoot: string;
  key: string;
  client: SpeechClient;
}

/**
 * The active connection and its SpeechClient: built when first asked for, kept, and rebuilt when the
 * connection changes (switch, new key, the local engine on a new port). Every request it sends is
 * logged (method, path, status, time — never the key or the query).
 */
export class ConnectionManager implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Connection>();
  /** Fires with the new active connection after a switch (also when the active one is removed). */
  readonly onDidChangeConnection = this.changed.event;
  private cached: CachedClient | undefined;
  private readonly secretsListener: vscode.Disposable;

  constructor(
    private readonly store: ConnectionStore,
    readonly engine: LocalEngine,
    private readonly log: vscode.LogOutputChannel,
    secrets: vscode.SecretStorage,
  ) {
    // Another window may replace or delete the key: do not keep using the old one.
    this.secretsListener = secrets.onDidChange((event) => {
      if (this.cached && event.key === secretNameOf(this.cached.connectionId)) this.forgetClient();
    });
  }

  get active(): Connection {
    return this.store.active();
  }

  all(): Connection[] {
    return this.store.all();
  }

  /** False after `disconnect()`, until a connection is chosen again. */
  get connected(): boolean {
    return !this.store.isDisconnected();
  }

  /** The active connection's client; starts the local engine when that is the active one. */
  async client(): Promise<SpeechClient> {
    if (!this.connected) throw new NotConnectedError();
    const connection = this.active;
    const { apiRoot, key } = await this.endpointOf(connection);
    // Switched while we waited (e.g. for the engine to start): serve the connection now active.
    if (this.active.id !== connection.id) return this.client();
    const cached = this.cached;
    if (cached && cached.connectionId === connection.id && cached.apiRoot === apiRoot && cached.key === key) return cached.client;
    const client = this.createClient(connection.label, apiRoot, key);
    this.forgetClient();
    this.cached = { connectionId: connection.id, apiRoot, key, client };
    return client;
  }

  async switchTo(id: string): Promise<Connection> {
    if (id === this.active.id && this.connected) return this.active;
    await this.store.setActive(id);
    this.forgetClient();
    this.log.info(`Connection: ${this.active.label} (${describeConnection(this.active)}).`);
    this.changed.fire(this.active);
    return this.active;
  }

  /**
   * Stops using the active connection: no request is sent until the user connects again, and the
   * local engine stops when it was the one in use. Its data stays where it is.
   */
  async disconnect(): Promise<void> {
    if (!this.connected) return;
    const connection = this.active;
    await this.store.setDisconnected();
    this.forgetClient();
    if (connection.kind === 'local') await this.engine.stop();
    this.log.info(`Disconnected from ${connection.label}.`);
    this.changed.fire(connection);
  }

  /**
   * Checks that `candidate` answers and accepts `key`, with one cheap request (bounded retries):
   * throws a readable error otherwise (401: the key was refused).
   */
  async check(candidate: NewAzureConnection, signal?: AbortSignal): Promise<void> {
    const connection = this.draft(candidate);
    const client = new SpeechClient(
      { apiRoot: apiRootOf(azureTargetOf(connection)), key: candidate.key },
      { onLog: (entry) => this.logRequest(connection.label, entry), retry: { maxAttempts: 2 }, timeoutMs: 30_000 },
    );
    try {
      await checkConnection(client, `'${connection.label}' (${describeConnection(connection)})`, signal);
    } finally {
      await client.close();
    }
  }

  /** Adds an Azure connection (its key to secret storage) and makes it the active one. */
  async add(candidate: NewAzureConnection): Promise<AzureConnection> {
    const connection = this.draft(candidate);
    await this.store.add(connection, candidate.key);
    this.log.info(`Added the connection '${connection.label}' (${describeConnection(connection)}); its key is in the editor's secret storage.`);
    await this.switchTo(connection.id);
    return connection;
  }

  /** Removes an Azure connection and its key; the local engine becomes active if it was the active one. */
  async remove(id: string): Promise<void> {
    if (id === LOCAL_CONNECTION_ID) throw new Error('The local engine is built in and cannot be removed.');
    const connection = this.store.get(id);
    if (!connection) throw new Error(`There is no connection with id '${id}'.`);
    const wasActive = this.active.id === id;
    if (wasActive) this.forgetClient();
    await this.store.remove(id);
    this.log.info(`Removed the connection '${connection.label}' and its key.`);
    if (wasActive) this.changed.fire(this.active);
  }

  dispose(): void {
    this.forgetClient();
    this.secretsListener.dispose();
    this.changed.dispose();
  }

  /** The connection `candidate` would become (a fresh id, a label not yet taken). */
  private draft(candidate: NewAzureConnection): AzureConnection {
    const labels = this.all().map((c) => c.label);
    const label = uniqueLabel(candidate.label?.trim() || defaultLabelOf(candidate.location), labels);
    return { kind: 'azure', id: randomUUID(), label, ...candidate.location };
  }

  private async endpointOf(connection: Connection): Promise<{ apiRoot: string; key: string }> {
    if (connection.kind === 'local') {
      const { url, key } = await this.engine.connection();
      return { apiRoot: apiRootOf({ kind: 'local', url }), key };
    }
    const key = await this.store.keyOf(connection.id);
    if (!key) throw new Error(`No key is stored for the connection '${connection.label}'. Remove it and add it again.`);
    return { apiRoot: apiRootOf(azureTargetOf(connection)), key };
  }

  private createClient(label: string, apiRoot: string, key: string): SpeechClient {
    return new SpeechClient({ apiRoot, key }, { onLog: (entry) => this.logRequest(label, entry) });
  }

  private logRequest(label: string, entry: RequestLogEntry): void {
    const attempt = entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
    const detail = entry.detail ? ` — ${entry.detail}` : '';
    const line = `${label}: ${entry.method} ${entry.path} ${entry.status} ${entry.milliseconds} ms${attempt}${detail}`;
    if (entry.status === 'network-error' || entry.status >= 400) this.log.warn(line);
    else this.log.info(line);
  }

  /** Drops the cached client; requests already sent finish first. */
  private forgetClient(): void {
    const old = this.cached;
    this.cached = undefined;
    void old?.client.close().catch(() => undefined);
  }
}

/** Thrown by `client()` after a disconnect. */
export class NotConnectedError extends Error {
  constructor() {
    super('Not connected to a Speech service. Run "Custom Speech: Connect…" to connect again.');
    this.name = 'NotConnectedError';
  }
}
