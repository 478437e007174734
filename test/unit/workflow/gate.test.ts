import * as assert from 'node:assert/strict';
import type { Evaluation } from '../../../src/core/api/schemas';
import { checkGate } from '../../../src/core/workflow/gate';
import type { TestedModel, TestOutcome } from '../../../src/core/workflow/test-plans';

function model(ref: string, werPercent: number | undefined): TestedModel {
  return { ref, label: ref, modelId: ref, isBase: ref === 'base', metrics: {}, werPercent };
}

function outcome(models: [TestedModel, TestedModel], status = 'Succeeded', inspectionOnly = false): TestOutcome {
  const evaluation = { self: 'x', displayName: 't', locale: 'en-US', status, properties: status === 'Failed' ? { error: { code: 'X', message: 'no audio' } } : {} } as Evaluation;
  return { key: 'vs-base', datasetKey: 'calls', evaluationId: 'e1', evaluation, models, inspectionOnly, reused: false };
}

describe('workflow: CI gate', () => {
  const compared = outcome([model('base', 12), model('custom', 8)]);

  it('passes a custom model under the threshold and better than the base', () => {
    assert.deepEqual(checkGate(compared, { failIfWerAbove: 10, failIfWorseThan: 'base' }), { passed: true, reasons: [] });
  });

  it('checks the custom model, not the base it is compared with', () => {
    assert.equal(checkGate(compared, { failIfWerAbove: 9 }).passed, true);
    const result = checkGate(compared, { failIfWerAbove: 5 });
    assert.deepEqual(result.reasons, ["the WER of 'custom' is 8.00 %, above 5.00 %"]);
  });

  it('fails a model worse than the one named', () => {
    const result = checkGate(outcome([model('base', 7), model('custom', 8)]), { failIfWorseThan: 'base' });
    assert.deepEqual(result.reasons, ["the WER of 'custom' is 8.00 %, worse than 'base' (7.00 %)"]);
  });

  it('compares two custom models with the one named', () => {
    const two = outcome([model('a', 9), model('b', 8)]);
    assert.equal(checkGate(two, { failIfWorseThan: 'a' }).passed, true);
    assert.equal(checkGate(two, { failIfWorseThan: 'b' }).passed, false);
  });

  it('checks the base model when it is tested alone', () => {
    assert.equal(checkGate(outcome([model('base', 20), model('base', 20)]), { failIfWerAbove: 15 }).passed, false);
  });

  it('fails when the model named is not in the test, the evaluation failed, or there is no WER', () => {
    assert.match(checkGate(compared, { failIfWorseThan: 'other' }).reasons[0]!, /'other' is not a model of test 'vs-base' \(its models: base, custom\)/);
    assert.match(checkGate(outcome([model('base', 1), model('custom', 1)], 'Failed'), {}).reasons[0]!, /is Failed: no audio/);
    assert.match(checkGate(outcome([model('base', undefined), model('custom', undefined)], 'Succeeded', true), { failIfWerAbove: 10 }).reasons[0]!, /no word error rate \('calls' is audio without transcripts\)/);
    assert.equal(checkGate(outcome([model('base', undefined), model('custom', undefined)], 'Succeeded', true), {}).passed, true);
  });
});
