import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ApiError, badRequest, conflict, invalidArgument, notFound } from '../http/api-error';
import { readJson, readJsonObject } from '../http/body';
import { pageOf } from '../http/paging';
import type { Router } from '../http/router';
import { datasetFolder, type DatasetRecord, type EngineState } from '../engine-state';
import { importDataset } from './dataset-import';
import { registerFileRoutes } from './files';
import { customProperties, defined, describedUpdate, ENGINE_LOCALES, link, locale, newId, optionalText, projectOf, requiredText, timestamp } from './common';

export const DATASET_KINDS = ['Language', 'Acoustic', 'Pronunciation', 'AudioFiles', 'LanguageMarkdown', 'OutputFormatting'] as const;
export const DATASET_FILTERABLE = new Set(['displayName', 'description', 'createdDateTime', 'lastActionDateTime', 'status', 'locale', 'kind']);

/** A block is at most 8 MiB, as on the service. */
export const MAX_BLOCK_BYTES = 8 * 1024 * 1024;

export const datasetFilterValues = (d: DatasetRecord) => d as unknown as Record<string, unknown>;

export function presentDataset(base: string, dataset: DatasetRecord): object {
  const self = `datasets/${dataset.id}`;
  return defined({
    self: link(base, self),
    kind: dataset.kind,
    displayName: dataset.displayName,
    locale: dataset.locale,
    description: dataset.description,
    contentUrl: dataset.contentUrl,
    customProperties: dataset.customProperties,
    project: dataset.project ? { self: link(base, `projects/${dataset.project}`) } : undefined,
    status: dataset.status,
    createdDateTime: dataset.createdDateTime,
    lastActionDateTime: dataset.lastActionDateTime,
    links: defined({
      files: link(base, `${self}/files`),
      ...(dataset.uploadByBlocks
        ? { commitBlocks: link(base, `${self}/blocks:commit`), listBlocks: link(base, `${self}/blocks`), uploadBlocks: link(base, `${self}/blocks`) }
        : {}),
    }),
    properties: defined({ ...dataset.properties }),
  });
}

export function registerDatasetRoutes(router: Router, state: EngineState): void {
  const find = (id: string) => {
    const dataset = state.datasets.get(id.toLowerCase());
    if (!dataset) throw notFound(`Dataset ${id}`);
    return dataset;
  };
  const blocksFolder = (id: string) => path.join(datasetFolder(state, id), 'blocks');

  router.on('GET', '/datasets', ({ base, query }) => {
    const page = pageOf(state.datasets.all(), query, `${base}/datasets`, { fields: DATASET_FILTERABLE, valuesOf: datasetFilterValues });
    return { status: 200, body: { ...page, values: page.values.map((d) => presentDataset(base, d)) } };
  });

  router.on('GET', '/datasets/locales', () => ({ status: 200, body: Object.fromEntries(DATASET_KINDS.filter((k) => k !== 'OutputFormatting').map((kind) => [kind, [...ENGINE_LOCALES]])) }));

  router.on('POST', '/datasets', async ({ base, request }) => {
    const body = await readJsonObject(request);
    const kind = requiredText(body, 'kind');
    if (!(DATASET_KINDS as readonly string[]).includes(kind)) throw invalidArgument(`'kind' must be one of ${DATASET_KINDS.join(', ')}, not '${kind}'.`);
    const contentUrl = optionalText(body, 'contentUrl');
    if (contentUrl !== undefined) checkContentUrl(contentUrl);
    const project = projectOf(body, state);
    const properties = body.properties as { textNormalizationKind?: unknown } | undefined;
    const normalization = properties?.textNormalizationKind;
    if (normalization !== undefined && normalization !== 'Default' && normalization !== 'None') throw invalidArgument("'properties.textNormalizationKind' must be Default or None.");
    const now = timestamp();
    const dataset: DatasetRecord = defined({
      id: newId(),
      kind,
      displayName: requiredText(body, 'displayName'),
      locale: locale(body),
      description: optionalText(body, 'description'),
      contentUrl,
      customProperties: customProperties(body),
      project,
      status: 'NotStarted' as const,
      createdDateTime: now,
      lastActionDateTime: now,
      uploadByBlocks: contentUrl === undefined,
      committed: contentUrl !== undefined,
      properties: defined({ textNormalizationKind: typeof normalization === 'string' ? normalization : undefined }),
      files: [],
    });
    await state.datasets.put(dataset);
    if (dataset.committed) state.jobs.add('import', `import ${dataset.id}`, () => importDataset(state, dataset.id));
    const answer = presentDataset(base, dataset) as { self: string };
    return { status: 201, body: answer, headers: { Location: answer.self } };
  });

  router.on('GET', '/datasets/:id', ({ base, params }) => {
    const dataset = find(params.id!);
    const running = dataset.status === 'Running' || dataset.status === 'NotStarted';
    return { status: 200, body: presentDataset(base, dataset), ...(running && dataset.committed ? { headers: { 'Retry-After': '2' } } : {}) };
  });

  router.on('PATCH', '/datasets/:id', async ({ base, params, request }) => {
    const dataset = find(params.id!);
    const body = await readJsonObject(request);
    const updated: DatasetRecord = describedUpdate(dataset, body, 'a dataset', { state });
    await state.datasets.put(updated);
    return { status: 200, body: presentDataset(base, updated) };
  });

  router.on('DELETE', '/datasets/:id', async ({ params }) => {
    const dataset = state.datasets.get(params.id!.toLowerCase());
    if (!dataset) return { status: 204 };
    if (dataset.status === 'Running') throw conflict(`The dataset ${dataset.id} is being imported; delete it when the import has ended.`, 'InUseViolation');
    const training = state.models.all().find((m) => (m.status === 'Running' || m.status === 'NotStarted') && m.datasets.includes(dataset.id));
    if (training) throw conflict(`The dataset ${dataset.id} is used by the model ${training.displayName}, which is being trained.`, 'InUseViolation');
    const testing = state.evaluations.all().find((e) => (e.status === 'Running' || e.status === 'NotStarted') && e.dataset === dataset.id);
    if (testing) throw conflict(`The dataset ${dataset.id} is used by the evaluation ${testing.displayName}, which is running.`, 'InUseViolation');
    await state.datasets.delete(dataset.id);
    await rm(datasetFolder(state, dataset.id), { recursive: true, force: true });
    return { status: 204 };
  });

  // Blocks: PUT each (≤ 8 MiB, streamed to disk), list them, commit a list to start the import.
  router.on('PUT', '/datasets/:id/blocks', async ({ params, query, request }) => {
    const dataset = find(params.id!);
    if (!dataset.uploadByBlocks || dataset.committed) throw badRequest(`The dataset ${dataset.id} takes no more blocks: ${dataset.uploadByBlocks ? 'its blocks were committed' : 'it was created from a contentUrl'}.`, 'InvalidDataset');
    const blockId = blockIdOf(query.get('blockid'));
    const folder = blocksFolder(dataset.id);
    await mkdir(folder, { recursive: true });
    const existing = await readdir(folder);
    const other = existing.find((name) => !name.endsWith('.tmp'));
    if (other && Buffer.from(other, 'hex').length !== Buffer.from(blockId, 'base64').length) {
      throw invalidArgument('All block ids of a dataset must have the same length.');
    }
    const target = path.join(folder, Buffer.from(blockId, 'base64').toString('hex'));
    const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
    let size = 0;
    try {
      await pipeline(
        request,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            if (size > MAX_BLOCK_BYTES) throw new ApiError(413, 'InvalidRequest', `A block holds at most 8 MiB (${MAX_BLOCK_BYTES} bytes).`, 'InvalidPayload');
            yield chunk;
          }
        },
        createWriteStream(temporary),
      );
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { status: 201 };
  });

  router.on('GET', '/datasets/:id/blocks', async ({ params }) => {
    const dataset = find(params.id!);
    const blocks = await listBlocks(blocksFolder(dataset.id));
    // What is listed is what a resumed upload need not send again.
    return { status: 200, body: dataset.committed ? { committedBlocks: blocks, uncommittedBlocks: [] } : { committedBlocks: [], uncommittedBlocks: blocks } };
  });

  router.on('POST', '/datasets/:id/blocks:commit', async ({ params, request }) => {
    const dataset = find(params.id!);
    if (!dataset.uploadByBlocks) throw badRequest(`The dataset ${dataset.id} was created from a contentUrl: it has no blocks to commit.`, 'InvalidDataset');
    if (dataset.committed) throw conflict(`The blocks of dataset ${dataset.id} were committed already.`, 'InvalidDataset');
    const list = await readJson(request);
    if (!Array.isArray(list) || list.length === 0) throw badRequest('The body must be a non-empty list of blocks: [{ "kind": "Uncommitted", "id": "<block id>" }, …].');
    const folder = blocksFolder(dataset.id);
    const files = list.map((entry: unknown, index) => {
      const { id, kind } = (entry ?? {}) as { id?: unknown; kind?: unknown };
      if (kind !== 'Uncommitted' && kind !== 'Latest' && kind !== 'Committed') throw badRequest(`Block ${index}: 'kind' must be Uncommitted, Latest or Committed.`);
      return path.join(folder, Buffer.from(blockIdOf(typeof id === 'string' ? id : null), 'base64').toString('hex'));
    });
    for (const [index, file] of files.entries()) {
      if (!(await stat(file).catch(() => undefined))) throw badRequest(`Block ${index} (${(list[index] as { id: string }).id}) was never uploaded.`, 'InvalidPayload');
    }
    // The import job joins the blocks (in this order) into one file: a commit answers at once.
    const committed: DatasetRecord = { ...dataset, committed: true, blockList: files.map((file) => path.basename(file)), lastActionDateTime: timestamp() };
    await state.datasets.put(committed);
    state.jobs.add('import', `import ${dataset.id}`, () => importDataset(state, dataset.id));
    return { status: 200 };
  });

  registerFileRoutes(router, state, 'datasets', (id) => {
    const dataset = find(id);
    return { files: dataset.files, folder: datasetFolder(state, dataset.id) };
  });
}

/** A block id: base64 (standard or URL-safe) of 1 to 64 bytes; returned in standard form. */
function blockIdOf(raw: string | null): string {
  if (!raw) throw badRequest('The block id is missing: PUT …/blocks?blockid=<base64 id>.', 'InvalidParameterValue');
  // A '+' not percent-encoded arrives as a space.
  const normalized = raw.replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/');
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(normalized) ? Buffer.from(normalized, 'base64') : Buffer.alloc(0);
  if (bytes.length === 0 || bytes.length > 64) throw invalidArgument(`The block id '${raw}' is not base64 of 1 to 64 bytes.`);
  return bytes.toString('base64');
}

async function listBlocks(folder: string): Promise<{ name: string; size: number }[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const blocks: { name: string; size: number }[] = [];
  for (const name of names.sort()) {
    if (name.endsWith('.tmp')) continue;
    const { size } = await stat(path.join(folder, name));
    blocks.push({ name: Buffer.from(name, 'hex').toString('base64'), size });
  }
  return blocks;
}

/** The engine fetches `file:` URLs and http(s) URLs on this machine only (it never reaches out). */
function checkContentUrl(contentUrl: string): void {
  let url: URL;
  try {
    url = new URL(contentUrl);
  } catch {
    throw invalidArgument(`'contentUrl' is not a URL: ${contentUrl}`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol === 'file:' || ((url.protocol === 'http:' || url.protocol === 'https:') && loopback)) return;
  throw invalidArgument(`The local engine reads contentUrl from file: URLs and from http URLs on this machine (127.0.0.1, localhost), not ${url.protocol}//${url.host}. Upload the data in blocks instead.`);
}
