import type { SpeechClient } from '../../core/api/client';
import { collect } from '../../core/api/collection';
import { parseEntityUri } from '../../core/api/ids';
import type { BaseModel, CustomModel, Dataset, Evaluation } from '../../core/api/schemas';
import { BACK, runSteps, type PickItem, type Prompter } from '../prompts/prompter';

type ModelChoice = { kind: 'base'; model: BaseModel } | { kind: 'custom'; model: CustomModel };

interface TestChoices {
  model2?: ModelChoice;
  model1?: ModelChoice;
  dataset?: Dataset;
  name?: string;
}

const TOTAL_STEPS = 4;

/** The datasets a custom model was trained with (ids). */
function trainedWith(choice: ModelChoice | undefined): Set<string> {
  if (choice?.kind !== 'custom') return new Set();
  return new Set((choice.model.datasets ?? []).map((ref) => parseEntityUri(ref.self)?.id ?? ''));
}

/** A warning when the test data was used to train either model: its results would flatter them. */
export function trainingOverlapWarning(dataset: Dataset, models: (ModelChoice | undefined)[]): string | undefined {
  const id = parseEntityUri(dataset.self)?.id ?? '';
  const guilty = models.filter((choice) => trainedWith(choice).has(id)).map((choice) => choice!.model.displayName);
  return guilty.length ? `${guilty.join(' and ')} ${guilty.length > 1 ? 'were' : 'was'} trained with ${dataset.displayName}: the results will look better than the model will do on new audio.` : undefined;
}

/**
 * Test model: the model to test, what to compare it with (its base model by default, or another),
 * the test dataset (Acoustic: word error rate against the transcripts; AudioFiles: inspection only),
 * with a warning when it trained either model, then a name. Creates the evaluation.
 */
export async function testModelWizard(client: SpeechClient, prompter: Prompter, preset: { modelId?: string; projectId?: string } = {}): Promise<Evaluation | undefined> {
  const [custom, base, datasets] = await Promise.all([collect(client.models.list({ filter: "status eq 'Succeeded'" })), collect(client.baseModels.list()), collect(client.datasets.list({ filter: "status eq 'Succeeded'" }))]);
  const modelItems: PickItem<ModelChoice>[] = [
    ...custom.map((model) => ({ label: model.displayName, description: `custom · ${model.locale}`, value: { kind: 'custom', model } as ModelChoice })),
    ...base.map((model) => ({ label: model.displayName, description: `base · ${model.locale}`, value: { kind: 'base', model } as ModelChoice })),
  ];
  const presetChoice = modelItems.find((item) => parseEntityUri(item.value.model.self)?.id === preset.modelId)?.value;
  const baseOf = (choice: ModelChoice): ModelChoice | undefined => {
    if (choice.kind !== 'custom' || !choice.model.baseModel) return undefined;
    const id = parseEntityUri(choice.model.baseModel.self)?.id;
    const model = base.find((b) => parseEntityUri(b.self)?.id === id);
    return model ? { kind: 'base', model } : undefined;
  };

  const done = await runSteps<TestChoices>({ model2: presetChoice }, [
    async (state) => {
      const picked = await prompter.pick({ title: 'Test a model', placeholder: 'The model to test', items: modelItems, selected: state.model2 ? [state.model2] : undefined, step: 1, totalSteps: TOTAL_STEPS });
      if (picked === BACK || picked === undefined) return picked;
      state.model2 = picked;
      return 'next';
    },
    async (state) => {
      const own = baseOf(state.model2!);
      const others = modelItems.filter((item) => item.value.model.self !== state.model2!.model.self && item.value.model.locale === state.model2!.model.locale);
      // Alone, the model is both model 1 and model 2: one word error rate, e.g. a base model's baseline.
      const alone = { label: 'Only this model', description: 'its own word error rate, compared with nothing', value: state.model2! };
      const items = [...(own ? [{ label: `Its base model: ${own.model.displayName}`, description: 'what the training changed', value: own }, ...others.filter((item) => item.value.model.self !== own.model.self)] : others), alone];
      const picked = await prompter.pick({ title: 'Compare with', placeholder: 'Model 1 of the evaluation', items, selected: state.model1 ? [state.model1] : own ? [own] : undefined, step: 2, totalSteps: TOTAL_STEPS });
      if (picked === BACK || picked === undefined) return picked;
      state.model1 = picked;
      return 'next';
    },
    async (state) => {
      const usable = datasets.filter((dataset) => (dataset.kind === 'Acoustic' || dataset.kind === 'AudioFiles') && dataset.locale === state.model2!.model.locale);
      if (usable.length === 0) throw new Error(`There is no succeeded Acoustic or AudioFiles dataset in ${state.model2!.model.locale} to test with. Upload audio (with transcripts for a word error rate).`);
      const items = usable.map((dataset) => {
        const overlap = trainingOverlapWarning(dataset, [state.model1, state.model2]);
        return {
          label: dataset.displayName,
          description: dataset.kind === 'Acoustic' ? 'accuracy: word error rate against the transcripts' : 'inspection: hypotheses only',
          detail: overlap ? `$(warning) ${overlap}` : undefined,
          value: dataset,
        };
      });
      const picked = await prompter.pick({ title: 'Test dataset', placeholder: 'Audio the models were not trained with', items, selected: state.dataset ? [state.dataset] : undefined, step: 3, totalSteps: TOTAL_STEPS });
      if (picked === BACK || picked === undefined) return picked;
      state.dataset = picked;
      return 'next';
    },
    async (state) => {
      const name = await prompter.input({
        title: 'Name of the evaluation',
        prompt: trainingOverlapWarning(state.dataset!, [state.model1, state.model2]) ?? 'Name of the evaluation',
        value: state.name ?? (state.model1!.model.self === state.model2!.model.self ? `${state.model2!.model.displayName} on ${state.dataset!.displayName}` : `${state.model2!.model.displayName} vs ${state.model1!.model.displayName} on ${state.dataset!.displayName}`),
        step: 4,
        totalSteps: TOTAL_STEPS,
        validate: (v) => (v.trim() ? undefined : 'An evaluation needs a name.'),
      });
      if (name === BACK || name === undefined) return name;
      state.name = name.trim();
      return 'next';
    },
  ]);
  if (!done) return undefined;
  return client.evaluations.create({
    displayName: done.name,
    locale: done.model2!.model.locale,
    model1: { self: done.model1!.model.self },
    model2: { self: done.model2!.model.self },
    dataset: { self: done.dataset!.self },
    ...(preset.projectId ? { project: client.reference('projects', preset.projectId) } : {}),
  });
}
