import type { Problem } from './problem';

/**
 * The problems stateless rules found on each line text of a document's last check, so that
 * re-checking after an edit only runs them on the lines that changed. Problems are stored with line
 * numbers relative to their line (0). Holds the lines of the last two checks at most; a change of
 * settings (`signature`) empties it.
 */
export class LineCache {
  private current = new Map<string, readonly Problem[]>();
  private previous = new Map<string, readonly Problem[]>();
  private signature: string | undefined;

  /** Starts a check with these settings; entries not used by it are dropped at the next one. */
  begin(signature: string): void {
    if (signature !== this.signature) {
      this.signature = signature;
      this.current = new Map();
    }
    this.previous = this.current;
    this.current = new Map();
  }

  get(text: string): readonly Problem[] | undefined {
    let found = this.current.get(text);
    if (found === undefined) {
      found = this.previous.get(text);
      if (found !== undefined) this.current.set(text, found);
    }
    return found;
  }

  set(text: string, problems: readonly Problem[]): void {
    this.current.set(text, problems);
  }
}
