import * as assert from 'node:assert/strict';
import { alignedPairs } from '../../../src/core/report/aligned-pairs';
import type { UtteranceRow } from '../../../src/core/report/report-model';
import { filterAvailable, filterCounts, indexRows, queryRows, sortAvailable } from '../../../src/core/report/view/rows';
import { syntheticReport } from '../../support/synthetic-report';

function row(id: string, ref: string, a: [string, string, number], b?: [string, string, number]): UtteranceRow {
  const words = ref.split(' ').length;
  const system = ([hyp, alignment, errors]: [string, string, number]) => ({ hyp, alignment, errors, wer: errors / words });
  return { id, speaker: id.split('_')[0]!, ref, systems: b ? [system(a), system(b)] : [system(a)] };
}

const ROWS: UtteranceRow[] = [
  row('s_10', 'a b c', ['a b c', 'CCC', 0], ['a x c', 'CSC', 1]), // regression +1
  row('s_2', 'a b c d', ['a c d', 'CDCC', 1], ['a b c d', 'CCCC', 0]), // gain −1
  row('s_1', 'kubernetes pods', ['cooper nettie pods', 'SIC', 2], ['kubernetes pods', 'CC', 0]), // gain −2
  row('s_3', 'one two', ['one two', 'CC', 0], ['one two', 'CC', 0]), // clean
  row('t_1', 'rear derailleur', ['rear', 'CD', 1], ['rear derail ear', 'CSI', 2]), // regression +1, worst B
];
const ids = (order: Int32Array) => [...order].map((i) => ROWS[i]!.id);

describe('report view: rows', () => {
  const index = indexRows(ROWS);

  it('sorts worst first by the last system, ties by natural id order', () => {
    assert.deepEqual(ids(queryRows(index, { sort: 'worst', filter: 'all', search: '' })), ['t_1', 's_10', 's_1', 's_2', 's_3']);
  });

  it('sorts by biggest regression and by biggest gain (errors of B − errors of A)', () => {
    assert.deepEqual(ids(queryRows(index, { sort: 'regression', filter: 'all', search: '' })), ['s_10', 't_1', 's_3', 's_2', 's_1']);
    assert.deepEqual(ids(queryRows(index, { sort: 'gain', filter: 'all', search: '' })), ['s_1', 's_2', 's_3', 's_10', 't_1']);
  });

  it('sorts ids naturally (s_2 before s_10)', () => {
    assert.deepEqual(ids(queryRows(index, { sort: 'id', filter: 'all', search: '' })), ['s_1', 's_2', 's_3', 's_10', 't_1']);
  });

  it('filters errors, regressions and gains, and counts them', () => {
    assert.deepEqual(ids(queryRows(index, { sort: 'id', filter: 'errors', search: '' })), ['s_1', 's_2', 's_10', 't_1']);
    assert.deepEqual(ids(queryRows(index, { sort: 'id', filter: 'regressions', search: '' })), ['s_10', 't_1']);
    assert.deepEqual(ids(queryRows(index, { sort: 'id', filter: 'gains', search: '' })), ['s_1', 's_2']);
    assert.deepEqual(filterCounts(index), { all: 5, errors: 4, regressions: 2, gains: 2 });
  });

  it('searches id, reference and hypotheses case-insensitively, not across fields', () => {
    assert.deepEqual(ids(queryRows(index, { sort: 'id', filter: 'all', search: 'NETTIE' })), ['s_1']);
    assert.deepEqual(ids(queryRows(index, { sort: 'id', filter: 'all', search: '  t_1 ' })), ['t_1']);
    assert.deepEqual(ids(queryRows(index, { sort: 'id', filter: 'all', search: 'derail ear' })), ['t_1']);
    // Narrowed to some rows (a scatter cell's: t_1, s_10, s_1), the sort and filter still apply.
    assert.deepEqual(ids(queryRows(index, { sort: 'id', filter: 'all', search: '' }, new Set([4, 0, 2]))), ['s_1', 's_10', 't_1']);
    assert.deepEqual(ids(queryRows(index, { sort: 'id', filter: 'gains', search: '' }, new Set([4, 0, 2]))), ['s_1']);
    assert.deepEqual(ids(queryRows(index, { sort: 'id', filter: 'all', search: '' }, new Set())), []);
    assert.deepEqual(ids(queryRows(index, { sort: 'id', filter: 'all', search: 'c a' })), []); // 'a b c' then 'a b c': no match across the boundary
    assert.deepEqual(ids(queryRows(index, { sort: 'id', filter: 'regressions', search: 'x c' })), ['s_10']);
  });

  it('with one system, falls back from regression/gain orders and filters', () => {
    const single = indexRows(ROWS.map((r) => ({ ...r, systems: r.systems.slice(0, 1) })));
    assert.equal(sortAvailable(single, 'gain'), false);
    assert.equal(filterAvailable(single, 'regressions'), false);
    assert.equal(filterAvailable(single, 'errors'), true);
    assert.equal(queryRows(single, { sort: 'gain', filter: 'regressions', search: '' }).length, 5);
    assert.deepEqual([...queryRows(single, { sort: 'worst', filter: 'all', search: '' })].map((i) => ROWS[i]!.id).slice(0, 2), ['s_1', 't_1']);
  });

  it('sorts, filters and searches 10,000 rows in under 50 ms each', () => {
    const model = syntheticReport({ utterances: 10_000 });
    const big = indexRows(model.utterances);
    const queries = [
      { sort: 'worst', filter: 'all', search: '' },
      { sort: 'regression', filter: 'all', search: '' },
      { sort: 'gain', filter: 'gains', search: '' },
      { sort: 'id', filter: 'errors', search: '' },
      { sort: 'worst', filter: 'all', search: 'derailleur' },
      { sort: 'worst', filter: 'regressions', search: 'kubernetes invoice' },
    ] as const;
    queryRows(big, queries[0]); // warm up
    for (const query of queries) {
      const started = performance.now();
      const order = queryRows(big, query);
      const ms = performance.now() - started;
      assert.ok(ms < 50, `${JSON.stringify(query)} took ${ms.toFixed(1)} ms`);
      assert.ok(order.length > 0, `${JSON.stringify(query)} found nothing`);
    }
  });

  it('the synthetic report is consistent: every alignment expands, and counts add up', () => {
    const model = syntheticReport({ utterances: 500, hostile: true });
    let errors = 0;
    for (const u of model.utterances) {
      const pairs = alignedPairs(u.ref, u.systems[1]!.hyp, u.systems[1]!.alignment);
      errors += pairs.filter((p) => p.op !== 'C').length;
      assert.equal(pairs.filter((p) => p.op !== 'C').length, u.systems[1]!.errors);
    }
    assert.equal(errors, model.systems[1]!.errors);
    assert.equal(model.systems[0]!.words, model.utterances.reduce((n, u) => n + u.ref.split(' ').length, 0));
  });
});
