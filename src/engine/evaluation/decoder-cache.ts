import { DecodePool, type ModelConfig } from '../recognizer';

/** How long an unused decoder stays loaded (each holds a model of 150–220 MB). */
const IDLE_MILLISECONDS = 120_000;

/**
 * Warm decoders for `transcriptions:transcribe`: loading a model takes longer than decoding a short
 * file, so one worker per model stays loaded between requests and is freed when unused.
 */
export class DecoderCache {
  private readonly pools = new Map<string, { pool: DecodePool; timer?: NodeJS.Timeout }>();

  async decode(model: ModelConfig, file: string): Promise<import('../recognizer').FileDecodeResult> {
    const key = JSON.stringify(model);
    let entry = this.pools.get(key);
    if (!entry) {
      entry = { pool: new DecodePool(model, { concurrency: 1 }) };
      this.pools.set(key, entry);
    }
    clearTimeout(entry.timer);
    try {
      const [result] = await entry.pool.decode([file]);
      return result!;
    } catch (error) {
      // A pool whose worker died answers nothing but errors: drop it, the next request loads afresh.
      await this.evict(key, entry.pool);
      throw error;
    } finally {
      const current = entry;
      if (this.pools.get(key) === current) {
        current.timer = setTimeout(() => void this.evict(key, current.pool), IDLE_MILLISECONDS);
        current.timer.unref();
      }
    }
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    for (const { pool, timer } of pools) {
      clearTimeout(timer);
      await pool.close();
    }
  }

  private async evict(key: string, pool: DecodePool): Promise<void> {
    if (this.pools.get(key)?.pool !== pool) return;
    this.pools.delete(key);
    await pool.close();
  }
}
