import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { engineBanner, FOLDER_IN_USE_EXIT_CODE } from '../core/connections/engine-banner';
import { startEngine, type RunningEngine } from '../engine/server';
import { DataFolderInUseError } from '../engine/store/data-folder-lock';
import { defaultEngineDataDir } from './engine-data-dir';

const help = `Usage: custom-speech serve [--data <folder>] [--port <port>]

Runs the local Custom Speech engine: the Azure AI Speech Custom Speech REST API (2025-10-15) on
127.0.0.1, for this machine only. Every request must carry the engine's key in the
Ocp-Apim-Subscription-Key header: set CUSTOM_SPEECH_KEY (at least 16 characters), or a key is
generated and printed once.

Options:
  --data <folder>   Where projects, datasets and models are kept (default ~/.local/share/custom-speech/engine)
  --port <port>     Port to listen on (default: a free one, printed)
  -h, --help        Show this help

One engine uses a data folder at a time: exit code 3 when another one holds it (the message names
that engine's process and URL); 2 on a usage error.`;

export async function runServe(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { data: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    process.stderr.write(`custom-speech serve: ${(error as Error).message}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(help + '\n');
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`custom-speech serve: --port must be a port number, not '${values.port}'\n`);
    return 2;
  }
  const fromEnvironment = process.env.CUSTOM_SPEECH_KEY;
  if (fromEnvironment !== undefined && fromEnvironment.length < 16) {
    process.stderr.write('custom-speech serve: CUSTOM_SPEECH_KEY must have at least 16 characters.\n');
    return 2;
  }
  const key = fromEnvironment ?? randomBytes(24).toString('base64url');
  const dataDir = path.resolve(values.data ?? defaultEngineDataDir());
  let engine: RunningEngine;
  try {
    engine = await startEngine({ dataDir, key, port });
  } catch (error) {
    if (!(error instanceof DataFolderInUseError)) throw error;
    process.stderr.write(`custom-speech serve: ${error.message}\n`);
    return FOLDER_IN_USE_EXIT_CODE;
  }
  process.stdout.write(`${engineBanner(engine.url, dataDir)}\n`);
  process.stdout.write(fromEnvironment ? 'Key: from CUSTOM_SPEECH_KEY\n' : `Key (shown once): ${key}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // Started by the extension (fork, with an IPC channel): never outlive it, even when it crashes.
    if (process.connected) process.once('disconnect', stop);
  });
  await engine.close();
  // An open IPC channel would keep this process alive.
  if (process.connected) process.disconnect();
  return 0;
}
