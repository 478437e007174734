import type { WavHeader } from './wav';

export type AudioLookup =
  | { kind: 'found'; header: WavHeader }
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string };

/**
 * The audio files beside a transcript. The CLI reads the disk directly; the editor caches and
 * invalidates with a file watcher. Only headers are ever read, never whole files.
 */
export interface AudioFolder {
  /** Names of the `.wav` files directly in the folder. */
  listWavFiles(): Promise<string[]>;
  /** Looks up `name` (relative to the folder, `/` separated) and reads its WAV header. */
  lookup(name: string): Promise<AudioLookup>;
  /** A lookup already done and remembered, answered without waiting (caching folders only). */
  peek?(name: string): AudioLookup | undefined;
  /** Blocking versions, for folders read with synchronous calls (the CLI): no promise per file. */
  lookupNow?(name: string): AudioLookup;
  listWavFilesNow?(): string[];
}
