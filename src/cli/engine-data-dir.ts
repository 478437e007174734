import { homedir } from 'node:os';
import * as path from 'node:path';

/**
 * Where the local engine keeps its data unless told otherwise: one folder shared by `serve` and
 * the commands that start an engine themselves, so what one made the other sees.
 */
export function defaultEngineDataDir(): string {
  return path.join(process.env.XDG_DATA_HOME ?? path.join(homedir(), '.local', 'share'), 'custom-speech', 'engine');
}
