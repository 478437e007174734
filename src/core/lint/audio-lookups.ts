import type { AudioFolder, AudioLookup } from '../formats/audio-folder';
import type { LintOptions } from './rule';

/** Header reads in flight at once: enough to hide disk latency, few enough not to exhaust file handles. */
export const AUDIO_LOOKUP_CONCURRENCY = 16;

/**
 * The audio lookups of one lint run, shared by the transcript audio rules so that each file's header
 * is read once per run however many rules look at it. Lookups never reject: a folder that throws
 * gives an `unreadable` result.
 */
export class AudioLookups {
  private readonly results = new Map<string, Promise<AudioLookup>>();
  private listing: Promise<string[]> | undefined;

  constructor(readonly folder: AudioFolder, readonly concurrency = AUDIO_LOOKUP_CONCURRENCY) {}

  lookup(name: string): Promise<AudioLookup> {
    let result = this.results.get(name);
    if (!result) {
      result = this.folder.lookup(name).catch((error: unknown): AudioLookup => ({ kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) }));
      this.results.set(name, result);
    }
    return result;
  }

  /** Looks up every distinct name, at most `concurrency` at a time. */
  async lookupAll(names: Iterable<string>): Promise<Map<string, AudioLookup>> {
    const distinct = [...new Set(names)];
    const out = new Map<string, AudioLookup>();
    let next = 0;
    const worker = async () => {
      while (next < distinct.length) {
        const name = distinct[next++]!;
        out.set(name, await this.lookup(name));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, distinct.length) }, worker));
    return out;
  }

  /** The `.wav` files directly in the folder; empty when the folder cannot be listed. */
  listWavFiles(): Promise<string[]> {
    this.listing ??= this.folder.listWavFiles().catch(() => []);
    return this.listing;
  }
}

// The linter hands every rule of a run the same options object: key the shared state on it, so a
// new run (after an edit, or with a fresh folder) starts afresh and nothing outlives the run.
const perRun = new WeakMap<object, AudioLookups>();

/** The shared lookups of the run `options` belongs to; undefined when no audio folder is known. */
export function audioLookupsFor(options: Readonly<LintOptions>): AudioLookups | undefined {
  const folder = options.audio;
  if (!folder) return undefined;
  let lookups = perRun.get(options);
  if (!lookups || lookups.folder !== folder) {
    lookups = new AudioLookups(folder);
    perRun.set(options, lookups);
  }
  return lookups;
}
