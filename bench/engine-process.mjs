// The engine as the benchmarks run it: `custom-speech serve` in its own process, a small client for
// its API, and its peak memory from /proc.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cli } from './common.mjs';

const KEY = 'bench-key-0123456789abcdef';

export async function startEngineProcess(dataDir) {
  const child = spawn(process.execPath, [cli, 'serve', '--data', dataDir], { env: { ...process.env, CUSTOM_SPEECH_KEY: KEY }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const m = /listening on (\S+)/.exec(output);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`engine exited with ${code}`)));
  });
  /** `body`: an object (sent as JSON) or a Blob (sent as bytes). */
  const call = async (method, route, body) => {
    const bytes = body instanceof Blob;
    const response = await fetch(`${url}/speechtotext${route}${route.includes('?') ? '&' : '?'}api-version=2025-10-15`, {
      method,
      headers: { 'Ocp-Apim-Subscription-Key': KEY, ...(body ? { 'Content-Type': bytes ? 'application/octet-stream' : 'application/json' } : {}) },
      ...(body ? { body: bytes ? body : JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  };
  return {
    url,
    call,
    /** Polls an entity until its status is Succeeded or Failed. */
    async settle(route) {
      for (;;) {
        const entity = await call('GET', route);
        if (entity.status === 'Succeeded' || entity.status === 'Failed') return entity;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    peakMb() {
      return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) / 1024;
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

export const idOf = (self) => /\/([0-9a-f-]{36})(?:[/?]|$)/.exec(self)[1];
