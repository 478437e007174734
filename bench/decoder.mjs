// The engine's decoder search settings next to PocketSphinx's own defaults, on more speech than the
// evaluation benchmark holds: the base model on the LibriVox read speech of pocketsphinx-testdata,
// and a custom model (trained by the engine from related text) on 96 synthetic utterances in four
// voices. Speed and word errors decide whether a search setting earns its place. Each setting
// decodes in its own process, the two at once, each pinned to a core, so the host's swings hit
// both alike.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import esbuild from 'esbuild';
import { data, domainText, root, spokenUtterances } from './common.mjs';
import { idOf, startEngineProcess } from './engine-process.mjs';

const UTTERANCES = 96;
const LIBRIVOX = '/usr/share/pocketsphinx/test/data/librivox';
const folder = path.join(data, 'decoder');
const bundle = path.join(folder, 'recognizer-bundle.cjs');

export async function benchDecoder() {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  await esbuild.build({
    stdin: {
      contents: "export { Recognizer, DECODER_SETTINGS } from './src/engine/recognizer/recognizer'; export { baseModelPaths } from './src/engine/recognizer/model-paths'; export { readPcmWav } from './src/engine/recognizer/pcm-wav'; export { domainModelFile } from './src/engine/training/domain-language-model'; export { editCounts } from './src/core/scoring/align';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error', external: ['koffi'],
    alias: { 'buffer-crc32': './src/core/formats/crc32.ts' },
  });
  const recognizer = loadBundle();

  const synthetic = syntheticSet();
  const librivox = librivoxSet();
  const custom = await trainCustomModel(recognizer);
  const settings = { engine: recognizer.DECODER_SETTINGS, 'PocketSphinx defaults': [] };
  const sets = [
    { name: `LibriVox read speech, ${librivox.length} clips`, kind: 'base', model: recognizer.baseModelPaths(), utterances: librivox },
    { name: `synthetic speech, ${synthetic.length} utterances`, kind: 'custom', model: custom, utterances: synthetic },
  ];
  const rows = [];
  for (const set of sets) {
    const names = Object.keys(settings);
    const runs = await Promise.all(names.map((name, core) => decodeInChild(set, settings[name], core)));
    for (const [k, name] of names.entries()) {
      const { cpuSeconds, errors, words: count, audioSeconds } = runs[k];
      rows.push({
        benchmark: set.name, model: set.kind, search: name === 'engine' ? `engine: ${settings.engine.map((s) => s.join(' ')).join(' ')}` : name,
        'x real time per core': (audioSeconds / cpuSeconds).toFixed(1), 'word errors': `${errors} of ${count}`, WER: `${((100 * errors) / count).toFixed(1)}%`,
      });
    }
  }
  console.table(rows);
  rmSync(folder, { recursive: true, force: true });
}

/** The recognizer's modules, bundled for this benchmark (the extension's bundles do not export them). */
function loadBundle() {
  return createRequire(import.meta.url)(bundle);
}

/** Synthetic speech of the bike-shop words in four klatt voices, a seed of its own. */
function syntheticSet() {
  const audio = path.join(folder, 'synthetic');
  mkdirSync(audio);
  return spokenUtterances(audio, UTTERANCES, 77).map((u) => ({ file: u.file, reference: u.said }));
}

function librivoxSet() {
  if (!existsSync(LIBRIVOX)) throw new Error(`${LIBRIVOX} is missing: apt-get install pocketsphinx-testdata`);
  return readFileSync(path.join(LIBRIVOX, 'transcription'), 'utf8').trim().split('\n').map((line) => {
    const [, reference, id] = /^<s> (.*) <\/s> \((.*)\)$/.exec(line.trim());
    return { file: path.join(LIBRIVOX, `${id}.wav`), reference };
  });
}

/** A custom model as a user makes one: 2 MB of related text of the same domain, trained by the engine. */
async function trainCustomModel({ baseModelPaths, domainModelFile }) {
  const related = path.join(folder, 'related.txt');
  writeFileSync(related, domainText(2e6));
  const dataDir = path.join(folder, 'engine');
  const engine = await startEngineProcess(dataDir);
  try {
    const dataset = await engine.call('POST', '/datasets', { kind: 'Language', displayName: 'related', locale: 'en-US', contentUrl: pathToFileURL(related).href });
    if ((await engine.settle(`/datasets/${idOf(dataset.self)}`)).status !== 'Succeeded') throw new Error('the related text did not import');
    const created = await engine.call('POST', '/models', { displayName: 'decoder bench', locale: 'en-US', datasets: [{ self: dataset.self }] });
    const model = await engine.settle(`/models/${idOf(created.self)}`);
    if (model.status !== 'Succeeded') throw new Error(JSON.stringify(model.properties));
    const modelFolder = path.join(dataDir, 'model-files', idOf(created.self));
    return { ...baseModelPaths(), dictionary: path.join(modelFolder, 'dictionary.dict'), domainLanguageModel: { path: domainModelFile(modelFolder), weight: model.properties.customModelWeightPercent / 100 } };
  } finally {
    await engine.stop();
  }
}

/** Decodes the set with `settings` in a child process pinned to `core`: its CPU seconds and word errors. */
function decodeInChild(set, settings, core) {
  const job = JSON.stringify({ model: set.model, utterances: set.utterances, settings });
  const child = spawn('taskset', ['-c', String(core), process.execPath, import.meta.filename, '--decode'], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(job);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`the decoding child exited with ${code}`)))));
}

async function decodeJob() {
  const { model, utterances, settings } = JSON.parse(readFileSync(0, 'utf8'));
  const { Recognizer, readPcmWav, editCounts } = loadBundle();
  const ids = new Map();
  const tokens = (text) => text.toLowerCase().split(/\s+/).filter(Boolean).map((word) => ids.get(word) ?? ids.set(word, ids.size).get(word));
  const recognizer = new Recognizer(model, settings);
  const started = process.cpuUsage();
  let audioSeconds = 0;
  let errors = 0;
  let count = 0;
  for (const { file, reference } of utterances) {
    const hypothesis = recognizer.decode(readPcmWav(file));
    audioSeconds += hypothesis.audioSeconds;
    const ref = tokens(reference);
    const { substitutions, deletions, insertions } = editCounts(ref, tokens(hypothesis.text));
    errors += substitutions + deletions + insertions;
    count += ref.length;
  }
  const used = process.cpuUsage(started);
  recognizer.free();
  process.stdout.write(JSON.stringify({ cpuSeconds: (used.user + used.system) / 1e6, audioSeconds, errors, words: count }));
}

if (process.argv[2] === '--decode') await decodeJob();
