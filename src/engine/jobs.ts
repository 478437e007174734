/**
 * Long-running work (imports, training, evaluations) run one after another in the background, so a
 * request never waits for it; `idle()` lets tests and shutdown wait until nothing runs.
 */
export class JobQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private readonly waiting: (() => void)[] = [];

  add(name: string, job: () => Promise<void>): void {
    this.pending++;
    this.tail = this.tail
      .then(job)
      .catch((error: unknown) => {
        // Jobs record their own failures on their entity; this is a bug in a job, not bad input.
        process.stderr.write(`custom-speech engine: job ${name} crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      })
      .finally(() => {
        if (--this.pending === 0) for (const resolve of this.waiting.splice(0)) resolve();
      });
  }

  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}
