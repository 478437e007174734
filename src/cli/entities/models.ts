import type { CustomModel, Dataset } from '../../core/api/schemas';
import { findBaseModel } from '../../core/workflow/base-model';
import { entityCommand } from '../entity-command';
import { listOption, numberOption, requiredOption, stringOption } from '../service-command';
import { UsageError } from '../usage-error';

export const runModels = entityCommand<CustomModel>({
  name: 'models',
  singular: 'model',
  collection: (client) => client.models,
  columns: [
    { title: 'STATUS', value: (m) => m.status },
    { title: 'LOCALE', value: (m) => m.locale },
    { title: 'CREATED', value: (m) => m.createdDateTime },
  ],
  fields: (m) => [
    ['base model', m.baseModel?.self.split('?')[0]],
    ['datasets', m.datasets?.map((d) => d.self.split('?')[0]).join(', ')],
    ['weight', m.properties?.customModelWeightPercent],
  ],
  createOptions: { base: { type: 'string' }, dataset: { type: 'string', multiple: true }, name: { type: 'string' }, locale: { type: 'string' }, weight: { type: 'string' }, description: { type: 'string' }, project: { type: 'string' } },
  createHelp: `  --dataset <id>                A dataset to train with (repeatable; at least one)
  --name <name>                 Display name (required)
  --base <latest|id|name>       Base model (default latest: the newest of the locale that adapts with the datasets' kinds)
  --weight <1-100>              Weight of the custom language model against the base one
  --locale <locale>             Default: the first dataset's
  --description <text>, --project <project id>`,
  create: async ({ client, values, signal }) => {
    const datasetIds = listOption(values, 'dataset');
    if (datasetIds.length === 0) throw new UsageError('name at least one --dataset to train with');
    const name = requiredOption(values, 'name');
    const weight = numberOption(values, 'weight', (n) => Number.isInteger(n) && n >= 1 && n <= 100, 'a whole number from 1 to 100');
    const datasets: Dataset[] = [];
    for (const id of datasetIds) datasets.push(await client.datasets.get(id, signal));
    const locale = stringOption(values, 'locale') ?? datasets[0]!.locale;
    const base = await findBaseModel(client, stringOption(values, 'base') ?? 'latest', locale, [...new Set(datasets.map((d) => d.kind))], signal);
    return client.models.create(
      {
        displayName: name,
        locale,
        baseModel: { self: base.self },
        datasets: datasetIds.map((id) => client.reference('datasets', id)),
        ...(weight !== undefined ? { properties: { customModelWeightPercent: weight } } : {}),
        ...(stringOption(values, 'description') ? { description: stringOption(values, 'description') } : {}),
        ...(stringOption(values, 'project') ? { project: client.reference('projects', stringOption(values, 'project')!) } : {}),
      },
      signal,
    );
  },
});
