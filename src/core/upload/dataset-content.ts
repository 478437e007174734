import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import * as yazl from 'yazl';
import { ZIP_LIMITS } from '../formats/dataset-zip';
import type { FileKind as LintKind } from '../lint/kinds';

/** What an upload sends: one file, or a folder zipped on the fly. */
export interface DatasetContent {
  /** The name the content is known by (the file, or `<folder>.zip`). */
  name: string;
  /** Exact byte size of what `open()` streams. */
  size: number;
  /** A fresh stream of the content; the same bytes every time (a resumed upload relies on it). */
  open(): Readable;
  /** Files to lint before uploading, with their kind. */
  lintTargets: { file: string; kind: LintKind }[];
  /** Files of the folder left out of the zip, for the person uploading to know. */
  skipped: string[];
}

export class DatasetContentError extends Error {
  override readonly name = 'DatasetContentError';
}

/** Which lint rules check a dataset kind's text file. */
const TEXT_KINDS: Record<string, LintKind> = {
  Language: 'related-text',
  Pronunciation: 'pronunciation',
  LanguageMarkdown: 'structured-text',
};

// Fixed, so that zipping the same folder twice gives the same bytes and the same block ids.
const ZIP_MTIME = new Date(Date.UTC(2020, 0, 1));

/**
 * The content of a dataset of `kind` at `source`: a text file for Language, Pronunciation and
 * LanguageMarkdown; for Acoustic and AudioFiles a zip file, or a folder zipped as it streams
 * (WAV files stored uncompressed — PCM barely compresses — and, for Acoustic, its one transcript).
 */
export async function datasetContent(source: string, kind: string): Promise<DatasetContent> {
  const info = await stat(source).catch(() => undefined);
  if (!info) throw new DatasetContentError(`${source} does not exist.`);
  const audio = kind === 'Acoustic' || kind === 'AudioFiles';
  if (info.isFile()) {
    if (audio && !/\.zip$/i.test(source)) throw new DatasetContentError(`An ${kind} dataset is a zip of WAV files${kind === 'Acoustic' ? ' and their transcript' : ''}, or a folder of them; ${path.basename(source)} is neither.`);
    const textKind = TEXT_KINDS[kind];
    if (!audio && !textKind) throw new DatasetContentError(`Datasets of kind '${kind}' cannot be uploaded from here; the kinds are Language, Pronunciation, LanguageMarkdown, Acoustic and AudioFiles.`);
    return { name: path.basename(source), size: info.size, open: () => createReadStream(source, { highWaterMark: 1 << 20 }), lintTargets: textKind ? [{ file: source, kind: textKind }] : [], skipped: [] };
  }
  if (!info.isDirectory()) throw new DatasetContentError(`${source} is neither a file nor a folder.`);
  if (!audio) throw new DatasetContentError(`A ${kind} dataset is one text file; ${source} is a folder.`);
  return zippedFolder(source, kind);
}

async function zippedFolder(folder: string, kind: string): Promise<DatasetContent> {
  const files = await listFiles(folder);
  const wavs = files.filter((file) => /\.wav$/i.test(file.name));
  const transcripts = files.filter((file) => /\.txt$/i.test(file.name));
  if (kind === 'Acoustic' && transcripts.length !== 1) {
    throw new DatasetContentError(
      transcripts.length === 0
        ? `${folder} holds no transcript: an Acoustic dataset is WAV files and one .txt file with "audio.wav<TAB>what was said" per line.`
        : `${folder} holds ${transcripts.length} .txt files (${transcripts.slice(0, 4).map((t) => t.name).join(', ')}); an Acoustic dataset has one transcript.`,
    );
  }
  if (wavs.length === 0) throw new DatasetContentError(`${folder} holds no WAV files.`);
  const entries = kind === 'Acoustic' ? [...transcripts, ...wavs] : wavs;
  if (entries.length > ZIP_LIMITS.maxEntries) throw new DatasetContentError(`${folder} holds ${entries.length} files; a dataset zip holds at most ${ZIP_LIMITS.maxEntries}. Split it into several datasets.`);
  const total = entries.reduce((sum, file) => sum + file.size, 0);
  if (total > ZIP_LIMITS.maxTotalBytes) throw new DatasetContentError(`${folder} holds ${(total / 1024 ** 3).toFixed(2)} GB of audio; a dataset holds at most 2 GB. Split it into several datasets.`);
  const included = new Set(entries);
  const skipped = files.filter((file) => !included.has(file)).map((file) => file.name);

  const build = () => {
    const zip = new yazl.ZipFile();
    for (const file of entries) zip.addFile(file.path, file.name, { mtime: ZIP_MTIME, mode: 0o100644, compress: false });
    return zip;
  };
  const size = await new Promise<number>((resolve, reject) => {
    const zip = build();
    // yazl passes the final size to the callback (its typings leave the argument out).
    const end = zip.end.bind(zip) as unknown as (options: object, callback: (calculated: number) => void) => void;
    end({}, (calculated: number) => (calculated >= 0 ? resolve(calculated) : reject(new DatasetContentError('The zip size could not be calculated.'))));
    (zip.outputStream as Readable).destroy();
  });
  return {
    name: `${path.basename(folder)}.zip`,
    size,
    open: () => {
      const zip = build();
      zip.end();
      return zip.outputStream as Readable;
    },
    lintTargets: kind === 'Acoustic' ? [{ file: transcripts[0]!.path, kind: 'transcript' }] : [],
    skipped,
  };
}

interface FolderFile {
  path: string;
  /** Relative to the folder, `/`-separated: the name inside the zip. */
  name: string;
  size: number;
}

/** The ordinary files under `folder`, sorted by name; hidden files and folders left out. */
async function listFiles(folder: string): Promise<FolderFile[]> {
  const found: FolderFile[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const name = path.relative(folder, full).split(path.sep).join('/');
    if (name.split('/').some((part) => part.startsWith('.'))) continue;
    found.push({ path: full, name, size: (await stat(full)).size });
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
