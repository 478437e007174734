import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { SpeechClient } from '../core/api/client';
import { apiRootOf, type ServiceTarget } from '../core/api/service-target';
import { DataFolderInUseError } from '../engine/store/data-folder-lock';
import { startEngine, type RunningEngine } from '../engine/server';
import { defaultEngineDataDir } from './engine-data-dir';
import { UsageError } from './usage-error';

/** The options every command that talks to a service takes (parseArgs configuration). */
export const connectionOptions = {
  connection: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  url: { type: 'string' },
  data: { type: 'string' },
} as const;

export const connectionHelp = `Connection:
  --connection <local|azure>  Which service (default: azure when a region or endpoint is set, else local)
  --region <region>           Azure AI Speech region, e.g. westeurope (or CUSTOM_SPEECH_REGION)
  --endpoint <url>            Azure resource endpoint, e.g. https://my-speech.cognitiveservices.azure.com
                              (or CUSTOM_SPEECH_ENDPOINT)
  --url <url>                 A running local engine ('custom-speech serve'), e.g. http://127.0.0.1:5123
                              (or CUSTOM_SPEECH_URL)
  --data <folder>             Local without --url: start an engine for this command only, with its data
                              here (default ${defaultEngineDataDir().replace(process.env.HOME ?? '\u0000', '~')}, the same as 'serve')
  The key is read from the environment variable CUSTOM_SPEECH_KEY only, never from a flag.`;

export interface ConnectionValues {
  connection?: string;
  region?: string;
  endpoint?: string;
  url?: string;
  data?: string;
}

export interface Connection {
  client: SpeechClient;
  /** What it talks to, for messages: never the key. */
  description: string;
  /** The key, for the caller to keep out of its output. */
  key: string;
  /** Closes the client, and stops the engine started for this command (after its jobs end). */
  close(): Promise<void>;
}

/** The service the options and environment name; starts a local engine when local has no URL. */
export async function connect(values: ConnectionValues, env: NodeJS.ProcessEnv = process.env): Promise<Connection> {
  const region = values.region ?? env.CUSTOM_SPEECH_REGION;
  const endpoint = values.endpoint ?? env.CUSTOM_SPEECH_ENDPOINT;
  const url = values.url ?? env.CUSTOM_SPEECH_URL;
  const kind = values.connection ?? (values.url ? 'local' : values.region || values.endpoint ? 'azure' : url ? 'local' : region || endpoint ? 'azure' : 'local');
  if (kind !== 'local' && kind !== 'azure') throw new UsageError(`--connection must be local or azure, not '${kind}'`);
  const key = env.CUSTOM_SPEECH_KEY;

  if (kind === 'azure') {
    if (values.url || values.data) throw new UsageError('--url and --data are for the local engine, not --connection azure');
    if (values.region && values.endpoint) throw new UsageError('give --region or --endpoint, not both');
    const target: ServiceTarget | undefined = values.endpoint ? { kind: 'azure-endpoint', endpoint: values.endpoint } : values.region ? { kind: 'azure-region', region: values.region } : endpoint ? { kind: 'azure-endpoint', endpoint } : region ? { kind: 'azure-region', region } : undefined;
    if (!target) throw new UsageError('Azure needs --region or --endpoint (or CUSTOM_SPEECH_REGION / CUSTOM_SPEECH_ENDPOINT)');
    if (!key) throw new UsageError('set the Speech resource key in the environment variable CUSTOM_SPEECH_KEY');
    const apiRoot = rootOf(target);
    return clientOnly(new SpeechClient({ apiRoot, key }), `Azure AI Speech at ${new URL(apiRoot).host}`, key);
  }

  if (values.region || values.endpoint) throw new UsageError('--region and --endpoint are for --connection azure');
  if (url) {
    if (values.data) throw new UsageError('--data starts an engine of its own; it does not go with --url or CUSTOM_SPEECH_URL');
    if (!key) throw new UsageError("set the local engine's key in the environment variable CUSTOM_SPEECH_KEY");
    const apiRoot = rootOf({ kind: 'local', url });
    // A refused connection means a wrong URL or a stopped engine: said at once, not after 11 s of retries.
    return clientOnly(new SpeechClient({ apiRoot, key }, { retry: { retryRefused: false } }), `the local engine at ${new URL(apiRoot).origin}`, key);
  }
  return inProcessEngine(path.resolve(values.data ?? defaultEngineDataDir()));
}

function rootOf(target: ServiceTarget): string {
  try {
    return apiRootOf(target);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function clientOnly(client: SpeechClient, description: string, key: string): Connection {
  return { client, description, key, close: () => client.close() };
}

/** An engine for this command's duration, on a free port with a key of its own that leaves no trace. */
async function inProcessEngine(dataDir: string): Promise<Connection> {
  const key = randomBytes(24).toString('base64url');
  let engine: RunningEngine;
  try {
    engine = await startEngine({ dataDir, key });
  } catch (error) {
    if (error instanceof DataFolderInUseError && error.holder.url) {
      throw new UsageError(`${error.message} To work with that engine, pass --url ${error.holder.url} and its key in CUSTOM_SPEECH_KEY.`);
    }
    throw new UsageError(`the local engine could not start with its data in ${dataDir}: ${(error as Error).message}`);
  }
  const client = new SpeechClient({ apiRoot: apiRootOf({ kind: 'local', url: engine.url }), key });
  return {
    client,
    description: `a local engine started for this command (data in ${dataDir})`,
    key,
    close: async () => {
      await client.close();
      await engine.close();
    },
  };
}
