// The local engine: a 1 GB dataset uploaded in 8 MiB blocks over loopback (4 in flight), committed
// and imported, with the engine's peak memory read from /proc; `cp` of the same file is the disk floor.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { data, rng, sentence } from './common.mjs';
import { idOf, startEngineProcess } from './engine-process.mjs';

const BLOCK = 8 * 1024 * 1024;

export async function benchEngine() {
  const file = path.join(data, 'upload-1gb.txt');
  if (!existsSync(file) || statSync(file).size < 1e9) {
    const random = rng(5);
    let text = '\uFEFF';
    while (text.length < 16 * 1024 * 1024) text += sentence(random) + '\n';
    const chunk = Buffer.from(text.slice(1));
    const out = openSync(file, 'w');
    let written = 0;
    written += writeSync(out, Buffer.from('\uFEFF'));
    while (written < 1e9) written += writeSync(out, chunk);
    closeSync(out);
  }
  const size = statSync(file).size;
  const dataDir = path.join(data, 'engine-data');
  rmSync(dataDir, { recursive: true, force: true });
  const engine = await startEngineProcess(dataDir);
  const { call } = engine;
  const created = await call('POST', '/datasets', { kind: 'Language', displayName: 'bench 1 GB', locale: 'en-US' });
  const id = idOf(created.self);
  const blocks = Math.ceil(size / BLOCK);
  const ids = Array.from({ length: blocks }, (_, i) => Buffer.from(String(i).padStart(6, '0')).toString('base64'));
  const fd = openSync(file, 'r');
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    const buffer = Buffer.allocUnsafe(BLOCK);
    while (next < blocks) {
      const i = next++;
      const length = readSync(fd, buffer, 0, BLOCK, i * BLOCK);
      await call('PUT', `/datasets/${id}/blocks?blockid=${encodeURIComponent(ids[i])}`, new Blob([buffer.subarray(0, length)]));
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  const uploaded = performance.now();
  await call('POST', `/datasets/${id}/blocks:commit`, ids.map((b) => ({ kind: 'Uncommitted', id: b })));
  const committed = performance.now();
  // The import: join the blocks, then validate 1 GB of related text (over the 200 MB limit: it ends Failed, as on the service).
  const settled = await engine.settle(`/datasets/${id}`);
  const imported = performance.now();
  closeSync(fd);
  const peakMb = engine.peakMb();
  await engine.stop();
  const copy = path.join(data, 'upload-copy.bin');
  const copyStarted = performance.now();
  spawnSync('cp', [file, copy]);
  const copySeconds = (performance.now() - copyStarted) / 1000;
  rmSync(copy, { force: true });
  rmSync(dataDir, { recursive: true, force: true });
  const mb = size / 1e6;
  console.table([
    { benchmark: `upload ${(size / 1e9).toFixed(2)} GB in 8 MiB blocks`, tool: 'engine, 4 blocks in flight', 'MB/s': (mb / ((uploaded - started) / 1000)).toFixed(0), seconds: ((uploaded - started) / 1000).toFixed(2), 'engine peak MB': peakMb.toFixed(0) },
    { benchmark: 'commit', tool: 'engine', 'MB/s': '', seconds: ((committed - uploaded) / 1000).toFixed(2), 'engine peak MB': '' },
    { benchmark: `import: join the blocks and lint (${settled.status}: ${settled.properties?.error?.code ?? 'ok'})`, tool: 'engine', 'MB/s': (mb / ((imported - committed) / 1000)).toFixed(0), seconds: ((imported - committed) / 1000).toFixed(2), 'engine peak MB': '' },
    { benchmark: `copy the same file`, tool: 'cp', 'MB/s': (mb / copySeconds).toFixed(0), seconds: copySeconds.toFixed(2), 'engine peak MB': '' },
  ]);
}
