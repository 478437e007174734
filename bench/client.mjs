// The client (core/api, core/upload) against the local engine, each task in its own process for its
// peak memory: a 1 GB Acoustic folder uploaded (zipped as it streams, block ids hashed, 4 blocks in
// flight) next to the same zip's bytes sent by a bare fetch loop; and 5,000 datasets listed page by
// page next to a bare fetch loop following @nextLink.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pipeline } from 'node:stream/promises';
import { closeSync, createWriteStream, existsSync, linkSync, mkdirSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';
import { data, pcmWav, rng, root, sentence } from './common.mjs';
import { idOf, startEngineProcess } from './engine-process.mjs';

const KEY = 'bench-key-0123456789abcdef';
const WAV_SECONDS = 10;
const FILES = 3200; // 3,200 × 10 s of 16 kHz 16-bit mono ≈ 1.02 GB

export async function benchClient() {
  const bundle = path.join(data, 'client-bundle.cjs');
  await esbuild.build({ stdin: { contents: "export { SpeechClient } from './src/core/api/client'; export { uploadDataset } from './src/core/upload/upload-dataset'; export { datasetContent } from './src/core/upload/dataset-content';", resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error', alias: { 'buffer-crc32': './src/core/formats/crc32.ts' } });
  const folder = acousticFolder();
  const dataDir = path.join(data, 'client-engine-data');
  rmSync(dataDir, { recursive: true, force: true });
  const engine = await startEngineProcess(dataDir);
  const rows = [];
  try {
    const upload = runTask(bundle, ['upload', engine.url, folder]);
    rows.push({ benchmark: `upload a ${(upload.result.bytes / 1e9).toFixed(2)} GB Acoustic folder`, tool: 'custom-speech client (zip as it streams)', 'MB/s': (upload.result.bytes / 1e6 / upload.result.uploadSeconds).toFixed(0), seconds: upload.result.uploadSeconds.toFixed(2), 'client peak MB': upload.peakMb.toFixed(0) });
    rows.push({ benchmark: '  same bytes, prepared zip file', tool: 'bare fetch loop, 4 MiB blocks', ...(await bareUpload(engine, bundle, folder)) });

    for (let i = 0; i < 5000; i += 100) await Promise.all(Array.from({ length: 100 }, (_, k) => engine.call('POST', '/datasets', { kind: 'Language', displayName: `listed ${i + k}`, locale: 'en-US' })));
    const list = runTask(bundle, ['list', engine.url]);
    rows.push({ benchmark: `list ${list.result.count} datasets, 100 per page`, tool: 'custom-speech client', 'MB/s': '', seconds: list.result.seconds.toFixed(2), 'client peak MB': list.peakMb.toFixed(0) });
    rows.push({ benchmark: '  same list', tool: 'bare fetch loop on @nextLink', ...(await bareList(engine)) });
  } finally {
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.table(rows);
}

function runTask(bundle, args) {
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(import.meta.dirname, 'client-task.mjs'), bundle, ...args], { encoding: 'utf8', env: { ...process.env, CUSTOM_SPEECH_KEY: KEY } });
  if (result.status !== 0) throw new Error(`client task ${args[0]} failed: ${result.stderr}`);
  return { result: JSON.parse(result.stdout.trim().split('\n').at(-1)), peakMb: Number(result.stderr.trim().split('\n').at(-1)) / 1024 };
}

/** The reference: the zip written once to disk, then sent with 4 fetches in flight. */
async function bareUpload(engine, bundle, folder) {
  const zip = path.join(data, 'client-acoustic.zip');
  const content = await createRequire(import.meta.url)(bundle).datasetContent(folder, 'Acoustic');
  await pipeline(content.open(), createWriteStream(zip));
  const size = statSync(zip).size;
  const created = await engine.call('POST', '/datasets', { kind: 'Acoustic', displayName: 'bare', locale: 'en-US' });
  const id = idOf(created.self);
  const BLOCK = 4 * 1024 * 1024;
  const blocks = Math.ceil(size / BLOCK);
  const fd = openSync(zip, 'r');
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      const buffer = Buffer.allocUnsafe(BLOCK);
      while (next < blocks) {
        const i = next++;
        const length = readSync(fd, buffer, 0, BLOCK, i * BLOCK);
        await engine.call('PUT', `/datasets/${id}/blocks?blockid=${Buffer.from(String(i).padStart(6, '0')).toString('base64')}`, new Blob([buffer.subarray(0, length)]));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  closeSync(fd);
  rmSync(zip, { force: true });
  return { 'MB/s': (size / 1e6 / seconds).toFixed(0), seconds: seconds.toFixed(2), 'client peak MB': '' };
}

async function bareList(engine) {
  const started = performance.now();
  let route = '/datasets?top=100';
  let count = 0;
  while (route) {
    const page = await engine.call('GET', route);
    count += page.values.length;
    route = page['@nextLink'] ? page['@nextLink'].replace(/^.*\/speechtotext/, '').replace(/[?&]api-version=[^&]*/, '') : undefined;
  }
  return { 'MB/s': '', seconds: ((performance.now() - started) / 1000).toFixed(2), 'client peak MB': `(${count} listed)` };
}

/** 3,200 ten-second WAV files (hard links to four sources) and their transcript. */
function acousticFolder() {
  const folder = path.join(data, 'acoustic-1gb');
  mkdirSync(folder, { recursive: true });
  const sources = [0, 1, 2, 3].map((k) => {
    const file = path.join(data, `tone-${k}.wav.bin`);
    if (!existsSync(file)) writeFileSync(file, toneWav(WAV_SECONDS, 200 + 50 * k));
    return file;
  });
  const random = rng(11);
  const lines = [];
  for (let i = 0; i < FILES; i++) {
    const name = `call-${String(i).padStart(5, '0')}.wav`;
    if (!existsSync(path.join(folder, name))) linkSync(sources[i % 4], path.join(folder, name));
    lines.push(`${name}\t${sentence(random)}`);
  }
  writeFileSync(path.join(folder, 'trans.txt'), lines.join('\n') + '\n');
  return folder;
}

function toneWav(seconds, pitch) {
  return pcmWav(Int16Array.from({ length: 16000 * seconds }, (_, i) => Math.round(3000 * Math.sin((2 * Math.PI * pitch * i) / 16000))));
}
