// Shared by the benchmarks: generated data under bench/data/, and one way to time a process.
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const root = path.resolve(import.meta.dirname, '..');
export const data = path.join(root, 'bench', 'data');
export const cli = path.join(root, 'dist', 'cli.js');
mkdirSync(data, { recursive: true });


export const words = ('book a service for my road bike the rear derailleur skips on smallest cog do you stock tubeless sealant gravel tires ' +
  'can true wheel while i wait need two new brake pads shimano disc caliper chain snapped climb walked home again cargo ready pick up ' +
  'please call me back bottom bracket creaks when stand pedals how much is cassette installed what time close saturday rent e weekend').split(' ');

export function rng(seed) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function sentence(random) {
  const n = 6 + Math.floor(random() * 12);
  const out = [];
  for (let i = 0; i < n; i++) out.push(words[Math.floor(random() * words.length)]);
  return out.join(' ');
}

/** Related text of the bike-shop domain, about `bytes` long, with its BOM: what a Language dataset holds. */
export function domainText(bytes, seed = 9) {
  const random = rng(seed);
  const lines = [];
  for (let length = 0; length < bytes; ) {
    const line = sentence(random);
    lines.push(line);
    length += line.length + 1;
  }
  return '\uFEFF' + lines.join('\n') + '\n';
}

const TEST_VOICES = ['en-us+klatt', 'en-us+klatt2', 'en-us+klatt3', 'en-us+klatt4'];

/**
 * `count` test utterances of 8–13 domain words, spoken in turn by four espeak-ng klatt voices and
 * made 16 kHz mono 16-bit by sox (`utt-<i>.wav` in `folder`, a quarter second of silence each side).
 */
export function spokenUtterances(folder, count, seed) {
  const random = rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const said = Array.from({ length: 8 + Math.floor(random() * 6) }, () => words[Math.floor(random() * words.length)]).join(' ');
    const raw = path.join(folder, `raw-${i}.wav`);
    const name = `utt-${i}.wav`;
    const file = path.join(folder, name);
    execFileSync('espeak-ng', ['-v', TEST_VOICES[i % TEST_VOICES.length], '-s', '160', '-w', raw, said]);
    execFileSync('sox', ['-R', raw, '-r', '16000', '-c', '1', '-b', '16', file, 'pad', '0.25', '0.25'], { stdio: ['ignore', 'ignore', 'inherit'] });
    rmSync(raw);
    return { name, file, said, seconds: (statSync(file).size - 44) / 32000 };
  });
}

export async function generate(file, bytes, lineOf) {
  if (existsSync(file) && statSync(file).size >= bytes) return;
  const random = rng(42);
  const stream = createWriteStream(file);
  let written = 0;
  let chunk = '';
  for (let i = 0; written < bytes; i++) {
    chunk += lineOf(random, i) + '\n';
    if (chunk.length > 1 << 20) {
      written += Buffer.byteLength(chunk);
      if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
      chunk = '';
    }
  }
  await new Promise((resolve) => stream.end(chunk, resolve));
}

/**
 * Runs `command` `runs` times (a short run is at the mercy of one noisy moment) and gives the median
 * run's seconds and peak memory; `env` replaces the environment.
 */
export function measure(command, args, { runs = 1, env = process.env } = {}) {
  const measured = [];
  for (let i = 0; i < runs; i++) measured.push(measureOnce(command, args, env));
  return measured.sort((a, b) => a.seconds - b.seconds)[Math.floor(runs / 2)];
}

function measureOnce(command, args, env) {
  const started = performance.now();
  // Output goes to a file (not /dev/null, where grep stops at the first match); GNU time reports on stderr.
  const output = openSync(path.join(data, 'output.txt'), 'w');
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', stdio: ['ignore', output, 'pipe'], env });
  closeSync(output);
  const seconds = (performance.now() - started) / 1000;
  const peakKb = Number(result.stderr.trim().split('\n').at(-1));
  return { seconds, peakMb: peakKb / 1024, status: result.status };
}

export function row(name, tool, bytes, m) {
  const mbps = bytes / 1e6 / m.seconds;
  return { benchmark: name, tool, 'MB/s': mbps.toFixed(1), seconds: m.seconds.toFixed(2), 'peak MB': m.peakMb.toFixed(0) };
}

/** A 16 kHz mono 16-bit PCM WAV file holding `samples` (an Int16Array). */
export function pcmWav(samples) {
  const data = samples.length * 2;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(16000, 24);
  header.writeUInt32LE(32000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, data)]);
}
