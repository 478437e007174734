/**
 * How often a crashed process may be restarted: at most `maxRestarts` within any `windowMs`. A process
 * that keeps dying (a broken install, a full disk) then stays down instead of looping.
 */
export class RestartBudget {
  private restarts: number[] = [];

  constructor(
    readonly maxRestarts = 3,
    readonly windowMs = 60_000,
  ) {}

  /** Takes one restart if the budget allows it at `now` (ms), and says whether it did. */
  tryTake(now: number): boolean {
    this.restarts = this.restarts.filter((at) => now - at < this.windowMs);
    if (this.restarts.length >= this.maxRestarts) return false;
    this.restarts.push(now);
    return true;
  }

  /** Forgets past restarts: the user asked for a fresh start. */
  reset(): void {
    this.restarts = [];
  }
}
