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
  private listing: Promise<string[]> | undefined;
  private listed: Promise<Set<string>> | undefined;
  private listedNow: Set<string> | undefined;
  private collector: object | undefined;
  private isOrdinary: ((result: AudioLookup) => boolean) | undefined;
  /** Names waiting for a lookup, and lookups running (at most `concurrency`). */
  private readonly queue: (NamedAudio | undefined)[] = [];
  private queueStart = 0;
  private running = 0;
  private waiting: (() => void)[] = [];
  private readonly notable: AudioFinding[] = [];
  /** A lookup finished after a later line's (the reads run in parallel): `notable` needs sorting. */
  private unsorted = false;
  private ordinary = 0;

  constructor(readonly folder: AudioFolder, readonly concurrency = AUDIO_LOOKUP_CONCURRENCY) {}

  /** True for the one rule of the run that collects the names (the first to ask). */
  collects(rule: object): boolean {
    this.collector ??= rule;
    return this.collector === rule;
  }

  /**
   * A name a line refers to. Its header is read now, while later lines are being checked, and the
   * result is sorted at once: an ordinary file (`isOrdinary`, the first caller's) is only counted, so
   * memory holds the few notable files, not one result per line of a 100,000-line transcript.
   */
  add(named: NamedAudio, isOrdinary: (result: AudioLookup) => boolean): void {
    this.isOrdinary ??= isOrdinary;
    // Lookups a caching folder already holds are taken as they are (the editor's re-checks are mostly these).
    const cached = this.folder.peek?.(named.key) ?? this.lookupNow(named.key);
    if (cached) return this.sort(named, cached);
    this.queue.push(named);
    if (this.running < this.concurrency) void this.work();
  }

  /** Every name added so far, looked up: the notable ones in line order, and how many were ordinary. */
  async summary(): Promise<AudioSummary> {
    if (this.running > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.unsorted) this.notable.sort((a, b) => a.named.range.line - b.named.range.line);
    return { notable: this.notable, ordinary: this.ordinary };
  }

  private async work(): Promise<void> {
    this.running++;
    while (this.queueStart < this.queue.length) {
      const named = this.queue[this.queueStart]!;
      this.queue[this.queueStart++] = undefined; // let it go
      if (this.queueStart === this.queue.length) {
        this.queue.length = 0;
        this.queueStart = 0;
      }
      this.sort(named, await this.lookup(named.key));
    }
    if (--this.running === 0) {
      for (const resolve of this.waiting.splice(0)) resolve();
    }
  }

  private sort(named: NamedAudio, result: AudioLookup): void {
    if (this.isOrdinary!(result)) {
      this.ordinary++;
      return;
    }
    const last = this.notable.at(-1);
    if (last && last.named.range.line > named.range.line) this.unsorted = true;
    this.notable.push({ named, result });
  }

  /** For a blocking folder, the lookup at once (with the same listing shortcut as `lookup`). */
  private lookupNow(name: string): AudioLookup | undefined {
    const folder = this.folder;
    if (!folder.lookupNow || !folder.listWavFilesNow) return undefined;
    if (isPlainWavName(name)) {
      if (!this.listedNow) {
        const files = folder.listWavFilesNow();
        this.listedNow = new Set(files);
        // The rules that list the folder at the end get this listing: 100,000 names are read once.
        this.listing ??= Promise.resolve(files);
      }
      if (!this.listedNow.has(name)) return MISSING;
    }
    return folder.lookupNow(name);
  }

  private async lookup(name: string): Promise<AudioLookup> {
    try {
      // One folder listing answers "missing" for plain .wav names without opening each file
      // (100,000 failed opens cost seconds); files that exist still have their header read.
      if (isPlainWavName(name)) {
        this.listed ??= this.listWavFiles().then((files) => new Set(files));
        if (!(await this.listed).has(name)) return MISSING;
      }
      return await this.folder.lookup(name);
    } catch (error) {
      return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
    }
  }

  /** The `.wav` files directly in the folder; empty when the folder cannot be listed. */
  listWavFiles(): Promise<string[]> {
    this.listing ??= this.folder.listWavFiles().catch(() => []);
    return this.listing;
  }
}

const MISSING: AudioLookup = Object.freeze({ kind: 'missing' });

/** A `.wav` name (any case) without a folder; by character codes: it is asked once per line. */
function isPlainWavName(name: string): boolean {
  const n = name.length;
  return (
    n >= 4 &&
    name.charCodeAt(n - 4) === 0x2e &&
    (name.charCodeAt(n - 3) | 0x20) === 0x77 &&
    (name.charCodeAt(n - 2) | 0x20) === 0x61 &&
    (name.charCodeAt(n - 1) | 0x20) === 0x76 &&
    !name.includes('/')
  );
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
