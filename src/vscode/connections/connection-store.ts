import type * as vscode from 'vscode';
import { LOCAL_CONNECTION, LOCAL_CONNECTION_ID, type AzureConnection, type Connection } from '../../core/connections/connection';

const CONNECTIONS = 'customSpeech.connections';
const ACTIVE = 'customSpeech.activeConnection';
const DISCONNECTED = 'customSpeech.disconnected';

/** The name of a connection's key in secret storage. */
export const secretNameOf = (id: string) => `customSpeech.connection.${id}.key`;

/**
 * Where connections are kept: what they point at in `globalState` (not synced, not in settings), their
 * keys in the editor's SecretStorage (the OS keychain on the desktop) and nowhere else.
 */
export class ConnectionStore {
  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  /** The local engine first, then the Azure connections in the order they were added. */
  all(): Connection[] {
    return [LOCAL_CONNECTION, ...this.azure()];
  }

  get(id: string): Connection | undefined {
    return this.all().find((connection) => connection.id === id);
  }

  /** The active connection; the local engine when none was chosen or the chosen one is gone. */
  active(): Connection {
    return this.get(this.state.get<string>(ACTIVE, LOCAL_CONNECTION_ID)) ?? LOCAL_CONNECTION;
  }

  /** Connecting again (to any connection) ends a disconnect. */
  async setActive(id: string): Promise<void> {
    if (!this.get(id)) throw new Error(`There is no connection with id '${id}'.`);
    await this.state.update(ACTIVE, id);
    await this.state.update(DISCONNECTED, undefined);
  }

  /** Whether the user disconnected: kept across reloads, so the local engine is not started again unasked. */
  isDisconnected(): boolean {
    return this.state.get<boolean>(DISCONNECTED, false) === true;
  }

  async setDisconnected(): Promise<void> {
    await this.state.update(DISCONNECTED, true);
  }

  /** Stores the key first: a connection is never listed without its key. */
  async add(connection: AzureConnection, key: string): Promise<void> {
    await this.secrets.store(secretNameOf(connection.id), key);
    await this.state.update(CONNECTIONS, [...this.azure(), connection]);
  }

  async remove(id: string): Promise<void> {
    await this.state.update(CONNECTIONS, this.azure().filter((connection) => connection.id !== id));
    await this.secrets.delete(secretNameOf(id));
    if (this.state.get<string>(ACTIVE) === id) await this.state.update(ACTIVE, undefined);
  }

  keyOf(id: string): Thenable<string | undefined> {
    return this.secrets.get(secretNameOf(id));
  }

  private azure(): AzureConnection[] {
    // Read defensively: globalState may hold what an older or newer version wrote.
    return this.state
      .get<AzureConnection[]>(CONNECTIONS, [])
      .filter((c) => c && typeof c.id === 'string' && typeof c.label === 'string' && (typeof c.region === 'string' || typeof c.endpoint === 'string'))
      .map(({ id, label, region, endpoint }) => ({ kind: 'azure', id, label, ...(endpoint ? { endpoint } : { region }) }));
  }
}
