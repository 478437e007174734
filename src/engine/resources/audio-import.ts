import { readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { DatasetZipError, extractDatasetZip } from '../../core/formats/dataset-zip';
import { DiskAudioFolder } from '../../core/formats/disk-audio-folder';
import { unsupportedFormatReason } from '../../core/formats/wav';
import type { DatasetReport } from './dataset-import';
import { lintDatasetFile } from '../../core/lint/dataset-lint';

/** One utterance an evaluation decodes: the audio (relative to the dataset's audio folder) and what was said. */
export interface Utterance {
  audio: string;
  /** The human transcript; absent for AudioFiles datasets. */
  text?: string;
  durationMilliseconds: number;
}

export interface AudioImport {
  report: DatasetReport;
  utterances: Utterance[];
  durationMilliseconds: number;
  /** The transcript inside the zip (Acoustic), relative to the audio folder. */
  transcript?: string;
}

/**
 * Acoustic (audio + transcript) and AudioFiles (audio only) datasets: a zip extracted safely into
 * `audioFolder`, then checked with the editor's transcript rules — the audio of each line must be
 * there and in a format the service takes. Lines with errors are rejected (named in the report);
 * what is accepted becomes the utterances evaluations decode.
 */
export async function importAudioZip(zip: string, audioFolder: string, kind: 'Acoustic' | 'AudioFiles', locale: string): Promise<AudioImport> {
  await rm(audioFolder, { recursive: true, force: true });
  let entries;
  try {
    entries = await extractDatasetZip(zip, audioFolder);
  } catch (error) {
    if (error instanceof DatasetZipError) return failed(kind, locale, 'InvalidDataset', error.message);
    throw error;
  }
  const audio = new DiskAudioFolder(audioFolder);
  if (kind === 'AudioFiles') return audioFilesOnly(entries.map((e) => e.name).filter((name) => /\.wav$/i.test(name)), audio, locale);

  const transcripts = entries.map((e) => e.name).filter((name) => /\.txt$/i.test(name));
  if (transcripts.length !== 1) {
    const message = transcripts.length === 0 ? 'The zip holds no transcript (.txt): an Acoustic dataset is audio files and one transcript, "audio.wav<TAB>what was said" per line.' : `The zip holds ${transcripts.length} transcripts (${transcripts.slice(0, 5).join(', ')}); an Acoustic dataset has one.`;
    return failed(kind, locale, 'InvalidDataset', message);
  }
  const transcript = transcripts[0]!;
  const transcriptPath = path.join(audioFolder, ...transcript.split('/'));
  const { rejected, rejectedLines, warnings, error } = await lintDatasetFile(transcriptPath, 'transcript', locale, { checkAudio: true });
  const transcriptFolder = path.posix.dirname(transcript);
  const lines = (await readFile(transcriptPath, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/);
  const utterances: Utterance[] = [];
  let lineCount = 0;
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    lineCount++;
    if (rejected.has(index) || error) continue;
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const name = line.slice(0, tab).trim().replace(/\\/g, '/');
    const relative = transcriptFolder === '.' ? name : `${transcriptFolder}/${name}`;
    const lookup = await audio.lookup(relative);
    if (lookup.kind !== 'found') continue;
    utterances.push({ audio: relative, text: line.slice(tab + 1).trim(), durationMilliseconds: Math.round(lookup.header.durationSeconds * 1000) });
  }
  const durationMilliseconds = utterances.reduce((sum, u) => sum + u.durationMilliseconds, 0);
  return {
    report: {
      version: 1,
      kind,
      locale,
      lineCount,
      acceptedLineCount: error ? 0 : utterances.length,
      rejectedLineCount: error ? lineCount : lineCount - utterances.length,
      rejectedLines,
      warnings,
      ...(error ? { error } : {}),
    },
    utterances: error ? [] : utterances,
    durationMilliseconds: error ? 0 : durationMilliseconds,
    transcript,
  };
}

async function audioFilesOnly(names: string[], audio: DiskAudioFolder, locale: string): Promise<AudioImport> {
  const utterances: Utterance[] = [];
  const rejectedLines: DatasetReport['rejectedLines'] = [];
  for (const [index, name] of names.sort().entries()) {
    const lookup = await audio.lookup(name);
    const reason = lookup.kind === 'found' ? unsupportedFormatReason(lookup.header) : lookup.kind === 'unreadable' ? lookup.reason : 'missing';
    if (lookup.kind === 'found' && !reason) utterances.push({ audio: name, durationMilliseconds: Math.round(lookup.header.durationSeconds * 1000) });
    else rejectedLines.push({ line: index + 1, code: 'audio-format', reason: `${name}: ${reason}` });
  }
  if (names.length === 0) return failed('AudioFiles', locale, 'InvalidDataset', 'The zip holds no .wav file.');
  return {
    report: { version: 1, kind: 'AudioFiles', locale, lineCount: names.length, acceptedLineCount: utterances.length, rejectedLineCount: rejectedLines.length, rejectedLines, warnings: [] },
    utterances,
    durationMilliseconds: utterances.reduce((sum, u) => sum + u.durationMilliseconds, 0),
  };
}

function failed(kind: string, locale: string, code: string, message: string): AudioImport {
  return {
    report: { version: 1, kind, locale, lineCount: 0, acceptedLineCount: 0, rejectedLineCount: 0, rejectedLines: [], warnings: [], error: { code, message } },
    utterances: [],
    durationMilliseconds: 0,
  };
}
