import * as vscode from 'vscode';
import { describeConnection, LOCAL_CONNECTION_ID, parseAzureLocation, type Connection } from '../../core/connections/connection';
import type { ConnectionManager, NewAzureConnection } from './connection-manager';

/**
 * The connection commands. Each takes optional arguments so it also runs without UI (tests,
 * keybindings, other extensions): given arguments replace the questions they answer.
 */

/** `customSpeech.addAzureConnection` arguments. A key passed here goes to secret storage like a typed one. */
export interface AddAzureConnectionArgs {
  /** An Azure region like `westeurope`… */
  region?: string;
  /** …or a resource endpoint (https), e.g. `https://my-speech.cognitiveservices.azure.com`. */
  endpoint?: string;
  key?: string;
  label?: string;
  /** Adds it without the check request (nothing is sent to the service). */
  skipValidation?: boolean;
}

/** Asks for a region or endpoint and a key, checks them with one request, stores and activates the connection. Resolves with its id. */
export async function addAzureConnection(connections: ConnectionManager, args: AddAzureConnectionArgs = {}): Promise<string | undefined> {
  const given = args.endpoint ?? args.region;
  const location = given !== undefined ? parseAzureLocation(given) : await askLocation();
  if (!location) return undefined;
  const key = (args.key ?? (await askKey()))?.trim();
  if (!key) return undefined;
  const candidate: NewAzureConnection = { location, key, ...(args.label ? { label: args.label } : {}) };
  if (!args.skipValidation) {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Checking ${'endpoint' in location ? location.endpoint : location.region}…`, cancellable: true },
      (_progress, token) => connections.check(candidate, abortSignalOf(token)),
    );
  }
  const connection = await connections.add(candidate);
  void vscode.window.showInformationMessage(`Custom Speech: connected to ${connection.label}.`);
  return connection.id;
}

/** Picks a connection (or adds one); with `id`, switches to it directly. Resolves with the active connection's id. */
export async function connect(connections: ConnectionManager, id?: string): Promise<string | undefined> {
  return pickConnection(connections, { id, offerAdd: true, title: 'Connect to a Speech service' });
}

/** Switches between the stored connections; with `id`, directly. */
export async function switchConnection(connections: ConnectionManager, id?: string): Promise<string | undefined> {
  // With only the local engine there is nothing to switch to: offer to add one.
  const offerAdd = connections.all().length === 1;
  return pickConnection(connections, { id, offerAdd, title: 'Switch the Custom Speech connection' });
}

export async function useLocalEngine(connections: ConnectionManager): Promise<string> {
  return (await connections.switchTo(LOCAL_CONNECTION_ID)).id;
}

/** Removes an Azure connection and its key; asks which and confirms unless `id` is given. */
export async function removeConnection(connections: ConnectionManager, id?: string): Promise<void> {
  if (id !== undefined) return connections.remove(id);
  const removable = connections.all().filter((c) => c.kind === 'azure');
  if (removable.length === 0) {
    void vscode.window.showInformationMessage('Custom Speech: there is no Azure connection to remove (the local engine is built in).');
    return;
  }
  const picked = await vscode.window.showQuickPick(removable.map((c) => itemOf(c)), { title: 'Remove a connection and its key' });
  if (!picked) return;
  const confirmed = await vscode.window.showWarningMessage(`Remove the connection '${picked.connection.label}' and its stored key?`, { modal: true }, 'Remove');
  if (confirmed === 'Remove') await connections.remove(picked.connection.id);
}

/** Stops using the active connection (and the local engine, when it was that one) until the user connects again. */
export async function disconnect(connections: ConnectionManager): Promise<void> {
  if (!connections.connected) return;
  const label = connections.active.label;
  await connections.disconnect();
  void vscode.window.showInformationMessage(`Custom Speech: disconnected from ${label}.`);
}

/**
 * Restarts the local engine (also after it stopped for crashing too often). Resolves with its URL,
 * or undefined when the user keeps another window's engine running.
 */
export async function restartLocalEngine(connections: ConnectionManager, args: { confirmed?: boolean } = {}): Promise<string | undefined> {
  if (connections.engine.isShared && !args.confirmed) {
    const choice = await vscode.window.showWarningMessage(
      'The local engine runs in another VS Code window, which uses it too. Restart it?',
      { modal: true, detail: 'That window loses its connection for a moment; training and evaluations running in the engine start again after the restart.' },
      'Restart',
    );
    if (choice !== 'Restart') return undefined;
  }
  const { url } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Restarting the local engine' }, () => connections.engine.restart());
  return url;
}

interface ConnectionItem extends vscode.QuickPickItem {
  connection: Connection;
}

function itemOf(connection: Connection, active?: Connection): ConnectionItem {
  return {
    label: `$(${connection.kind === 'local' ? 'server' : 'azure'}) ${connection.label}`,
    description: connection.id === active?.id ? 'active' : '',
    detail: describeConnection(connection),
    connection,
  };
}

async function pickConnection(connections: ConnectionManager, options: { id?: string; offerAdd: boolean; title: string }): Promise<string | undefined> {
  if (options.id !== undefined) return (await connections.switchTo(options.id)).id;
  const active = connections.active;
  const add = { label: '$(add) Add Azure Speech connection…', detail: 'A Speech resource by region or endpoint, and its key' };
  const items: (ConnectionItem | typeof add)[] = connections.all().map((c) => itemOf(c, active));
  if (options.offerAdd) items.push(add);
  const picked = await vscode.window.showQuickPick(items, { title: options.title, placeHolder: connections.connected ? `Active: ${active.label}` : `Not connected (last: ${active.label})` });
  if (!picked) return undefined;
  if (picked === add) return addAzureConnection(connections);
  return (await connections.switchTo((picked as ConnectionItem).connection.id)).id;
}

async function askLocation(): Promise<{ region: string } | { endpoint: string } | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Add Azure Speech connection (1/2)',
    prompt: 'The region of your Speech resource (like westeurope), or its endpoint URL (https://….cognitiveservices.azure.com)',
    placeHolder: 'westeurope',
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (!value.trim()) return 'A region or an endpoint URL';
      try {
        parseAzureLocation(value);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  });
  return text === undefined ? undefined : parseAzureLocation(text);
}

function askKey(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Add Azure Speech connection (2/2)',
    prompt: "The resource's key (KEY 1 or KEY 2 under Keys and Endpoint). It is kept in VS Code's secret storage only.",
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() && !/\s/.test(value.trim()) ? undefined : 'A key: letters and digits, no spaces'),
  });
}

function abortSignalOf(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  token.onCancellationRequested(() => controller.abort(new Error('Cancelled.')));
  return controller.signal;
}
