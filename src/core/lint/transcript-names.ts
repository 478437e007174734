import { NameTable } from './name-table';
import type { LintOptions } from './rule';

/**
 * The audio names a transcript's lines give, shared by the rules of one lint run that need them all
 * (duplicates, the zip's file count, audio files no line names): each line's name is hashed and
 * stored once, however many of those rules ask about it.
 */
export class TranscriptNames {
  private readonly table: NameTable;
  private lastLine = -1;
  private lastFirst = -1;

  /** `byteLength`: the transcript's size, when known, to size the table for its lines (40 bytes or more each). */
  constructor(byteLength?: number) {
    this.table = new NameTable(byteLength === undefined ? undefined : byteLength / 40);
  }

  /** The first line that gave the name line `line` gives (its key): `line` itself for a new name. */
  firstLineOf(key: string, line: number): number {
    if (line !== this.lastLine) this.remember(line, this.table.add(key, line));
    return this.lastFirst;
  }

  /** `firstLineOf` for a name given as ASCII bytes, `bytes[start, end)`. */
  firstLineOfBytes(bytes: Uint8Array, start: number, end: number, line: number): number {
    if (line !== this.lastLine) this.remember(line, this.table.addBytes(bytes, start, end, line));
    return this.lastFirst;
  }

  /** Number of different names so far. */
  get size(): number {
    return this.table.size;
  }

  has(name: string): boolean {
    return this.table.has(name);
  }

  names(): string[] {
    return this.table.names();
  }

  private remember(line: number, first: number): void {
    this.lastLine = line;
    this.lastFirst = first < 0 ? line : first;
  }
}

// The linter hands every rule of a run the same options object (as for `audioLookupsFor`).
const perRun = new WeakMap<object, TranscriptNames>();

/** The shared names of the run `options` belongs to. */
export function transcriptNamesFor(options: Readonly<LintOptions>): TranscriptNames {
  let names = perRun.get(options);
  if (!names) {
    names = new TranscriptNames(options.byteLength);
    perRun.set(options, names);
  }
  return names;
}
