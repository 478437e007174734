// Bundles the extension host code, the CLI, the recognizer's worker thread and the report webview app. `--production`
// minifies (for the .vsix); the default build keeps sourcemaps for debugging; `--watch` rebuilds on change.
// `--target=<vsce target>` (linux-x64, linux-arm64, linux-armhf, alpine-x64, alpine-arm64) ships
// koffi's native module for that platform only; by default for Linux x64 and arm64 (see koffiNatives).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const target = process.argv.find((arg) => arg.startsWith('--target='))?.slice('--target='.length);

// koffi's platforms (build/koffi/<triplet>/koffi.node) by vsce's name for a platform-specific package.
// The engine loads Linux's libpocketsphinx.so.3, so only Linux ones are offered. On musl, koffi
// asks for linux_<arch> first, then musl_<arch>.
const KOFFI_TRIPLETS = {
  'linux-x64': 'linux_x64',
  'linux-arm64': 'linux_arm64',
  'linux-armhf': 'linux_armhf',
  'alpine-x64': 'musl_x64',
  'alpine-arm64': 'musl_arm64',
};
const UNIVERSAL = ['linux-x64', 'linux-arm64'];
if (target !== undefined && !(target in KOFFI_TRIPLETS)) {
  console.error(`esbuild.mjs: --target must be one of ${Object.keys(KOFFI_TRIPLETS).join(', ')}, not '${target}'`);
  process.exit(2);
}
const triplets = (target ? [target] : UNIVERSAL).map((name) => KOFFI_TRIPLETS[name]);

/**
 * koffi is bundled (its loader is plain JavaScript), its native modules are not: koffi's index.js
 * requires ./build/koffi/<triplet>/koffi.node for each of its 18 platforms (≈ 1.5 MB each). Those
 * requires are left to run time, pointed at dist/koffi/<triplet>/koffi.node, and only the wanted
 * platforms' files are copied there; on any other platform the require fails and koffi says so.
 */
const koffiNatives = {
  name: 'koffi-natives',
  setup(build) {
    build.onResolve({ filter: /^\.\/build\/koffi\/[^/]+\/koffi\.node$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]koffi[\\/]/.test(args.importer)) return undefined;
      return { path: args.path.replace('./build/koffi/', './koffi/'), external: true };
    });
  },
};

function copyKoffiNatives() {
  const from = path.join('node_modules', 'koffi', 'build', 'koffi');
  const to = path.join('dist', 'koffi');
  // Emptied first: natives of an earlier build for another target must not reach this package.
  fs.rmSync(to, { recursive: true, force: true });
  for (const triplet of triplets) {
    fs.mkdirSync(path.join(to, triplet), { recursive: true });
    fs.copyFileSync(path.join(from, triplet, 'koffi.node'), path.join(to, triplet, 'koffi.node'));
  }
}

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
  plugins: [koffiNatives],
  // yazl's CRC-32 through Node's native zlib.crc32 (src/core/formats/crc32.ts).
  alias: { 'buffer-crc32': './src/core/formats/crc32.ts' },
};

const builds = [
  // Banner and footer mark when the bundle starts and ends loading, for the activation time (module
  // load + activate(); the wait in between is VS Code's, e.g. for the extension's stored state).
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], banner: { js: 'globalThis.__customSpeechLoadStarted = performance.now();' }, footer: { js: 'globalThis.__customSpeechLoadEnded = performance.now();' } },
  // The CLI: a small dispatcher and one bundle per command group, required at run time (src/cli.ts).
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, external: ['./cli-lint.js', './cli-commands.js'] },
  { ...common, entryPoints: ['src/cli/lint-bundle.ts'], outfile: 'dist/cli-lint.js' },
  { ...common, entryPoints: ['src/cli/commands-bundle.ts'], outfile: 'dist/cli-commands.js' },
  // Started by DecodePool from the bundle's directory (dist/): a worker thread needs a file of its own.
  // The only bundle that loads koffi.
  { ...common, entryPoints: ['src/engine/recognizer/decode-worker.ts'], outfile: 'dist/decode-worker.js' },
  // The evaluation report's webview app (also inlined into exported self-contained HTML) and its style sheet.
  {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    legalComments: 'none',
    entryPoints: [
      { in: 'media/report/src/main.ts', out: 'report' },
      { in: 'media/report/report.css', out: 'report' },
    ],
    outdir: 'dist/webview',
  },
];

copyKoffiNatives();
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
