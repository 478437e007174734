import { checkGate, formatPercent, type GateOptions, type GateResult } from '../core/workflow/gate';
import { selectEntries } from '../core/workflow/session';
import { modelsOfPlan, runTest, type TestOutcome } from '../core/workflow/test-plans';
import { EXIT } from './failure';
import { printJson, printTable } from './output';
import { numberOption, runServiceCommand, stringOption } from './service-command';
import { UsageError } from './usage-error';
import { workspaceHelp, workspaceOptions, workspaceSession } from './workspace-session';

const help = `Usage: custom-speech test [names...] [options]

Runs the manifest's test plans (all, or the names given): evaluations of their models on their test
dataset, training and uploading what they need first. A plan with one custom model compares it with
its base model. Prints the word error rate (WER) of each model; the gate options make it a CI check.

Gate:
  --fail-if-wer-above <percent>   Exit 1 when a tested model's WER is above this, e.g. 12.5
  --fail-if-worse-than <model>    Exit 1 when a tested model's WER is worse than this model of the
                                  plan: "base" or a recipe name
  The models checked are the plan's custom models (all but the one compared against).

Options:
${workspaceHelp}

Exit code: 0 tested (and the gate passed), 1 the gate failed or an evaluation, model or dataset
failed, 2 usage, manifest or connection error, 130 cancelled.`;

const options = { ...workspaceOptions, 'fail-if-wer-above': { type: 'string' }, 'fail-if-worse-than': { type: 'string' } } as const;

export function runTestCommand(args: string[]): Promise<number> {
  return runServiceCommand('test', args, help, options, async (context) => {
    const gate: GateOptions = {
      failIfWerAbove: numberOption(context.values, 'fail-if-wer-above', (n) => n >= 0, 'a percentage (0 or more)'),
      failIfWorseThan: stringOption(context.values, 'fail-if-worse-than'),
    };
    const session = await workspaceSession(context);
    const plans = selectEntries(session.manifest.tests, context.positionals, 'test');
    if (plans.length === 0) throw new UsageError(`the manifest has no tests`);
    // Checked before anything runs: a gate that names no model of a plan is a typo, not a failure.
    for (const [key, plan] of plans) {
      if (gate.failIfWorseThan !== undefined && !modelsOfPlan(plan).includes(gate.failIfWorseThan)) {
        throw new UsageError(`--fail-if-worse-than '${gate.failIfWorseThan}' is not a model of test '${key}' (its models: ${[...new Set(modelsOfPlan(plan))].join(', ')})`);
      }
    }
    const results: { outcome: TestOutcome; gate: GateResult }[] = [];
    for (const [key] of plans) {
      const outcome = await runTest(session, key);
      results.push({ outcome, gate: checkGate(outcome, gate) });
    }
    print(results, context.json, gate.failIfWerAbove !== undefined || gate.failIfWorseThan !== undefined);
    return results.every((r) => r.gate.passed) ? EXIT.ok : EXIT.failed;
  });
}

function print(results: { outcome: TestOutcome; gate: GateResult }[], json: boolean, gated: boolean): void {
  if (json) {
    printJson(
      results.map(({ outcome, gate }) => ({
        key: outcome.key,
        evaluationId: outcome.evaluationId,
        status: outcome.evaluation.status,
        dataset: outcome.datasetKey,
        reused: outcome.reused,
        models: outcome.models.map(({ ref, label, modelId, isBase, werPercent, metrics }) => ({ ref, label, modelId, isBase, werPercent, metrics })),
        gate,
      })),
    );
    return;
  }
  const rows = results.flatMap(({ outcome }) => outcome.models.filter((m, i) => i === 0 || m.modelId !== outcome.models[0].modelId).map((model) => ({ outcome, model })));
  printTable(rows, [
    { title: 'TEST', value: (r) => r.outcome.key },
    { title: 'MODEL', value: (r) => (r.model.isBase ? `base (${r.model.label})` : r.model.ref) },
    { title: 'WER', value: (r) => (r.model.werPercent === undefined ? (r.outcome.evaluation.status === 'Succeeded' ? 'n/a' : r.outcome.evaluation.status) : formatPercent(r.model.werPercent)) },
    { title: 'SUB', value: (r) => r.model.metrics.wordSubstitutionCount },
    { title: 'DEL', value: (r) => r.model.metrics.wordDeletionCount },
    { title: 'INS', value: (r) => r.model.metrics.wordInsertionCount },
    { title: 'WORDS', value: (r) => r.model.metrics.wordCount },
    { title: 'EVALUATION', value: (r) => r.outcome.evaluationId },
  ]);
  for (const { outcome, gate } of results) {
    if (gate.passed && !gated) continue;
    process.stdout.write(gate.passed ? `${outcome.key}: passed\n` : `${outcome.key}: FAILED: ${gate.reasons.join('; ')}\n`);
  }
}
