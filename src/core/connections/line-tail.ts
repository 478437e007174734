/**
 * Splits a stream's chunks into lines and keeps the last `keep` of them, so an error report can show
 * what a process said just before it died.
 */
export class LineTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly keep = 30) {}

  /** Adds a chunk; returns the lines it completed. */
  push(chunk: string): string[] {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.remember(line);
    return parts;
  }

  /** The unfinished last line, when the stream ends without a newline. */
  flush(): string[] {
    if (!this.partial) return [];
    const line = this.partial;
    this.partial = '';
    this.remember(line);
    return [line];
  }

  tail(): string[] {
    return [...this.lines];
  }

  clear(): void {
    this.lines.length = 0;
    this.partial = '';
  }

  private remember(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.keep) this.lines.shift();
  }
}
