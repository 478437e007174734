import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { moveIntoPlace } from '../store/atomic-file';
import { runTool } from './sphinx-tools';

/** The domain language model training writes into a model's folder: ARPA text (readable, the source of truth). */
export const DOMAIN_ARPA = 'domain.arpa';
/** The same model in PocketSphinx's binary trie format, which the decoder loads faster. */
export const DOMAIN_BINARY = 'domain.lm.bin';

/** A converter still running after this long is stopped: 10 MB of domain text take about 0.4 s. */
const CONVERT_TIMEOUT_MS = 300_000;

/**
 * Writes the binary form of the folder's ARPA domain model with sphinx_lm_convert (sphinxbase-utils).
 * The decoder loads it in about 0.6 s instead of 1.0 s for 10 MB of domain text, which every
 * evaluation's decoder threads and an endpoint's first request pay. Its probabilities are quantized:
 * the recognized words stay the same (a test checks), the path scores move by a unit or two.
 * Best effort: without the program, or when it fails, the decoder reads the ARPA text, and `why`
 * says what happened.
 */
export async function compileDomainModel(folder: string, signal?: AbortSignal): Promise<{ compiled: true } | { compiled: false; why: string }> {
  const target = path.join(folder, DOMAIN_BINARY);
  // Written beside, then renamed into place; the name's extension tells the converter the format.
  const partial = path.join(folder, `partial-${DOMAIN_BINARY}`);
  try {
    await runTool('sphinx_lm_convert', ['-i', path.join(folder, DOMAIN_ARPA), '-o', partial], { timeoutMilliseconds: CONVERT_TIMEOUT_MS, ...(signal ? { signal } : {}) });
    await moveIntoPlace(partial, target);
    return { compiled: true };
  } catch (error) {
    // A binary of an earlier attempt may not match the ARPA text just written.
    await Promise.all([rm(partial, { force: true }), rm(target, { force: true })]);
    if (signal?.aborted) throw error;
    return { compiled: false, why: error instanceof Error ? error.message : String(error) };
  }
}

/** The domain model file the decoder should load from a model's folder: the binary when training made one. */
export function domainModelFile(folder: string): string {
  const binary = path.join(folder, DOMAIN_BINARY);
  return existsSync(binary) ? binary : path.join(folder, DOMAIN_ARPA);
}
