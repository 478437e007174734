import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from './atomic-file';

export interface StoredEntity {
  id: string;
  createdDateTime: string;
}

/**
 * One collection of entities (projects, datasets …): all in memory for fast lists, each also a JSON
 * file `<folder>/<id>.json` written atomically, so a restart finds exactly what was acknowledged.
 * Writes of one entity are queued, so an older state never lands after a newer one.
 */
export class EntityStore<T extends StoredEntity> {
  private readonly items = new Map<string, T>();
  private readonly writes = new Map<string, Promise<void>>();

  constructor(readonly folder: string) {}

  /** Reads the collection from disk; leftovers of interrupted writes (`*.tmp`) are removed. */
  async load(): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    for (const name of await readdir(this.folder)) {
      const file = path.join(this.folder, name);
      if (name.endsWith('.tmp')) {
        await rm(file, { force: true });
        continue;
      }
      if (!name.endsWith('.json')) continue;
      try {
        const entity = JSON.parse(await readFile(file, 'utf8')) as T;
        this.items.set(entity.id, entity);
      } catch (error) {
        // Atomic writes make this unexpected; keep the file for a human and go on.
        process.stderr.write(`custom-speech engine: skipping unreadable ${file}: ${(error as Error).message}\n`);
      }
    }
  }

  get(id: string): T | undefined {
    return this.items.get(id);
  }

  /** Oldest first, as the service lists. */
  all(): T[] {
    return [...this.items.values()].sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime) || a.id.localeCompare(b.id));
  }

  /** Stores `entity` (memory at once, disk before the promise resolves). */
  put(entity: T): Promise<void> {
    this.items.set(entity.id, entity);
    const data = JSON.stringify(entity, null, 2);
    return this.queue(entity.id, () => writeFileAtomic(this.fileOf(entity.id), data));
  }

  delete(id: string): Promise<void> {
    this.items.delete(id);
    return this.queue(id, () => rm(this.fileOf(id), { force: true }));
  }

  private fileOf(id: string): string {
    return path.join(this.folder, `${id}.json`);
  }

  private queue(id: string, write: () => Promise<void>): Promise<void> {
    const previous = this.writes.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(write);
    this.writes.set(id, next);
    void next.finally(() => {
      if (this.writes.get(id) === next) this.writes.delete(id);
    });
    return next;
  }
}
