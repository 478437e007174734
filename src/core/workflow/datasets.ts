import * as path from 'node:path';
import { entityIdOf } from '../api/ids';
import type { Dataset } from '../api/schemas';
import { waitForStatus } from '../api/wait';
import { datasetContent } from '../upload/dataset-content';
import { uploadDataset, type UploadEvent } from '../upload/upload-dataset';
import { findTagged } from './find-tagged';
import { resolveProject } from './project';
import { selectEntries, type WorkflowSession } from './session';
import { CONTENT_HASH_PROPERTY, manifestTags, streamHash } from './tags';

export interface DatasetOutcome {
  key: string;
  datasetId: string;
  /** Succeeded, or Failed with `properties.error`. */
  dataset: Dataset;
  /** True when an upload of the same content was found and nothing was sent. */
  unchanged: boolean;
}

/** Uploads the manifest's datasets named in `names` (all when none), one after the other. */
export async function uploadDatasets(session: WorkflowSession, names: readonly string[] = []): Promise<DatasetOutcome[]> {
  const outcomes: DatasetOutcome[] = [];
  for (const [key] of selectEntries(session.manifest.datasets, names, 'dataset')) outcomes.push(await ensureDataset(session, key));
  return outcomes;
}

/**
 * The service's dataset for manifest entry `key`: the earlier upload of the same bytes when there
 * is one (continued or waited for when an earlier run stopped part way), else a new upload.
 */
export function ensureDataset(session: WorkflowSession, key: string): Promise<DatasetOutcome> {
  return session.once(session.resolved.datasets, key, () => upload(session, key));
}

async function upload(session: WorkflowSession, key: string): Promise<DatasetOutcome> {
  const { client, manifest, signal, options } = session;
  const entry = manifest.datasets[key];
  if (!entry) throw new Error(`The manifest has no dataset '${key}'.`);
  const source = path.resolve(session.loaded.folder, entry.path);
  const locale = entry.locale ?? manifest.locale;

  session.report({ step: 'dataset', key, action: 'hashing' });
  const hash = await streamHash((await datasetContent(source, entry.kind)).open(), signal);
  const common = {
    source,
    kind: entry.kind,
    locale,
    displayName: entry.displayName ?? key,
    description: entry.description,
    ignoreLintErrors: options.ignoreLintErrors,
    signal,
    onProgress: (upload: UploadEvent) => session.report({ step: 'dataset', key, action: 'upload', upload }),
  };

  const earlier = options.force ? undefined : await findTagged(sameKindAndLocale(client.datasets.list({ signal }), entry.kind, locale), key, CONTENT_HASH_PROPERTY, hash);
  if (earlier) {
    const datasetId = entityIdOf(earlier.self, 'datasets');
    if (earlier.status === 'Succeeded') {
      session.report({ step: 'dataset', key, action: 'unchanged', datasetId });
      return { key, datasetId, dataset: earlier, unchanged: true };
    }
    if (earlier.status === 'NotStarted') {
      // Its blocks are named after their content: what was sent before is not sent again.
      session.report({ step: 'dataset', key, action: 'resuming', datasetId });
      return { key, datasetId, dataset: await uploadDataset(client, { ...common, resumeDatasetId: datasetId }), unchanged: false };
    }
    session.report({ step: 'dataset', key, action: 'waiting', datasetId });
    const dataset = await waitForStatus((s) => client.datasets.poll(datasetId, s), { signal, initialDelayMs: options.pollMs ?? 1000, maxDelayMs: 10_000 });
    return { key, datasetId, dataset, unchanged: true };
  }

  const projectId = locale === manifest.locale ? await resolveProject(session) : undefined;
  const dataset = await uploadDataset(client, { ...common, projectId, customProperties: manifestTags(key, CONTENT_HASH_PROPERTY, hash) });
  return { key, datasetId: entityIdOf(dataset.self, 'datasets'), dataset, unchanged: false };
}

async function* sameKindAndLocale(datasets: AsyncIterable<Dataset>, kind: string, locale: string): AsyncGenerator<Dataset> {
  for await (const dataset of datasets) if (dataset.kind === kind && dataset.locale === locale) yield dataset;
}
