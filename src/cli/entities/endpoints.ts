import type { Endpoint } from '../../core/api/schemas';
import { entityCommand } from '../entity-command';
import { requiredOption, stringOption } from '../service-command';
import { modelReference } from './model-reference';

export const runEndpoints = entityCommand<Endpoint>({
  name: 'endpoints',
  singular: 'endpoint',
  collection: (client) => client.endpoints,
  columns: [
    { title: 'STATUS', value: (e) => e.status },
    { title: 'LOCALE', value: (e) => e.locale },
    { title: 'CREATED', value: (e) => e.createdDateTime },
  ],
  fields: (e) => [
    ['model', e.model?.self.split('?')[0]],
    ...Object.entries(e.links ?? {}).map(([name, link]): [string, string] => [`link ${name}`, link]),
  ],
  createOptions: { model: { type: 'string' }, name: { type: 'string' }, locale: { type: 'string' }, description: { type: 'string' }, project: { type: 'string' } },
  createHelp: `  --model <id>                  The custom (or base) model to deploy (required)
  --name <name>                 Display name (required)
  --locale <locale>             Default: the model's
  --description <text>, --project <project id>`,
  create: async ({ client, values, signal }) => {
    const model = await modelReference(client, requiredOption(values, 'model'), signal);
    return client.endpoints.create(
      {
        displayName: requiredOption(values, 'name'),
        locale: stringOption(values, 'locale') ?? model.locale,
        model: { self: model.self },
        ...(stringOption(values, 'description') ? { description: stringOption(values, 'description') } : {}),
        ...(stringOption(values, 'project') ? { project: client.reference('projects', stringOption(values, 'project')!) } : {}),
      },
      signal,
    );
  },
});
