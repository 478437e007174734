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

export interface AudioFinding {
  named: NamedAudio;
  result: AudioLookup;
}

export interface AudioSummary {
  /** Named files that are not ordinary, in line order. */
  notable: AudioFinding[];
  /** How many named files are ordinary. */
  ordinary: number;
}

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
  private summarized: Promise<AudioSummary> | undefined;

  constructor(readonly folder: AudioFolder, readonly concurrency = AUDIO_LOOKUP_CONCURRENCY) {}

  /**
   * The collected names split once per run into the ordinary ones (counted) and the notable ones
   * (kept with their lookup), so that each audio rule walks only the few that may concern it.
   * The first caller's `isOrdinary` decides for the run.
   */
  summary(isOrdinary: (result: AudioLookup) => boolean): Promise<AudioSummary> {
    this.summarized ??= this.summarize(isOrdinary);
    return this.summarized;
  }

  private async summarize(isOrdinary: (result: AudioLookup) => boolean): Promise<AudioSummary> {
    // Lookups a caching folder already holds are taken as they are (the editor's re-checks are
    // mostly these); the others are read, `concurrency` at a time.
    const results = this.named.map((named) => this.folder.peek?.(named.key));
    const unknown = this.named.filter((_, i) => results[i] === undefined).map((named) => named.key);
    if (unknown.length) {
      const looked = await this.lookupAll(unknown);
      results.forEach((result, i) => {
        if (result === undefined) results[i] = looked.get(this.named[i]!.key);
      });
    }
    const notable: AudioFinding[] = [];
    let ordinary = 0;
    this.named.forEach((named, i) => {
      const result = results[i]!;
      if (isOrdinary(result)) ordinary++;
      else notable.push({ named, result });
    });
    return { notable, ordinary };
  }

  /** True for the one rule of the run that collects `named` (the first to ask). */
  collects(rule: object): boolean {
    this.collector ??= rule;
    return this.collector === rule;
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
    const distinct = [...new Set(names)];
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
