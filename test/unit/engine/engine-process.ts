import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { KEY } from './engine-client';

const cli = path.resolve(__dirname, '../../../../dist/cli.js');

/** `custom-speech serve` as its own process, to be killed like a real one. */
export class EngineProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static start(dataDir: string): Promise<EngineProcess> {
    const child = spawn(process.execPath, [cli, 'serve', '--data', dataDir], { env: { ...process.env, CUSTOM_SPEECH_KEY: KEY }, stdio: ['ignore', 'pipe', 'inherit'] });
    return new Promise((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const m = /listening on (\S+)/.exec(output);
        if (m) resolve(new EngineProcess(child, m[1]!));
      });
      child.once('exit', (code) => reject(new Error(`the engine exited with ${code}: ${output}`)));
    });
  }

  /** SIGKILL: no handler runs, nothing is flushed — what a crash or a power cut leaves. */
  async kill(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  async call(method: string, route: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.url}/speechtotext${route}${route.includes('?') ? '&' : '?'}api-version=2025-10-15`, {
      method,
      headers: { 'Ocp-Apim-Subscription-Key': KEY, ...(body !== undefined ? { 'Content-Type': body instanceof Uint8Array ? 'application/octet-stream' : 'application/json' } : {}) },
      ...(body !== undefined ? { body: body instanceof Uint8Array ? new Blob([body as Uint8Array<ArrayBuffer>]) : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async waitFor(route: string, test: (entity: any) => boolean, seconds = 120): Promise<any> {
    for (let i = 0; i < seconds * 10; i++) {
      const { body } = await this.call('GET', route);
      if (test(body)) return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${route}: condition not met in ${seconds} s`);
  }
}
