/** Kinds of work that queue separately: an import never waits behind an hour of decoding. */
export type JobLane = 'import' | 'train' | 'evaluate' | 'deploy';

/**
 * Long-running work (imports, training, evaluations) run in the background, one at a time per lane,
 * so a request never waits for it; `idle()` lets tests and shutdown wait until nothing runs.
 */
export class JobQueue {
  private readonly tails = new Map<JobLane, Promise<void>>();
  private pending = 0;
  private readonly waiting: (() => void)[] = [];

  add(lane: JobLane, name: string, job: () => Promise<void>): void {
    this.pending++;
    const tail = (this.tails.get(lane) ?? Promise.resolve())
      .then(job)
      .catch((error: unknown) => {
        // Jobs record their own failures on their entity; this is a bug in a job, not bad input.
        process.stderr.write(`custom-speech engine: job ${name} crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      })
      .finally(() => {
        if (--this.pending === 0) for (const resolve of this.waiting.splice(0)) resolve();
      });
    this.tails.set(lane, tail);
  }

  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}
