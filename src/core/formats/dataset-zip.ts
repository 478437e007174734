import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import * as yauzl from 'yauzl';

/** The service's limits for a dataset zip. */
export const ZIP_LIMITS = {
  maxEntries: 10_000,
  maxTotalBytes: 2 * 1024 ** 3,
  /** A file this many times bigger than its compressed form is a zip bomb, not audio or text. */
  maxRatio: 200,
};

/** Why a zip cannot be a dataset, in words for the person who made it. */
export class DatasetZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetZipError';
  }
}

export interface ExtractedFile {
  /** The entry's path inside the zip, `/`-separated. */
  name: string;
  size: number;
}

/**
 * Extracts a dataset zip into `target`, refusing what the service refuses and what would be unsafe:
 * not a zip, more than 10,000 entries, more than 2 GB, entries that leave the folder (`../`,
 * absolute paths: yauzl refuses them), symbolic links, and zip bombs (sizes are checked as the data
 * is inflated, not only as the headers claim). With `include`, only the entries it accepts are
 * written (reading a transcript need not unpack gigabytes of audio).
 */
export async function extractDatasetZip(zipPath: string, target: string, limits = ZIP_LIMITS, include?: (entryName: string) => boolean): Promise<ExtractedFile[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(zipPath, { lazyEntries: true, autoClose: false }, (error, file) => (error ? reject(error) : resolve(file))));
  } catch (error) {
    throw new DatasetZipError(`The data is not a zip archive (${(error as Error).message}). Acoustic and audio datasets are zip files of .wav audio (and a transcript).`);
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw new DatasetZipError(`The zip holds ${zip.entryCount.toLocaleString('en-US')} entries; a dataset zip may hold at most ${limits.maxEntries.toLocaleString('en-US')} files.`);
    const files: ExtractedFile[] = [];
    let total = 0;
    await mkdir(target, { recursive: true });
    for (;;) {
      const entry = await nextEntry(zip);
      if (!entry) break;
      if (entry.fileName.endsWith('/')) continue; // a folder
      if (include && !include(entry.fileName)) continue;
      const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
      if (mode === 0o120000) throw new DatasetZipError(`The zip entry "${entry.fileName}" is a symbolic link; a dataset zip holds files only.`);
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) throw new DatasetZipError(`The zip's files add up to more than ${limits.maxTotalBytes / 1024 ** 3} GB, the most a dataset may hold.`);
      if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > limits.maxRatio && entry.uncompressedSize > 10 * 1024 ** 2) {
        throw new DatasetZipError(`The zip entry "${entry.fileName}" inflates ${Math.round(entry.uncompressedSize / entry.compressedSize)} times: that is a zip bomb, not audio or text.`);
      }
      const destination = path.join(target, ...entry.fileName.split('/'));
      if (!destination.startsWith(path.resolve(target) + path.sep)) throw new DatasetZipError(`The zip entry "${entry.fileName}" would be written outside the dataset.`);
      await mkdir(path.dirname(destination), { recursive: true });
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))));
      let written = 0;
      const limit = entry.uncompressedSize;
      await pipeline(
        stream,
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            written += chunk.length;
            // yauzl also checks sizes; this catches a lying header before the disk fills.
            if (written > limit) done(new DatasetZipError(`The zip entry "${entry.fileName}" holds more data than its header says: the archive is corrupt or a zip bomb.`));
            else done(null, chunk);
          },
        }),
        createWriteStream(destination),
      );
      files.push({ name: entry.fileName, size: written });
    }
    return files;
  } catch (error) {
    if (error instanceof DatasetZipError) throw error;
    throw new DatasetZipError(`The zip archive is damaged: ${(error as Error).message}.`);
  } finally {
    zip.close();
  }
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.removeListener('entry', onEntry);
      zip.removeListener('end', onEnd);
      zip.removeListener('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(undefined);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    zip.once('entry', onEntry);
    zip.once('end', onEnd);
    zip.once('error', onError);
    zip.readEntry();
  });
}
