import { apiRootOf, type ServiceTarget } from '../api/service-target';

/**
 * A service the extension can talk to, without its key: what may be stored in plain settings-like
 * storage. The key of an Azure connection lives elsewhere (the editor's secret storage).
 */
export type Connection = LocalConnection | AzureConnection;

export interface LocalConnection {
  kind: 'local';
  id: typeof LOCAL_CONNECTION_ID;
  label: string;
}

export interface AzureConnection {
  kind: 'azure';
  /** Random, stable: names the key in secret storage. */
  id: string;
  label: string;
  /** Exactly one of region and endpoint. */
  region?: string;
  endpoint?: string;
}

/** The built-in connection to the local engine: always there, the default. */
export const LOCAL_CONNECTION_ID = 'local';
export const LOCAL_CONNECTION: LocalConnection = { kind: 'local', id: LOCAL_CONNECTION_ID, label: 'Local engine' };

/** Where an Azure connection points: a region name or a resource endpoint. */
export function azureTargetOf(connection: AzureConnection): ServiceTarget {
  if (connection.endpoint) return { kind: 'azure-endpoint', endpoint: connection.endpoint };
  if (connection.region) return { kind: 'azure-region', region: connection.region };
  throw new Error(`The connection '${connection.label}' has neither a region nor an endpoint.`);
}

/** What the user typed for an Azure resource — a region (`westeurope`) or an endpoint URL — checked. */
export function parseAzureLocation(text: string): { region: string } | { endpoint: string } {
  const value = text.trim();
  if (/^https?:\/\//i.test(value)) {
    apiRootOf({ kind: 'azure-endpoint', endpoint: value }); // throws a readable error when unusable
    return { endpoint: value.replace(/\/+$/, '') };
  }
  const region = value.toLowerCase();
  apiRootOf({ kind: 'azure-region', region });
  return { region };
}

/** A short name for lists and the status bar: the region, or the endpoint's host. */
export function defaultLabelOf(location: { region?: string; endpoint?: string }): string {
  if (location.endpoint) return new URL(location.endpoint).host;
  return location.region ?? 'Azure';
}

/** `wanted`, or `wanted (2)`, `wanted (3)`… so that labels in a list stay distinct. */
export function uniqueLabel(wanted: string, taken: readonly string[]): string {
  if (!taken.includes(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.includes(`${wanted} (${n})`)) return `${wanted} (${n})`;
}

/** One line about where a connection points, for tooltips and pickers. */
export function describeConnection(connection: Connection): string {
  if (connection.kind === 'local') return 'Local engine on this machine (127.0.0.1), started when needed';
  if (connection.endpoint) return `Azure AI Speech at ${connection.endpoint}`;
  return `Azure AI Speech in region ${connection.region}`;
}
