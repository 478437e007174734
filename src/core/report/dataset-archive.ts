import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { SpeechClient } from '../api/client';
import { extractDatasetZip, ZIP_LIMITS, type ExtractedFile } from '../formats/dataset-zip';

/** The download link of an audio dataset's archive (its zip) among its files, if it has one. */
export async function datasetArchiveUrl(client: SpeechClient, datasetId: string, signal?: AbortSignal): Promise<string | undefined> {
  let url: string | undefined;
  for await (const file of client.datasets.files(datasetId, { signal })) {
    if ((file.kind === 'AcousticDataArchive' || /\.zip$/i.test(file.name)) && file.links?.contentUrl) url = file.links.contentUrl;
  }
  return url;
}

/**
 * Downloads a dataset's archive into `folder` and unpacks the entries `include` takes (all by
 * default) with the import's limits (zip-slip, bombs, entry count); the zip itself is removed.
 */
export async function unpackDatasetArchive(client: SpeechClient, url: string, folder: string, { include, signal }: { include?: (entry: string) => boolean; signal?: AbortSignal } = {}): Promise<ExtractedFile[]> {
  const zip = `${folder}.archive.zip`; // beside the folder: no entry can overwrite it while it is read
  try {
    await pipeline(await client.download(url, signal), createWriteStream(zip), { signal });
    return await extractDatasetZip(zip, folder, ZIP_LIMITS, include);
  } finally {
    await rm(zip, { force: true });
  }
}
