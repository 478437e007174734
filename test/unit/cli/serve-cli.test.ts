import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const cli = path.resolve(__dirname, '../../../../dist/cli.js');

/** Starts `custom-speech serve`, resolves with its first lines of output once it listens. */
function serve(dataDir: string, env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, [cli, 'serve', '--data', dataDir], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/Key[^\n]*\n/.test(output)) resolve(output);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, ready, exited };
}

describe('custom-speech serve (CLI)', function () {
  this.timeout(30_000);
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'cs-serve-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the API on 127.0.0.1 with the key from CUSTOM_SPEECH_KEY, and stops on SIGTERM', async () => {
    const key = 'serve-test-key-0123456789';
    const { child, ready, exited } = serve(dataDir, { CUSTOM_SPEECH_KEY: key });
    const output = await ready;
    assert.ok(!output.includes(key), 'a key from the environment is never printed');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1];
    const response = await fetch(`${url}/speechtotext/models/base?api-version=2025-10-15`, { headers: { 'Ocp-Apim-Subscription-Key': key } });
    assert.equal(response.status, 200);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  it('generates a key and prints it once when none is set', async () => {
    const { child, ready, exited } = serve(dataDir, { CUSTOM_SPEECH_KEY: undefined });
    const output = await ready;
    const key = /Key \(shown once\): (\S+)/.exec(output)![1]!;
    assert.ok(key.length >= 16);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1];
    assert.equal((await fetch(`${url}/speechtotext/projects?api-version=2025-10-15`, { headers: { 'Ocp-Apim-Subscription-Key': key } })).status, 200);
    child.kill('SIGINT');
    await exited;
  });

  it('refuses a short key', async () => {
    const { ready, exited } = serve(dataDir, { CUSTOM_SPEECH_KEY: 'short' });
    await assert.rejects(ready, /exited with 2/);
    assert.equal(await exited, 2);
  });
});
