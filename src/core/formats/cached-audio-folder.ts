import type { AudioFolder, AudioLookup } from './audio-folder';

/**
 * Remembers listings and header lookups of an audio folder until `invalidate()`: the editor re-lints
 * on every keystroke, and must not re-read thousands of WAV headers each time. The owner invalidates
 * when a file watcher sees the folder change.
 */
export class CachedAudioFolder implements AudioFolder {
  private listing: Promise<string[]> | undefined;
  private readonly lookups = new Map<string, Promise<AudioLookup>>();
  private readonly settled = new Map<string, AudioLookup>();

  constructor(private readonly inner: AudioFolder) {}

  listWavFiles(): Promise<string[]> {
    this.listing ??= this.inner.listWavFiles().catch((error: unknown) => {
      this.listing = undefined;
      throw error;
    });
    return this.listing;
  }

  lookup(name: string): Promise<AudioLookup> {
    let found = this.lookups.get(name);
    if (!found) {
      const lookup = this.inner.lookup(name);
      found = lookup;
      this.lookups.set(name, lookup);
      lookup.then((result) => {
        // Only if not invalidated meanwhile.
        if (this.lookups.get(name) === lookup) this.settled.set(name, result);
      }, () => undefined);
    }
    return found;
  }

  peek(name: string): AudioLookup | undefined {
    return this.settled.get(name);
  }

  /** Forgets one file (`name`) or everything. */
  invalidate(name?: string): void {
    this.listing = undefined;
    if (name === undefined) {
      this.lookups.clear();
      this.settled.clear();
    } else {
      this.lookups.delete(name);
      this.settled.delete(name);
    }
  }
}
