// Lint throughput and memory of the CLI next to reference tools on the same files: wc -l (the
// read-and-split ceiling) and grep -P (one regex rule); for the transcript also Node's own start-up
// (the floor under any Node CLI) and the lint alone, timed inside a process.
import { spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, linkSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { cli, data, generate, measure, pcmWav, rng, root, row, sentence } from './common.mjs';

export async function benchLint() {
  const related = path.join(data, 'related-200mb.txt');
  await generate(related, 200e6, (random, i) => (i === 0 ? '\uFEFF' : '') + sentence(random));
  const transcriptDir = path.join(data, 'transcript-100k');
  mkdirSync(transcriptDir, { recursive: true });
  const transcript = path.join(transcriptDir, 'trans.txt');
  const lineCount = 100_000;
  {
    const random = rng(7);
    const lines = Array.from({ length: lineCount }, (_, i) => `call-${String(i).padStart(6, '0')}.wav\t${sentence(random)}`);
    await new Promise((resolve) => createWriteStream(transcript).end(lines.join('\n') + '\n', resolve));
  }

  // The same transcript beside its 100,000 WAV files: hard links to two short files (a file system
  // allows about 65,000 links to one file), so the folder costs two files of disk.
  const withAudioDir = path.join(data, 'transcript-100k-audio');
  const withAudio = path.join(withAudioDir, 'trans.txt');
  mkdirSync(withAudioDir, { recursive: true });
  if (!existsSync(path.join(withAudioDir, `call-${String(lineCount - 1).padStart(6, '0')}.wav`))) {
    const sources = [0, 1].map((k) => {
      const file = path.join(withAudioDir, `source-${k}.wav.bin`);
      writeFileSync(file, silentWav(1 + k));
      return file;
    });
    for (let i = 0; i < lineCount; i++) {
      const name = path.join(withAudioDir, `call-${String(i).padStart(6, '0')}.wav`);
      if (!existsSync(name)) linkSync(sources[i % 2], name);
    }
  }
  copyFileSync(transcript, withAudio);
  const oneLineDir = path.join(data, 'transcript-1');
  mkdirSync(oneLineDir, { recursive: true });
  const oneLine = path.join(oneLineDir, 'trans.txt');
  writeFileSync(oneLine, 'call-000000.wav\tcan you true my wheel\n');

  const results = [];
  const relatedBytes = statSync(related).size;
  results.push(row('related text 200 MB', 'custom-speech lint', relatedBytes, measure(process.execPath, [cli, 'lint', related])));
  results.push(row('related text 200 MB', 'grep -cP (one rule)', relatedBytes, measure('grep', ['-cP', '[^\\x{0}-\\x{A1}]|https?://', related])));
  results.push(row('related text 200 MB', 'wc -l (read only)', relatedBytes, measure('wc', ['-l', related])));
  const transcriptBytes = statSync(transcript).size;
  results.push(row(`transcript ${lineCount / 1000}k lines, audio present`, 'custom-speech lint', transcriptBytes, measure(process.execPath, [cli, 'lint', withAudio])));
  results.push(row(`transcript ${lineCount / 1000}k lines, audio present`, 'node: read the 100k headers only', transcriptBytes, measure(process.execPath, [path.join(import.meta.dirname, 'read-headers.mjs'), withAudioDir])));
  results.push(row(`transcript ${lineCount / 1000}k lines, audio missing`, 'custom-speech lint', transcriptBytes, measure(process.execPath, [cli, 'lint', transcript])));
  // Runs of a fraction of a second: the median of 5.
  const short = { runs: 5 };
  const endToEnd = measure(process.execPath, [cli, 'lint', '--no-audio', transcript], short);
  results.push(row(`transcript ${lineCount / 1000}k lines, text rules`, 'custom-speech lint --no-audio', transcriptBytes, endToEnd));
  // The CLI's fixed cost (Node's start-up, loading the linter) on a one-line transcript, and what
  // the 100k lines add to it: the rate that holds whatever the size.
  const startUp = measure(process.execPath, [cli, 'lint', '--no-audio', oneLine], short);
  results.push({ ...row('transcript of 1 line', 'custom-speech lint --no-audio (start-up)', statSync(oneLine).size, startUp), 'MB/s': '' });
  results.push(row(`transcript ${lineCount / 1000}k lines, text rules`, 'the same, beyond start-up', transcriptBytes, { seconds: endToEnd.seconds - startUp.seconds, peakMb: endToEnd.peakMb }));
  const lintFileBundle = await bundleLintFile();
  results.push(row(`transcript ${lineCount / 1000}k lines, text rules`, 'the same, in process (no start-up)', transcriptBytes, measureInProcess(lintFileBundle, transcript, '--no-audio')));
  results.push(row(`transcript ${lineCount / 1000}k lines`, 'node -e 0 (start-up only)', transcriptBytes, measure(process.execPath, ['-e', '0'], short)));
  if (process.env.NODE_EXTRA_CA_CERTS) {
    // Node parses that CA bundle before running anything (70 ms here): the same two runs as on a
    // machine without it.
    const { NODE_EXTRA_CA_CERTS, ...plainEnv } = process.env;
    const plain = { ...short, env: plainEnv };
    const plainEndToEnd = measure(process.execPath, [cli, 'lint', '--no-audio', transcript], plain);
    results.push(row(`transcript ${lineCount / 1000}k lines, text rules`, 'custom-speech lint --no-audio, no NODE_EXTRA_CA_CERTS', transcriptBytes, plainEndToEnd));
    const plainStartUp = measure(process.execPath, [cli, 'lint', '--no-audio', oneLine], plain);
    results.push({ ...row('transcript of 1 line', 'the same (start-up), no NODE_EXTRA_CA_CERTS', statSync(oneLine).size, plainStartUp), 'MB/s': '' });
    results.push(row(`transcript ${lineCount / 1000}k lines`, 'node -e 0, no NODE_EXTRA_CA_CERTS', transcriptBytes, measure(process.execPath, ['-e', '0'], plain)));
  }
  results.push(row(`transcript ${lineCount / 1000}k lines`, 'grep -cP (one rule)', transcriptBytes, measure('grep', ['-cP', '[^\\x{0}-\\x{7E}]', transcript])));
  results.push(row(`transcript ${lineCount / 1000}k lines`, 'wc -l (read only)', transcriptBytes, measure('wc', ['-l', transcript])));
  console.table(results);
}

/** `lintFile` alone, bundled as the CLI bundles it, for `lint-in-process.mjs`. */
async function bundleLintFile() {
  const outfile = path.join(data, 'lint-file.cjs');
  await esbuild.build({ entryPoints: [path.join(root, 'src/core/lint/lint-file.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
  return outfile;
}

/** `lint-in-process.mjs` on `file`, median of 5: the seconds it reports (start-up and loading left out) and its peak memory. */
function measureInProcess(bundle, file, ...flags) {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const result = spawnSync(process.execPath, [path.join(import.meta.dirname, 'lint-in-process.mjs'), bundle, file, ...flags], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`lint-in-process.mjs failed: ${result.stderr}`);
    const { seconds, peakMb } = JSON.parse(result.stdout);
    runs.push({ seconds, peakMb, status: result.status });
  }
  return runs.sort((a, b) => a.seconds - b.seconds)[2];
}

/** A 16 kHz mono 16-bit PCM file of `tenths` tenths of a second of silence. */
function silentWav(tenths) {
  return pcmWav(new Int16Array(1600 * tenths));
}
