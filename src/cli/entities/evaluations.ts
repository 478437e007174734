import { evaluationMetrics, type Evaluation } from '../../core/api/schemas';
import { formatPercent } from '../../core/workflow/gate';
import { entityCommand } from '../entity-command';
import { requiredOption, stringOption } from '../service-command';
import { modelReference } from './model-reference';

const wer = (evaluation: Evaluation, n: 1 | 2) => {
  const rate = evaluationMetrics(evaluation, n).wordErrorRate;
  return rate === undefined ? undefined : formatPercent(rate * 100);
};

export const runEvaluations = entityCommand<Evaluation>({
  name: 'evaluations',
  singular: 'evaluation',
  collection: (client) => client.evaluations,
  columns: [
    { title: 'STATUS', value: (e) => e.status },
    { title: 'WER 1', value: (e) => wer(e, 1) },
    { title: 'WER 2', value: (e) => wer(e, 2) },
    { title: 'CREATED', value: (e) => e.createdDateTime },
  ],
  fields: (e) => [
    ['model 1', e.model1?.self.split('?')[0]],
    ['model 2', e.model2?.self.split('?')[0]],
    ['dataset', e.dataset?.self.split('?')[0]],
    ['WER 1', wer(e, 1)],
    ['WER 2', wer(e, 2)],
  ],
  createOptions: { model1: { type: 'string' }, model2: { type: 'string' }, dataset: { type: 'string' }, name: { type: 'string' }, locale: { type: 'string' }, description: { type: 'string' }, project: { type: 'string' } },
  createHelp: `  --model1 <id>                 A custom or base model (required)
  --model2 <id>                 The model to compare it with (default: model1 alone)
  --dataset <id>                The test dataset: Acoustic (WER) or AudioFiles (inspection) (required)
  --name <name>                 Display name (required)
  --locale <locale>             Default: the dataset's
  --description <text>, --project <project id>`,
  create: async ({ client, values, signal }) => {
    const model1 = await modelReference(client, requiredOption(values, 'model1'), signal);
    const model2 = stringOption(values, 'model2') ? await modelReference(client, stringOption(values, 'model2')!, signal) : model1;
    const datasetId = requiredOption(values, 'dataset');
    const name = requiredOption(values, 'name');
    const dataset = await client.datasets.get(datasetId, signal);
    return client.evaluations.create(
      {
        displayName: name,
        locale: stringOption(values, 'locale') ?? dataset.locale,
        model1: { self: model1.self },
        model2: { self: model2.self },
        dataset: client.reference('datasets', datasetId),
        ...(stringOption(values, 'description') ? { description: stringOption(values, 'description') } : {}),
        ...(stringOption(values, 'project') ? { project: client.reference('projects', stringOption(values, 'project')!) } : {}),
        // testingKind makes the test show in Speech Studio.
        customProperties: { testingKind: dataset.kind === 'AudioFiles' ? 'Inspection' : 'Evaluation' },
      },
      signal,
    );
  },
});
