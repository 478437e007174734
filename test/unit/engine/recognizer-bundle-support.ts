import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultDecodeWorkerScript } from '../../../src/engine/recognizer/decode-pool';

/**
 * These tests run from tsc's out/ tree (`npm run test:unit`) or bundled by esbuild into a single file
 * anywhere, e.g. /tmp. A bundle outside the project finds neither `koffi` nor a decode worker beside
 * it; these helpers supply both from the project (mocha runs in its root).
 */

/** Lets the bundle's `require('koffi')` look in the project's node_modules too. */
export function resolveModulesFromProject(): void {
  const projectModules = path.resolve('node_modules');
  if (!module.paths.includes(projectModules)) module.paths.push(projectModules);
}

/** The worker tsc compiled beside decode-pool.js, or else one bundled now into node_modules/.cache (where `koffi` resolves). */
export function decodeWorkerScript(): string {
  const beside = defaultDecodeWorkerScript();
  if (fs.existsSync(beside)) return beside;
  const outfile = path.resolve('node_modules/.cache/custom-speech-tests/decode-worker.js');
  const esbuild = path.resolve('node_modules/.bin/esbuild');
  execFileSync(esbuild, ['src/engine/recognizer/decode-worker.ts', '--bundle', '--platform=node', '--external:koffi', `--outfile=${outfile}`, '--log-level=warning']);
  return outfile;
}
