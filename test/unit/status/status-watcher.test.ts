import * as assert from 'node:assert/strict';
import { StatusWatcher } from '../../../src/core/status/status-watcher';

type Entity = { status: string; lastActionDateTime?: string };

function script(states: (Entity | Error)[], retryAfterMs?: number) {
  const calls: number[] = [];
  let at = 0;
  return {
    calls,
    poll: async () => {
      calls.push(Date.now());
      const next = states[Math.min(at++, states.length - 1)]!;
      if (next instanceof Error) throw next;
      return { entity: next, retryAfterMs };
    },
  };
}

describe('status watcher', () => {
  it('reports each change and the settled state, then stops polling', async () => {
    const changes: string[] = [];
    let settled: Entity | undefined;
    const watcher = new StatusWatcher<Entity>({ onChange: (_, e) => changes.push(e.status), onSettled: (_, e) => (settled = e) }, { initialDelayMs: 5, maxDelayMs: 20 });
    const source = script([{ status: 'NotStarted' }, { status: 'Running' }, { status: 'Running' }, { status: 'Succeeded' }]);
    watcher.watch({ key: 'models/1', poll: source.poll }, { status: 'NotStarted' });
    assert.ok(watcher.isWatching('models/1'));
    while (!settled) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(changes, ['Running', 'Succeeded']);
    assert.equal(watcher.isWatching('models/1'), false);
    const polls = source.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(source.calls.length, polls);
  });

  it('does not watch what is settled already, nor the same entity twice', () => {
    const watcher = new StatusWatcher<Entity>({ onChange: () => {}, onSettled: () => {} });
    watcher.watch({ key: 'a', poll: script([]).poll }, { status: 'Failed' });
    assert.equal(watcher.size, 0);
    watcher.watch({ key: 'b', poll: script([]).poll }, { status: 'Running' });
    watcher.watch({ key: 'b', poll: script([]).poll }, { status: 'Running' });
    assert.equal(watcher.size, 1);
    watcher.dispose();
    assert.equal(watcher.size, 0);
  });

  it('waits as long as Retry-After says', async () => {
    let settled = false;
    const watcher = new StatusWatcher<Entity>({ onChange: () => {}, onSettled: () => (settled = true) }, { initialDelayMs: 5 });
    const source = script([{ status: 'Running' }, { status: 'Succeeded' }], 120);
    watcher.watch({ key: 'e', poll: source.poll }, { status: 'Running' });
    while (!settled) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.ok(source.calls[1]! - source.calls[0]! >= 110, `second poll after ${source.calls[1]! - source.calls[0]!} ms`);
  });

  it('gives up after repeated failures and says why', async () => {
    let gaveUp: unknown;
    const watcher = new StatusWatcher<Entity>({ onChange: () => {}, onSettled: () => {}, onGaveUp: (_, error) => (gaveUp = error) }, { initialDelayMs: 1, maxDelayMs: 4, maxFailures: 3 });
    watcher.watch({ key: 'x', poll: script([new Error('offline')]).poll }, { status: 'Running' });
    while (!gaveUp) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.match(String(gaveUp), /offline/);
    assert.equal(watcher.isWatching('x'), false);
  });

  it('polls at most maxActive entities at once; the others wait their turn', async () => {
    const settled: string[] = [];
    const watcher = new StatusWatcher<Entity>({ onChange: () => {}, onSettled: (key) => settled.push(key) }, { initialDelayMs: 5, maxActive: 2 });
    let active = 0;
    let peak = 0;
    const poll = async () => {
      peak = Math.max(peak, ++active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active--;
      return { entity: { status: 'Succeeded' } };
    };
    for (const key of ['a', 'b', 'c', 'd', 'e']) watcher.watch({ key, poll }, { status: 'Running' });
    assert.equal(watcher.size, 2);
    assert.ok(watcher.isWatching('e'));
    while (settled.length < 5) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.ok(peak <= 2, `peak ${peak}`);
    assert.deepEqual([...settled].sort(), ['a', 'b', 'c', 'd', 'e']);
  });
});
