import * as path from 'node:path';
import type { Dataset } from '../../core/api/schemas';
import { uploadDataset } from '../../core/upload/upload-dataset';
import { datasetKinds } from '../../core/manifest/manifest-schema';
import { entityCommand } from '../entity-command';
import { bytes } from '../progress';
import { requiredOption, stringOption } from '../service-command';
import { UsageError } from '../usage-error';

export const runDatasets = entityCommand<Dataset>({
  name: 'datasets',
  singular: 'dataset',
  collection: (client) => client.datasets,
  columns: [
    { title: 'KIND', value: (d) => d.kind },
    { title: 'STATUS', value: (d) => d.status },
    { title: 'LOCALE', value: (d) => d.locale },
    { title: 'CREATED', value: (d) => d.createdDateTime },
  ],
  fields: (d) => [
    ['kind', d.kind],
    ['accepted lines', d.properties?.acceptedLineCount as number | undefined],
    ['rejected lines', d.properties?.rejectedLineCount as number | undefined],
  ],
  createOptions: { kind: { type: 'string' }, locale: { type: 'string' }, name: { type: 'string' }, file: { type: 'string' }, description: { type: 'string' }, project: { type: 'string' }, 'ignore-lint-errors': { type: 'boolean' } },
  createHelp: `  --kind <kind>                 ${datasetKinds.join(', ')} (required)
  --file <path>                 A text file, a zip, or a folder of WAV files and a transcript (required)
  --name <name>                 Display name (default: the file's name)
  --locale <locale>             Default en-US
  --description <text>, --project <project id>
  --ignore-lint-errors          Upload even when the lint rules find errors (they are shown with file and line)`,
  create: async ({ client, values, signal, progress }) => {
    const kind = requiredOption(values, 'kind');
    if (!(datasetKinds as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${datasetKinds.join(', ')}, not '${kind}'`);
    const file = requiredOption(values, 'file');
    return uploadDataset(client, {
      source: file,
      kind,
      locale: stringOption(values, 'locale') ?? 'en-US',
      displayName: stringOption(values, 'name') ?? path.basename(path.resolve(file)),
      description: stringOption(values, 'description'),
      projectId: stringOption(values, 'project'),
      ignoreLintErrors: values['ignore-lint-errors'] === true,
      waitForImport: false,
      signal,
      onProgress: (event) => {
        if (event.stage === 'lint') progress.update(`Checking ${event.file}`);
        else if (event.stage === 'upload') progress.update(`Uploading ${bytes(event.doneBytes)} of ${bytes(event.totalBytes)}`, 'upload');
      },
    });
  },
});
