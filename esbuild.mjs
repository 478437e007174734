// Bundles the extension host code, the CLI and the recognizer's worker thread. `--production`
// minifies (for the .vsix); the default build keeps sourcemaps for debugging; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  // koffi loads a native module per platform: it stays in node_modules, required at run time.
  external: ['koffi'],
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', 'koffi'] },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Started by DecodePool from the bundle's directory (dist/): a worker thread needs a file of its own.
  { ...common, entryPoints: ['src/engine/recognizer/decode-worker.ts'], outfile: 'dist/decode-worker.js' },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
