import * as assert from 'node:assert/strict';
import { RestartBudget } from '../../../src/core/connections/restart-budget';

describe('restart budget', () => {
  it('allows three restarts within a minute, then none until the oldest is a minute old', () => {
    const budget = new RestartBudget(3, 60_000);
    assert.equal(budget.tryTake(0), true);
    assert.equal(budget.tryTake(10_000), true);
    assert.equal(budget.tryTake(20_000), true);
    assert.equal(budget.tryTake(30_000), false);
    assert.equal(budget.tryTake(59_999), false);
    // The restart at 0 leaves the window at 60 000.
    assert.equal(budget.tryTake(60_000), true);
    assert.equal(budget.tryTake(60_001), false);
  });

  it('does not count refused attempts against later ones', () => {
    const budget = new RestartBudget(1, 1000);
    assert.equal(budget.tryTake(0), true);
    for (let t = 1; t < 1000; t += 100) assert.equal(budget.tryTake(t), false);
    assert.equal(budget.tryTake(1000), true);
  });

  it('starts afresh after reset (a restart the user asked for)', () => {
    const budget = new RestartBudget(2, 60_000);
    budget.tryTake(0);
    budget.tryTake(1);
    assert.equal(budget.tryTake(2), false);
    budget.reset();
    assert.equal(budget.tryTake(3), true);
  });
});
