import * as assert from 'node:assert/strict';
import { runningProgress } from '../../../src/core/present/running-progress';

describe('runningProgress', () => {
  it("reads the local engine's progress of a running evaluation", () => {
    assert.deepEqual(runningProgress({ status: 'Running', properties: { progress: { completed: 412, total: 1200 } } }), { completed: 412, total: 1200, percent: '34 %' });
    // Rounded down: 100 % only once everything is decoded.
    assert.equal(runningProgress({ status: 'Running', properties: { progress: { completed: 1199, total: 1200 } } })?.percent, '99 %');
    assert.equal(runningProgress({ status: 'Running', properties: { progress: { completed: 1200, total: 1200 } } })?.percent, '100 %');
    // Out of range counts are held to the range.
    assert.equal(runningProgress({ status: 'Running', properties: { progress: { completed: 5000, total: 1200 } } })?.completed, 1200);
    assert.equal(runningProgress({ status: 'Running', properties: { progress: { completed: -3, total: 1200 } } })?.percent, '0 %');
  });

  it('gives nothing when there is nothing to tell: not running, no progress (Azure), no total, another shape', () => {
    assert.equal(runningProgress({ status: 'Succeeded', properties: { progress: { completed: 1200, total: 1200 } } }), undefined);
    assert.equal(runningProgress({ status: 'NotStarted', properties: { progress: { completed: 0, total: 1200 } } }), undefined);
    assert.equal(runningProgress({ status: 'Running', properties: { wordErrorRate1: -1 } }), undefined);
    assert.equal(runningProgress({ status: 'Running' }), undefined);
    assert.equal(runningProgress({ status: 'Running', properties: { progress: { completed: 0, total: 0 } } }), undefined);
    assert.equal(runningProgress({ status: 'Running', properties: { progress: 'half way' } }), undefined);
    assert.equal(runningProgress({ status: 'Running', properties: { progress: { completed: '3', total: 10 } } }), undefined);
  });
});
