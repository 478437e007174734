// The floor under a transcript's audio checks: open, stat, read the first 4 KiB and close every
// .wav file of a folder, with blocking calls and nothing else (what custom-speech lint must do too).
import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';

const folder = process.argv[2];
const buffer = Buffer.alloc(4096);
let files = 0;
for (const name of readdirSync(folder)) {
  if (!name.endsWith('.wav')) continue;
  const fd = openSync(path.join(folder, name), 'r');
  fstatSync(fd);
  readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  files++;
}
console.log(`${files} headers read`);
