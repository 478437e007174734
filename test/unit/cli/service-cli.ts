import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { KEY } from '../engine/engine-client';

const cli = path.resolve(__dirname, '../../../../dist/cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs dist/cli.js with CUSTOM_SPEECH_KEY set, asynchronously: the engine it talks to runs in
 * this process and must keep answering. Checks that the key appears in no output.
 */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, interruptAfterMs?: number): Promise<CliResult> {
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...process.env, CUSTOM_SPEECH_URL: undefined, CUSTOM_SPEECH_REGION: undefined, CUSTOM_SPEECH_ENDPOINT: undefined, CUSTOM_SPEECH_KEY: KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Ctrl+C, as a terminal sends it.
  if (interruptAfterMs !== undefined) setTimeout(() => child.kill('SIGINT'), interruptAfterMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      assert.ok(!stdout.includes(KEY) && !stderr.includes(KEY), `the key appeared in the output of ${args.join(' ')}`);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The JSON a `--json` run printed, with the run's output in the message when it is not JSON. */
export function jsonOf(result: CliResult): any {
  try {
    return JSON.parse(result.stdout);
  } catch {
    assert.fail(`not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}
