import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileStartsWithBom } from '../formats/bom';
import { DiskAudioFolder } from '../formats/disk-audio-folder';
import type { FileKind } from './kinds';
import { Linter, type LinterSetup } from './linter';
import { readLines } from './line-reader';
import { feedCandidateLines } from './prefiltered-line-reader';
import type { Problem } from './problem';
import type { LinePrefilter } from './rule';

export interface FileLintResult {
  /** Problems collected (empty when `onProblem` streamed them). */
  problems: Problem[];
  problemCount: number;
  byteLength: number;
}

/**
 * Lints a file on disk by streaming it: memory does not grow with the file's size. Transcripts get
 * their audio folder (the transcript's own folder) unless the caller passes one. Kinds with a line
 * prefilter skip the lines it proves clean; `prefilter: false` feeds every line (tests compare the two).
 * `blockingReads` reads audio headers with synchronous calls: for the CLI (see `DiskAudioFolder`);
 * `checkAudio: false` skips the transcript rules that look at audio files (text rules only).
 */
export async function lintFile(
  filePath: string,
  kind: FileKind,
  setup: Omit<LinterSetup, 'byteLength' | 'hasBom' | 'fileName'>,
  { prefilter = true, blockingReads = false, checkAudio = true }: { prefilter?: boolean; blockingReads?: boolean; checkAudio?: boolean } = {},
): Promise<FileLintResult> {
  const { size } = await stat(filePath);
  const hasBom = await fileStartsWithBom(filePath);
  const audio = !checkAudio ? undefined : (setup.audio ?? (kind === 'transcript' ? new DiskAudioFolder(path.dirname(filePath), { blocking: blockingReads }) : undefined));
  const linter = new Linter(kind, { ...setup, fileName: filePath, byteLength: size, hasBom, ...(audio ? { audio } : {}) });
  const stream = createReadStream(filePath, { highWaterMark: 1 << 20 });
  try {
    await feedLines(linter, stream, prefilter ? linter.prefilter : undefined);
  } finally {
    stream.destroy();
  }
  const problems = await linter.end();
  return { problems, problemCount: linter.problemCount, byteLength: size };
}

/**
 * Feeds a file's bytes to `linter` line by line: with `prefilter`, only the lines it cannot prove
 * clean (and the heads of the others, when it has `headEnd`), otherwise every line.
 */
export async function feedLines(linter: Linter, chunks: AsyncIterable<Uint8Array>, prefilter?: LinePrefilter): Promise<void> {
  if (prefilter) {
    await feedCandidateLines(chunks, prefilter, linter);
  } else {
    let line = 0;
    for await (const batch of readLines(chunks)) {
      for (const text of batch) {
        linter.line(text, line++);
        if (linter.stopped) return;
      }
    }
  }
}
