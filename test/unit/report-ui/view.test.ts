import * as assert from 'node:assert/strict';
import type { ReportComparison } from '../../../src/core/report/report-model';
import { changeTone, count, percent, shortDate, signed, signedPercent, verdictBadge } from '../../../src/core/report/view/format';
import { bandLayout, histogram, linearScale, niceTicks, radiusFor, scatterCells, scatterMax, sides } from '../../../src/core/report/view/scales';
import { contentHeight, moveSelection, pageRows, revealRow, virtualWindow } from '../../../src/core/report/view/virtual';

describe('report view: formatting', () => {
  it('formats rates as percentages with a true minus sign', () => {
    assert.equal(percent(0.1234), '12.3 %');
    assert.equal(percent(0), '0.0 %');
    assert.equal(percent(1.5, 0), '150 %');
    assert.equal(percent(-0.05), '\u22125.0 %');
    assert.equal(percent(Number.NaN), '–');
    assert.equal(percent(undefined), '–');
    assert.equal(signedPercent(-0.34), '\u221234.0 %');
    assert.equal(signedPercent(0.05), '+5.0 %');
    assert.equal(signedPercent(0), '±0.0 %');
    assert.equal(signed(-3), '\u22123');
    assert.equal(signed(2), '+2');
    assert.equal(count(10_000), '10,000');
    assert.equal(shortDate('2025-03-14T09:26:53Z'), '2025-03-14 09:26');
    assert.equal(shortDate('yesterday'), 'yesterday');
  });

  it('reads the verdict and changes as better/worse with an icon and words, not colour alone', () => {
    const base = { method: 'paired-bootstrap', samples: 1000, seed: 1, werDifference: 0.02, confidenceInterval: [0.01, 0.03], probabilityBBetter: 0.99, summary: '' } as const;
    const better = verdictBadge({ ...base, verdict: 'b-better' } as ReportComparison);
    assert.deepEqual([better.tone, better.icon], ['better', '▼']);
    assert.match(better.label, /better/);
    assert.equal(verdictBadge({ ...base, verdict: 'a-better' } as ReportComparison).tone, 'worse');
    assert.equal(verdictBadge({ ...base, verdict: 'no-significant-difference' } as ReportComparison).tone, 'neutral');
    assert.equal(changeTone(-0.01), 'better');
    assert.equal(changeTone(0.01), 'worse');
    assert.equal(changeTone(0), 'neutral');
    assert.equal(changeTone(undefined), 'neutral');
  });
});

describe('report view: virtual window', () => {
  it('keeps only the visible rows plus overscan', () => {
    assert.deepEqual(virtualWindow(0, 600, 30, 10_000, 10), { start: 0, end: 31 });
    assert.deepEqual(virtualWindow(3000, 600, 30, 10_000, 10), { start: 90, end: 131 });
    assert.deepEqual(virtualWindow(299_400, 600, 30, 10_000, 10), { start: 9970, end: 10_000 });
    assert.deepEqual(virtualWindow(1e9, 600, 30, 10_000, 10), { start: 9989, end: 10_000 });
    assert.deepEqual(virtualWindow(0, 600, 30, 0), { start: 0, end: 0 });
    assert.deepEqual(virtualWindow(-50, 600, 30, 5, 2), { start: 0, end: 5 });
    assert.equal(contentHeight(30, 10_000), 300_000);
  });

  it('the window is bounded whatever the list length', () => {
    for (const n of [10, 1000, 100_000]) {
      for (const top of [0, 12_345, 1e7]) {
        const { start, end } = virtualWindow(top, 600, 30, n, 10);
        assert.ok(end - start <= 41, `${n} rows at ${top}: ${end - start}`);
        assert.ok(start >= 0 && end <= n);
      }
    }
  });

  it('scrolls as little as needed to reveal a row', () => {
    assert.equal(revealRow(5, 0, 600, 30), 0); // visible
    assert.equal(revealRow(30, 0, 600, 30), 330); // below: bottom edge aligned
    assert.equal(revealRow(2, 300, 600, 30), 60); // above: top edge aligned
    assert.equal(revealRow(19, 0, 600, 30, 30), 30); // a sticky header covers 30 px
    assert.equal(pageRows(600, 30), 19);
    assert.equal(moveSelection(-1, 1, 10), 0);
    assert.equal(moveSelection(-1, -1, 10), 9);
    assert.equal(moveSelection(8, 5, 10), 9);
    assert.equal(moveSelection(1, -5, 10), 0);
    assert.equal(moveSelection(0, 1, 0), -1);
  });
});

describe('report view: chart geometry', () => {
  it('maps linearly, also inverted (SVG y grows down)', () => {
    const y = linearScale([0, 1], [200, 10]);
    assert.equal(y(0), 200);
    assert.equal(y(1), 10);
    assert.equal(y(0.5), 105);
    assert.equal(linearScale([1, 1], [0, 10])(5), 0);
  });

  it('picks nice ticks', () => {
    assert.deepEqual(niceTicks(338, 4), [0, 100, 200, 300, 400]);
    assert.deepEqual(niceTicks(1, 4), [0, 0.25, 0.5, 0.75, 1]);
    assert.deepEqual(niceTicks(2, 4, true), [0, 1, 2], 'counts: whole steps only');
    assert.deepEqual(niceTicks(9, 4, true), [0, 3, 6, 9]);
    assert.deepEqual(niceTicks(0.3, 4), [0, 0.1, 0.2, 0.3]);
    assert.deepEqual(niceTicks(0), [0, 1]);
  });

  it('bins WERs into a histogram with an overflow bin for ≥ 100 %', () => {
    const bins = histogram([0, 0, 0.05, 0.1, 0.25, 0.999, 1, 1.5], 0.1, 1);
    assert.equal(bins.length, 11);
    assert.deepEqual(bins.map((b) => b.count), [3, 1, 1, 0, 0, 0, 0, 0, 0, 1, 2]);
    assert.equal(bins[10]!.overflow, true);
    assert.equal(histogram([0.2], 0.1, 1).length, 10);
  });

  it('bins the scatter into cells that keep the side of the diagonal', () => {
    const a = [0, 0, 0, 0.5, 0.5, 0.2, 3];
    const b = [0, 0, 0, 0.25, 0.75, 0.2, 0];
    const cells = scatterCells(a, b, 1, 4);
    const at = (x: number, y: number) => cells.filter((c) => c.x === x && c.y === y);
    assert.deepEqual(at(0, 0).map((c) => [c.count, c.side, c.rows]), [[3, 'equal', [0, 1, 2]]]);
    assert.equal(at(0.5, 0.25)[0]!.side, 'b-better');
    assert.equal(at(0.5, 0.75)[0]!.side, 'a-better');
    assert.equal(at(1, 0)[0]!.side, 'b-better'); // 300 % clamped onto the edge
    assert.equal(cells.reduce((n, c) => n + c.count, 0), a.length);
    assert.deepEqual(sides(a, b), { bBetter: 2, aBetter: 1, equal: 4 });
    assert.equal(scatterMax([0, 0.5, 0.9]), 1);
    assert.equal(scatterMax(Array.from({ length: 100 }, (_, i) => (i < 90 ? 0.1 : 1.3))), 1.5);
    assert.equal(scatterMax(Array.from({ length: 100 }, () => 9)), 2);
    assert.equal(radiusFor(1, 1, 2, 14), 14);
    assert.equal(radiusFor(0, 4, 2, 14), 2);
  });

  it('lays out grouped bars inside their group', () => {
    const layout = bandLayout(300, 3, 2, 0.2, 0.1);
    assert.equal(layout.group(1), 100);
    assert.ok(layout.bar(1, 0) >= 100 && layout.bar(1, 1) + layout.barWidth <= 200);
    assert.ok(layout.bar(1, 1) > layout.bar(1, 0) + layout.barWidth);
  });
});
