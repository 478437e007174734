// Speaks the sample transcript with espeak-ng and converts it with sox to the service's format
// (16 kHz, mono, 16-bit PCM). Some mistakes are made on purpose so the editor has something to
// show: one file is left out, one is recorded at 44.1 kHz stereo, one is not in the transcript.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const folder = path.resolve(process.argv[2] ?? 'samples/bike-shop/audio');
const transcript = path.join(folder, 'trans.txt');
const leftOut = new Set(['call-13.wav']);
const wrongFormat = new Set(['call-09.wav']);
const extra = { 'voicemail-01.wav': 'hi this is sam calling about my wheel build' };
const voices = ['en-us+klatt', 'en-us+klatt2', 'en-us+klatt3', 'en-us+klatt4'];

for (const tool of ['espeak-ng', 'sox']) {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
  } catch {
    console.error(`make-sample-audio: '${tool}' is missing; run 'npm run setup' (installs espeak-ng and sox).`);
    process.exit(1);
  }
}

const lines = readFileSync(transcript, 'utf8').split(/\r?\n/);
const wanted = { ...extra };
for (const line of lines) {
  const [name, text] = line.split('\t');
  if (name?.endsWith('.wav') && !leftOut.has(name) && !(name in wanted)) wanted[name] = text?.trim() || 'sorry wrong number';
}

const work = mkdtempSync(path.join(tmpdir(), 'cs-sample-audio-'));
let made = 0;
try {
  for (const [index, [name, text]] of Object.entries(wanted).entries()) {
    const target = path.join(folder, name);
    if (existsSync(target)) continue;
    const raw = path.join(work, 'raw.wav');
    const voice = voices[index % voices.length];
    execFileSync('espeak-ng', ['-v', voice, '-s', String(150 + (index % 4) * 8), '-w', raw, text]);
    const format = wrongFormat.has(name) ? ['-r', '44100', '-c', '2'] : ['-r', '16000', '-c', '1'];
    execFileSync('sox', ['-R', '-V1', raw, ...format, '-b', '16', target, 'gain', '-3', 'pad', '0.25', '0.25']);
    made++;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`make-sample-audio: ${made} file(s) written to ${path.relative(process.cwd(), folder) || '.'}`);
