import type { AudioFolder, AudioLookup } from '../formats/audio-folder';
import type { Range } from './problem';
import type { LintOptions } from './rule';

/** An audio file named by a transcript line, where it is named. */
export interface NamedAudio {
  /** The name as looked up (normalized). */
  key: string;
  /** The name as written. */
  name: string;
  range: Range;
}

/** Header reads in flight at once: enough to hide disk latency, few enough not to exhaust file handles. */
export const AUDIO_LOOKUP_CONCURRENCY = 16;

/**
 * The audio lookups of one lint run, shared by the transcript audio rules so that each file's header
 * is read once per run however many rules look at it. Lookups never reject: a folder that throws
 * gives an `unreadable` result.
 */
export class AudioLookups {
  private readonly byName = new Map<string, Promise<AudioLookup>>();
  private listing: Promise<string[]> | undefined;
  private listed: Promise<Set<string>> | undefined;

  /** The names the lines refer to, collected once per run for all the audio rules. */
  readonly named: NamedAudio[] = [];
  private collector: object | undefined;
  private all: Promise<Map<string, AudioLookup>> | undefined;

  constructor(readonly folder: AudioFolder, readonly concurrency = AUDIO_LOOKUP_CONCURRENCY) {}

  /** True for the one rule of the run that collects `named` (the first to ask). */
  collects(rule: object): boolean {
    this.collector ??= rule;
    return this.collector === rule;
  }

  /** Lookups of every collected name, done once per run whatever the number of rules asking. */
  results(): Promise<Map<string, AudioLookup>> {
    this.all ??= this.lookupAll(this.named.map((n) => n.key));
    return this.all;
  }

  lookup(name: string): Promise<AudioLookup> {
    let result = this.byName.get(name);
    if (!result) {
      result = this.read(name).catch((error: unknown): AudioLookup => ({ kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) }));
      this.byName.set(name, result);
    }
    return result;
  }

  private async read(name: string): Promise<AudioLookup> {
    // One folder listing answers "missing" for plain .wav names without opening each file
    // (100,000 failed opens cost seconds); files that exist still have their header read.
    if (!name.includes('/') && /\.wav$/i.test(name)) {
      this.listed ??= this.listWavFiles().then((files) => new Set(files));
      if (!(await this.listed).has(name)) return { kind: 'missing' };
    }
    return this.folder.lookup(name);
  }

  /** Looks up every distinct name, at most `concurrency` at a time. */
  async lookupAll(names: Iterable<string>): Promise<Map<string, AudioLookup>> {
    const out = new Map<string, AudioLookup>();
    // Lookups a caching folder already holds need no waiting: the editor's re-checks are mostly these.
    const distinct: string[] = [];
    for (const name of new Set(names)) {
      const known = this.folder.peek?.(name);
      if (known) out.set(name, known);
      else distinct.push(name);
    }
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
