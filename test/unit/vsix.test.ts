import * as assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { extractDatasetZip } from '../../src/core/formats/dataset-zip';
import { speak } from './engine/recognizer-speech';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, 'dist', 'custom-speech.vsix');
const KEY = 'vsix-test-key-0123456789';

/** What the package is built from; a .vsix newer than all of it is reused, else `npm run package` runs. */
const INPUTS = ['src', 'media', 'docs/rules.md', 'package.json', '.vscodeignore', 'esbuild.mjs', 'scripts/package.mjs', 'README.md', 'LICENSE', 'CHANGELOG.md', 'node_modules/koffi/package.json'];

function newestModification(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(file).map((name) => newestModification(path.join(file, name))));
}

function packageIfStale(): void {
  const built = existsSync(vsix) ? statSync(vsix).mtimeMs : 0;
  if (built > Math.max(...INPUTS.map((input) => newestModification(path.join(root, input))))) return;
  execFileSync(process.execPath, [path.join(root, 'scripts', 'package.mjs')], { cwd: root, stdio: 'pipe' });
}

/** Every entry the .vsix may hold; dist/ is listed exactly below. */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/docs\/rules\.md$/,
  /^extension\/media\/icon\.png$/,
  /^extension\/media\/activity-bar\.svg$/,
  /^extension\/media\/customspeech\.schema\.json$/,
  /^extension\/media\/walkthrough\/[\w-]+\.md$/,
  /^extension\/media\/syntaxes\/[\w-]+\.tmLanguage\.json$/,
  /^extension\/media\/language-configuration\/[\w-]+\.json$/,
];
/** The bundles, and koffi's native module for the platforms of the universal package (esbuild.mjs). */
const DIST = ['cli-commands.js', 'cli-lint.js', 'cli.js', 'decode-worker.js', 'extension.js', 'koffi/linux_arm64/koffi.node', 'koffi/linux_x64/koffi.node', 'webview/report.css', 'webview/report.js'];

/** `custom-speech serve` from the extracted package; resolves with its URL once it listens. */
function serve(cli: string, cwd: string, dataDir: string): { child: ChildProcess; url: Promise<string>; output: () => string } {
  // Nothing from this machine's Node set-up may supply a module: no NODE_PATH, no ~/.node_modules.
  const env: NodeJS.ProcessEnv = { ...process.env, CUSTOM_SPEECH_KEY: KEY, HOME: cwd };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, [cli, 'serve', '--data', dataDir, '--port', '0'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  return { child, url, output: () => output };
}

describe('the packaged extension (.vsix)', function () {
  this.timeout(60_000);
  let folder: string;
  let entries: string[];

  before(async function () {
    this.timeout(120_000);
    packageIfStale();
    folder = mkdtempSync(path.join(tmpdir(), 'cs-vsix-'));
    entries = (await extractDatasetZip(vsix, path.join(folder, 'package'))).map((file) => file.name).sort();
  });

  after(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('holds what the extension and its engine need at run time, and nothing else (.vscodeignore allowlist)', () => {
    const dist = entries.filter((entry) => entry.startsWith('extension/dist/')).map((entry) => entry.slice('extension/dist/'.length));
    assert.deepEqual(dist, DIST, 'dist/: the bundles without sourcemaps, koffi natives for Linux x64 and arm64 only');
    const unexpected = entries.filter((entry) => !entry.startsWith('extension/dist/') && !ALLOWED.some((allowed) => allowed.test(entry)));
    assert.deepEqual(unexpected, [], 'entries outside the allowlist');
    const needed = ['extension/package.json', 'extension/readme.md', 'extension/docs/rules.md', 'extension/media/icon.png', 'extension/media/activity-bar.svg', 'extension/media/customspeech.schema.json'];
    for (const contributed of [...manifest.contributes.grammars.map((g: { path: string }) => g.path), ...manifest.contributes.languages.map((l: { configuration: string }) => l.configuration)]) {
      needed.push(`extension/${contributed.replace(/^\.\//, '')}`);
    }
    for (const entry of needed) assert.ok(entries.includes(entry), `${entry} is packaged`);
    // All 18 of koffi's platforms would be ≈ 8 MB compressed: two of them keep the package near 1 MB.
    assert.ok(statSync(vsix).size < 2 * 1024 ** 2, `the .vsix is ${statSync(vsix).size} bytes`);
  });

  it('runs the local engine with no node_modules around: koffi and PocketSphinx decode speech in a worker thread', async function () {
    if (process.platform !== 'linux' || process.arch !== 'x64') this.skip(); // the one platform this machine can run
    const extension = path.join(folder, 'package', 'extension');
    for (let dir = extension; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      assert.ok(!existsSync(path.join(dir, 'node_modules')), `${dir}/node_modules would let the package borrow modules`);
    }
    const audio = speak('the quick brown fox jumps over the lazy dog', folder, 'fox');
    const engine = serve(path.join(extension, 'dist', 'cli.js'), folder, path.join(folder, 'data'));
    try {
      const url = await engine.url;
      const form = new FormData();
      form.set('audio', new Blob([readFileSync(audio)]), 'fox.wav');
      form.set('definition', JSON.stringify({ locales: ['en-US'] })); // no model: the base model
      const response = await fetch(`${url}/speechtotext/transcriptions:transcribe?api-version=2025-10-15`, { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': KEY }, body: form });
      const body = await response.text();
      assert.equal(response.status, 200, `${body}\n${engine.output()}`);
      const result = JSON.parse(body);
      assert.match(result.combinedPhrases[0].text, /lazy dog/);
      assert.ok(result.durationMilliseconds > 1000);
      // The native code the engine runs came from the package (and the system's PocketSphinx), not from a checkout.
      const maps = readFileSync(`/proc/${engine.child.pid}/maps`, 'utf8');
      assert.ok(maps.includes(path.join(extension, 'dist', 'koffi', 'linux_x64', 'koffi.node')), 'koffi.node is loaded from the package');
      assert.ok(maps.includes('libpocketsphinx.so.3'), 'libpocketsphinx is loaded');
      assert.ok(!maps.includes('node_modules'), 'nothing is loaded from a node_modules folder');
      const exited = new Promise((resolve) => engine.child.once('exit', resolve));
      engine.child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (engine.child.exitCode === null && engine.child.signalCode === null) engine.child.kill('SIGKILL');
    }
  });
});
