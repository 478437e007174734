import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { notFound } from '../http/api-error';
import { pageOf } from '../http/paging';
import type { Router } from '../http/router';
import { signPath } from '../http/signed-urls';
import type { EngineState, FileRecord } from '../engine-state';
import { API_VERSION, link } from './common';

const FILE_FILTERABLE = new Set(['name', 'createdDateTime', 'kind']);

/** Where an entity's files are: its records and the folder they live in. */
type FilesOf = (id: string) => { files: readonly FileRecord[]; folder: string };

/**
 * The content link of `{base}/{filePath}/content`, signed (see signed-urls): it works without the
 * key header, like a SAS link.
 */
export function signedFileLink(base: string, filePath: string, key: string): string {
  return `${base}/${filePath}/content?api-version=${API_VERSION}&sig=${signPath(`/speechtotext/${filePath}/content`, key)}`;
}

function presentFile(base: string, owner: string, file: FileRecord, key: string): object {
  const filePath = `${owner}/files/${file.id}`;
  return {
    self: link(base, filePath),
    name: file.name,
    kind: file.kind,
    createdDateTime: file.createdDateTime,
    links: { contentUrl: signedFileLink(base, filePath, key) },
    properties: { size: file.size },
  };
}

/** Streams a stored file as a download. */
export async function sendFile(response: ServerResponse, file: string, name: string): Promise<void> {
  const { size } = await stat(file);
  response.writeHead(200, {
    'Content-Type': name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
    'Content-Length': String(size),
    'Content-Disposition': `attachment; filename="${name.replace(/["\\]/g, '_')}"`,
  });
  await pipeline(createReadStream(file), response);
}

/** `GET /{collection}/{id}/files`, `…/files/{fileId}` and the file's content, for datasets, models and evaluations alike. */
export function registerFileRoutes(router: Router, state: EngineState, collection: string, filesOf: FilesOf): void {
  const find = (id: string, fileId: string) => {
    const owner = filesOf(id);
    const file = owner.files.find((f) => f.id === fileId.toLowerCase());
    if (!file) throw notFound(`File ${fileId} of ${collection.replace(/s$/, '')} ${id}`);
    return { ...owner, file };
  };

  router.on('GET', `/${collection}/:id/files`, ({ base, params, query }) => {
    const { files } = filesOf(params.id!);
    const owner = `${collection}/${params.id!.toLowerCase()}`;
    const page = pageOf(files, query, `${base}/${owner}/files`, { fields: FILE_FILTERABLE, valuesOf: (f) => f as unknown as Record<string, unknown> });
    return { status: 200, body: { ...page, values: page.values.map((f) => presentFile(base, owner, f, state.key)) } };
  });

  router.on('GET', `/${collection}/:id/files/:fileId`, ({ base, params }) => {
    const { file } = find(params.id!, params.fileId!);
    return { status: 200, body: presentFile(base, `${collection}/${params.id!.toLowerCase()}`, file, state.key) };
  });

  router.on('GET', `/${collection}/:id/files/:fileId/content`, async ({ params, response }) => {
    const { file, folder } = find(params.id!, params.fileId!);
    await sendFile(response, path.join(folder, file.path), file.name);
    return undefined;
  });
}
