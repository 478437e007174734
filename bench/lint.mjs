// Lint throughput and memory of the CLI next to reference tools on the same files: wc -l (the
// read-and-split ceiling) and grep -P (one regex rule).
import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { cli, data, generate, measure, rng, row, sentence } from './common.mjs';

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

  const results = [];
  const relatedBytes = statSync(related).size;
  results.push(row('related text 200 MB', 'custom-speech lint', relatedBytes, measure(process.execPath, [cli, 'lint', related])));
  results.push(row('related text 200 MB', 'grep -cP (one rule)', relatedBytes, measure('grep', ['-cP', '[^\\x{0}-\\x{A1}]|https?://', related])));
  results.push(row('related text 200 MB', 'wc -l (read only)', relatedBytes, measure('wc', ['-l', related])));
  const transcriptBytes = statSync(transcript).size;
  results.push(row(`transcript ${lineCount / 1000}k lines`, 'custom-speech lint', transcriptBytes, measure(process.execPath, [cli, 'lint', transcript])));
  results.push(row(`transcript ${lineCount / 1000}k lines`, 'grep -cP (one rule)', transcriptBytes, measure('grep', ['-cP', '[^\\x{0}-\\x{7E}]', transcript])));
  console.table(results);
}
