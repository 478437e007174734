import type { SpeechClient } from '../../core/api/client';
import { collect } from '../../core/api/collection';
import { parseEntityUri } from '../../core/api/ids';
import type { BaseModel, CustomModel, Dataset } from '../../core/api/schemas';
import { nearDeprecation, summarizeDataset } from '../../core/present/entity-summary';
import { BACK, runSteps, type PickItem, type Prompter } from '../prompts/prompter';

interface TrainChoices {
  name?: string;
  description?: string;
  baseModel?: BaseModel;
  datasets?: Dataset[];
  weight?: number;
  projectId?: string;
}

const TOTAL_STEPS = 6;
/** Dataset kinds whose text goes into the custom language model (where the weight matters). */
const LANGUAGE_KINDS = new Set(['Language', 'LanguageMarkdown', 'Acoustic']);

/**
 * Train model, step by step with Back: name, description, base model (with its deprecation dates),
 * datasets (only succeeded ones of the kinds the base model adapts with, in its locale), the custom
 * model weight, then a summary to confirm. Creates the model and returns it; undefined if cancelled.
 */
export async function trainModelWizard(client: SpeechClient, prompter: Prompter, preset: { projectId?: string; datasetIds?: string[] } = {}): Promise<CustomModel | undefined> {
  const [baseModels, datasets] = await Promise.all([collect(client.baseModels.list()), collect(client.datasets.list({ filter: "status eq 'Succeeded'" }))]);
  if (baseModels.length === 0) throw new Error('The service lists no base models to train from.');
  const now = Date.now();
  const trainable = baseModels
    .filter((model) => (model.properties?.features?.supportsAdaptationsWith?.length ?? 0) > 0 && !nearDeprecation(model.properties?.deprecationDates, now)?.past)
    .sort((a, b) => (b.createdDateTime ?? '').localeCompare(a.createdDateTime ?? ''));
  const choices: TrainChoices = { projectId: preset.projectId, weight: 30 };

  const done = await runSteps(choices, [
    async (state) => {
      const name = await prompter.input({ title: 'Train a custom model', prompt: 'Name of the model', value: state.name, step: 1, totalSteps: TOTAL_STEPS, validate: (v) => (v.trim() ? undefined : 'A model needs a name.') });
      if (name === BACK || name === undefined) return name;
      state.name = name.trim();
      return 'next';
    },
    async (state) => {
      const description = await prompter.input({ title: 'Train a custom model', prompt: 'Description (optional)', value: state.description, step: 2, totalSteps: TOTAL_STEPS });
      if (description === BACK || description === undefined) return description;
      state.description = description.trim() || undefined;
      return 'next';
    },
    async (state) => {
      const items: PickItem<BaseModel>[] = trainable.map((model) => {
        const dates = model.properties?.deprecationDates;
        const near = nearDeprecation(dates, now);
        return {
          label: model.displayName,
          description: `${model.locale}${near ? ` · $(warning) training ends ${near.date.slice(0, 10)}` : ''}`,
          detail: `Adapts with ${model.properties?.features?.supportsAdaptationsWith?.join(', ')}${dates?.adaptationDateTime ? ` · training until ${dates.adaptationDateTime.slice(0, 10)}` : ''}${dates?.transcriptionDateTime ? ` · transcription until ${dates.transcriptionDateTime.slice(0, 10)}` : ''}`,
          value: model,
        };
      });
      if (items.length === 0) throw new Error('No base model can be trained any more: every one is past its adaptation date or adapts with nothing.');
      const base = await prompter.pick({ title: 'Base model', placeholder: 'The model to adapt (newest first)', items, selected: state.baseModel ? [state.baseModel] : undefined, step: 3, totalSteps: TOTAL_STEPS });
      if (base === BACK || base === undefined) return base;
      state.baseModel = base;
      return 'next';
    },
    async (state) => {
      const kinds = new Set(state.baseModel!.properties?.features?.supportsAdaptationsWith ?? []);
      const usable = datasets.filter((dataset) => kinds.has(dataset.kind) && dataset.locale === state.baseModel!.locale);
      if (usable.length === 0) throw new Error(`There is no succeeded ${[...kinds].join(', ')} dataset in ${state.baseModel!.locale} to train ${state.baseModel!.displayName} with. Upload one first.`);
      const presetIds = new Set(preset.datasetIds ?? []);
      const items = usable.map((dataset) => ({ label: dataset.displayName, description: summarizeDataset(dataset, now).description, value: dataset }));
      const selected = state.datasets ?? usable.filter((dataset) => presetIds.has(parseEntityUri(dataset.self)?.id ?? ''));
      for (;;) {
        const picked = await prompter.pickMany({ title: 'Datasets', placeholder: `${[...kinds].join(', ')} datasets in ${state.baseModel!.locale}: pick one or more`, items, selected, step: 4, totalSteps: TOTAL_STEPS });
        if (picked === BACK || picked === undefined) return picked;
        if (picked.length === 0) continue; // a model needs data
        state.datasets = picked;
        return 'next';
      }
    },
    async (state) => {
      if (!state.datasets?.some((dataset) => LANGUAGE_KINDS.has(dataset.kind))) return 'skip';
      const weights = [10, 30, 50, 70, 90];
      const weight = await prompter.pick({
        title: 'Custom model weight',
        placeholder: 'How much the domain text counts against the base model’s language model',
        items: weights.map((w) => ({ label: `${w}%`, description: w === 30 ? 'balanced (the service’s default)' : w > 50 ? 'domain first: in-domain speech gains, general speech may lose' : '', value: w })),
        selected: [state.weight ?? 30],
        step: 5,
        totalSteps: TOTAL_STEPS,
      });
      if (weight === BACK || weight === undefined) return weight;
      state.weight = weight;
      return 'next';
    },
    async (state) => {
      const summary = `${state.name} from ${state.baseModel!.displayName} with ${state.datasets!.map((d) => d.displayName).join(', ')}`;
      const confirm = await prompter.pick({ title: 'Train?', placeholder: summary, items: [{ label: 'Train', description: summary, value: true }], step: 6, totalSteps: TOTAL_STEPS });
      if (confirm === BACK || confirm === undefined) return confirm;
      return 'next';
    },
  ]);
  if (!done) return undefined;
  return client.models.create({
    displayName: done.name,
    ...(done.description ? { description: done.description } : {}),
    locale: done.baseModel!.locale,
    baseModel: { self: done.baseModel!.self },
    datasets: done.datasets!.map((dataset) => ({ self: dataset.self })),
    ...(done.projectId ? { project: client.reference('projects', done.projectId) } : {}),
    properties: { customModelWeightPercent: done.weight ?? 30 },
  });
}
