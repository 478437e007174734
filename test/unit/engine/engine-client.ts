import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEngine, type RunningEngine } from '../../../src/engine/server';

export const KEY = 'test-key-0123456789abcdef';
export const VERSION = 'api-version=2025-10-15';

/** A real engine on a free port with its own data folder, and a small fetch helper for the tests. */
export class TestEngine {
  private constructor(
    readonly dataDir: string,
    public engine: RunningEngine,
  ) {}

  static async start(dataDir?: string): Promise<TestEngine> {
    const folder = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'cs-engine-')));
    return new TestEngine(folder, await startEngine({ dataDir: folder, key: KEY }));
  }

  get url(): string {
    return this.engine.url;
  }

  /** `path` under /speechtotext, api-version added unless the path has a query with one. */
  async call(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
    const url = route.startsWith('http') ? route : `${this.url}/speechtotext${route}${route.includes('api-version') ? '' : `${route.includes('?') ? '&' : '?'}${VERSION}`}`;
    const isBytes = body instanceof Uint8Array;
    const response = await fetch(url, {
      method,
      headers: { 'Ocp-Apim-Subscription-Key': KEY, ...(body !== undefined ? { 'Content-Type': isBytes ? 'application/octet-stream' : 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: isBytes ? new Blob([body as Uint8Array<ArrayBuffer>]) : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  /**
   * Creates a dataset of `kind` from `content`, written as `name` in the data folder and given by its
   * `file:` URL, and waits for its import; returns its id and the settled dataset.
   */
  async importDataset(kind: string, name: string, content: string | Uint8Array): Promise<{ id: string; dataset: any }> {
    const file = path.join(this.dataDir, name);
    await writeFile(file, content);
    const created = await this.call('POST', '/datasets', { kind, displayName: name, locale: 'en-US', contentUrl: pathToFileURL(file).href });
    const id = idOf(created.body.self);
    return { id, dataset: await this.settle(`/datasets/${id}`) };
  }

  /** `importDataset` for data that must import: fails the test with the import's properties otherwise; the id. */
  async importedDatasetId(kind: string, name: string, content: string | Uint8Array): Promise<string> {
    const { id, dataset } = await this.importDataset(kind, name, content);
    assert.equal(dataset.status, 'Succeeded', JSON.stringify(dataset.properties));
    return id;
  }

  /** Polls an entity until it leaves NotStarted/Running. */
  async settle(route: string, seconds = 120, onPoll?: (body: any, headers: Headers) => void): Promise<any> {
    for (let i = 0; i < seconds * 20; i++) {
      const { body, headers } = await this.call('GET', route);
      onPoll?.(body, headers);
      if (body.status === 'Succeeded' || body.status === 'Failed') return body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${route} did not settle`);
  }

  /** Stops the engine (as a restart does), runs `whileStopped`, and starts it again on the same data. */
  async restart(whileStopped?: () => Promise<void>): Promise<void> {
    await this.engine.close();
    await whileStopped?.();
    this.engine = await startEngine({ dataDir: this.dataDir, key: KEY });
  }

  async stop(remove = true): Promise<void> {
    await this.engine.close();
    if (remove) await rm(this.dataDir, { recursive: true, force: true });
  }
}

export const idOf = (self: string) => /\/([0-9a-f-]{36})\?/.exec(self)![1]!;
