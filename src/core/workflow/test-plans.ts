import { entityIdOf } from '../api/ids';
import { evaluationMetrics, type EvaluationMetrics, type Evaluation } from '../api/schemas';
import { waitForStatus } from '../api/wait';
import { runningProgress } from '../present/running-progress';
import type { ManifestTest } from '../manifest/manifest-schema';
import { resolveBaseModel } from './base-model';
import { ensureDataset } from './datasets';
import { entityError, EntityFailedError } from './entity-failed';
import { findTagged } from './find-tagged';
import { succeededModel } from './models';
import { projectReference } from './project';
import { selectEntries, type WorkflowSession } from './session';
import { manifestTags, RECIPE_HASH_PROPERTY, valueHash } from './tags';

/** One model of an evaluation, with its results. */
export interface TestedModel {
  /** "base" or the recipe's key. */
  ref: string;
  /** What to show: the recipe key, or the base model's display name. */
  label: string;
  modelId: string;
  isBase: boolean;
  metrics: EvaluationMetrics;
  /** Word error rate in percent (undefined until it succeeds, and for audio-only test sets). */
  werPercent?: number;
}

export interface TestOutcome {
  key: string;
  datasetKey: string;
  evaluationId: string;
  /** Succeeded, or Failed with `properties.error`. */
  evaluation: Evaluation;
  /** Model 1 and model 2; the same model twice when the plan tests one alone. */
  models: [TestedModel, TestedModel];
  /** True for an AudioFiles test set: no transcripts, so no error rates. */
  inspectionOnly: boolean;
  /** True when the same evaluation was found and nothing was run. */
  reused: boolean;
}

/**
 * The models a plan's evaluation compares, as "base" or recipe keys: one custom model is compared
 * with its base model; "base" alone is tested alone.
 */
export function modelsOfPlan(plan: ManifestTest): [string, string] {
  const [first, second] = plan.models as [string, string?];
  if (second !== undefined) return [first, second];
  return first === 'base' ? ['base', 'base'] : ['base', first];
}

/** Runs the manifest's test plans named in `names` (all when none), training what they need first. */
export async function runTests(session: WorkflowSession, names: readonly string[] = []): Promise<TestOutcome[]> {
  const outcomes: TestOutcome[] = [];
  for (const [key] of selectEntries(session.manifest.tests, names, 'test')) outcomes.push(await runTest(session, key));
  return outcomes;
}

/** Runs test plan `key` (or finds the same evaluation run before) and waits for its results. */
export async function runTest(session: WorkflowSession, key: string): Promise<TestOutcome> {
  const { client, manifest, signal, options } = session;
  const plan = manifest.tests[key];
  if (!plan) throw new Error(`The manifest has no test '${key}'.`);
  const datasetEntry = manifest.datasets[plan.dataset]!;
  const locale = datasetEntry.locale ?? manifest.locale;
  const dataset = await ensureDataset(session, plan.dataset);
  if (dataset.dataset.status !== 'Succeeded') throw new EntityFailedError('dataset', plan.dataset, dataset.datasetId, entityError(dataset.dataset));

  const refs = modelsOfPlan(plan);
  const slots = [await slotOf(session, refs[0], refs[1], locale), await slotOf(session, refs[1], refs[0], locale)] as const;
  const hash = valueHash({ locale, dataset: dataset.datasetId, model1: slots[0].modelId, model2: slots[1].modelId });

  let evaluation = options.force ? undefined : await findTagged(client.evaluations.list({ signal }), key, RECIPE_HASH_PROPERTY, hash);
  const reused = evaluation !== undefined;
  const inspectionOnly = datasetEntry.kind === 'AudioFiles';
  if (!evaluation) {
    evaluation = await client.evaluations.create(
      {
        displayName: plan.displayName ?? key,
        locale,
        model1: slots[0].reference,
        model2: slots[1].reference,
        dataset: client.reference('datasets', dataset.datasetId),
        ...(await projectReference(session, locale)),
        // testingKind makes the test show in Speech Studio.
        customProperties: { ...manifestTags(key, RECIPE_HASH_PROPERTY, hash), testingKind: inspectionOnly ? 'Inspection' : 'Evaluation' },
      },
      signal,
    );
  }
  const evaluationId = entityIdOf(evaluation.self, 'evaluations');
  session.report({ step: 'evaluation', key, action: reused ? 'reused' : 'created', evaluationId });
  if (evaluation.status !== 'Succeeded' && evaluation.status !== 'Failed') {
    evaluation = await waitForStatus((s) => client.evaluations.poll(evaluationId, s), {
      signal,
      initialDelayMs: options.pollMs ?? 1000,
      maxDelayMs: 30_000,
      onProgress: (entity, elapsedMs) => {
        const progress = runningProgress(entity)?.percent;
        session.report({ step: 'evaluation', key, action: 'status', status: entity.status, elapsedMs, ...(progress ? { progress } : {}) });
      },
    });
  }
  const tested = (slot: Slot, n: 1 | 2): TestedModel => {
    const metrics = evaluationMetrics(evaluation, n);
    return { ref: slot.ref, label: slot.label, modelId: slot.modelId, isBase: slot.isBase, metrics, werPercent: metrics.wordErrorRate === undefined ? undefined : metrics.wordErrorRate * 100 };
  };
  return { key, datasetKey: plan.dataset, evaluationId, evaluation, models: [tested(slots[0], 1), tested(slots[1], 2)], inspectionOnly, reused };
}

interface Slot {
  ref: string;
  label: string;
  modelId: string;
  isBase: boolean;
  reference: { self: string };
}

/** A model of the plan: a trained recipe, or "base" — the other recipe's base model, else the latest. */
async function slotOf(session: WorkflowSession, ref: string, other: string, locale: string): Promise<Slot> {
  const { client } = session;
  if (ref !== 'base') {
    const trained = await succeededModel(session, ref);
    return { ref, label: ref, modelId: trained.modelId, isBase: false, reference: client.reference('models', trained.modelId) };
  }
  const base = other !== 'base' ? (await succeededModel(session, other)).baseModel : await resolveBaseModel(session, 'latest', locale, []);
  const modelId = entityIdOf(base.self, 'models/base');
  return { ref, label: base.displayName, modelId, isBase: true, reference: client.reference('models/base', modelId) };
}
