/**
 * Progress on stderr, so stdout carries only results. On a terminal one line is rewritten in
 * place; in a CI log each new state is a line of its own (never one per poll).
 */
export class Progress {
  private last = '';
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  private get live(): boolean {
    return this.stream.isTTY === true;
  }

  /** The current state; `sameStateAs` (default: the text) decides whether a log gets a new line. */
  update(text: string, sameStateAs: string = text): void {
    if (this.live) {
      const width = this.stream.columns || 100;
      this.stream.write(`\r\x1b[K${text.length >= width ? `${text.slice(0, width - 2)}…` : text}`);
      this.shown = true;
    } else if (sameStateAs !== this.last) {
      this.stream.write(`${text}\n`);
    }
    this.last = sameStateAs;
  }

  /** A line that stays (a step finished). */
  note(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
    this.last = '';
  }

  clear(): void {
    if (this.live && this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}

export function seconds(elapsedMs: number): string {
  const s = Math.round(elapsedMs / 1000);
  return s < 120 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export function bytes(count: number): string {
  if (count < 1024) return `${count} B`;
  if (count < 1024 ** 2) return `${(count / 1024).toFixed(1)} KB`;
  return `${(count / 1024 ** 2).toFixed(1)} MB`;
}
