import type { TestOutcome } from './test-plans';

/** A CI gate on a test's results. */
export interface GateOptions {
  /** Fails when a tested model's word error rate is above this many percent. */
  failIfWerAbove?: number;
  /** Fails when a tested model does worse than this model of the plan ("base" or a recipe key). */
  failIfWorseThan?: string;
}

export interface GateResult {
  passed: boolean;
  /** Why it failed, one sentence each; empty when it passed. */
  reasons: string[];
}

/**
 * Checks a test against the gate. The models checked are the plan's custom models (all but the
 * one compared against); a plan of the base model alone checks the base model.
 */
export function checkGate(outcome: TestOutcome, options: GateOptions): GateResult {
  const reasons: string[] = [];
  const { evaluation } = outcome;
  if (evaluation.status !== 'Succeeded') {
    const error = evaluation.properties?.error;
    return { passed: false, reasons: [`the evaluation ${outcome.evaluationId} is ${evaluation.status}${error?.message ? `: ${error.message}` : ''}`] };
  }
  const distinct = outcome.models.filter((model, i) => outcome.models.findIndex((other) => other.ref === model.ref) === i);
  const reference = options.failIfWorseThan === undefined ? undefined : distinct.find((model) => model.ref === options.failIfWorseThan);
  if (options.failIfWorseThan !== undefined && !reference) {
    reasons.push(`'${options.failIfWorseThan}' is not a model of test '${outcome.key}' (its models: ${distinct.map((m) => m.ref).join(', ')})`);
  }
  const custom = distinct.filter((model) => !model.isBase && model !== reference);
  const checked = custom.length ? custom : distinct.filter((model) => model !== reference);
  const noWer = (ref: string) => `'${ref}' has no word error rate${outcome.inspectionOnly ? ` ('${outcome.datasetKey}' is audio without transcripts)` : ''}`;
  if (reference && reference.werPercent === undefined) reasons.push(noWer(reference.ref));
  if (options.failIfWerAbove === undefined && !reference) return { passed: reasons.length === 0, reasons };
  for (const model of checked) {
    if (model.werPercent === undefined) {
      reasons.push(noWer(model.ref));
      continue;
    }
    if (options.failIfWerAbove !== undefined && model.werPercent > options.failIfWerAbove) {
      reasons.push(`the WER of '${model.ref}' is ${formatPercent(model.werPercent)}, above ${formatPercent(options.failIfWerAbove)}`);
    }
    if (reference?.werPercent !== undefined && model.werPercent > reference.werPercent) {
      reasons.push(`the WER of '${model.ref}' is ${formatPercent(model.werPercent)}, worse than '${reference.ref}' (${formatPercent(reference.werPercent)})`);
    }
  }
  return { passed: reasons.length === 0, reasons };
}

export function formatPercent(value: number): string {
  return `${value.toFixed(2)} %`;
}
