import type { ReportModel } from '../../../src/core/report/report-model';
import { count, percent } from '../../../src/core/report/view/format';
import { bandLayout, histogram, linearScale, niceTicks, radiusFor, scatterCells, scatterMax, sides } from '../../../src/core/report/view/scales';
import { h, s } from './dom';

/**
 * The report's pictures as SVG built with DOM calls. Colours come from CSS classes (theme variables),
 * every chart is an image with a title and a description for screen readers.
 */
let serial = 0;

function frame(width: number, height: number, title: string, description: string): SVGSVGElement {
  const id = `chart-${++serial}`;
  return s(
    'svg',
    { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, preserveAspectRatio: 'xMidYMid meet' },
    s('title', { id: `${id}-t` }, title),
    s('desc', { id: `${id}-d` }, description),
  );
}

function figure(title: string, chart: SVGSVGElement, ...notes: (Node | string | undefined)[]): HTMLElement {
  return h('figure', { class: 'chart-card' }, h('figcaption', {}, title), chart, ...notes.map((note) => (note === undefined ? undefined : h('p', { class: 'chart-note' }, note))));
}

function legend(model: ReportModel): HTMLElement | undefined {
  if (model.systems.length < 2) return undefined;
  return h('p', { class: 'chart-note legend' }, ...model.systems.flatMap((system, i) => [h('span', { class: `swatch sys-${i}`, 'aria-hidden': 'true' }), `Model ${i + 1} ${system.name}  `]));
}

const M = { top: 10, right: 10, bottom: 28, left: 44 };

/** Substitutions, deletions and insertions per system as grouped bars. */
export function errorTypesChart(model: ReportModel): HTMLElement {
  const W = 360;
  const H = 220;
  const kinds = [
    ['Substitutions', 'substitutions'],
    ['Deletions', 'deletions'],
    ['Insertions', 'insertions'],
  ] as const;
  const max = Math.max(1, ...model.systems.flatMap((sys) => kinds.map(([, key]) => sys[key])));
  const ticks = niceTicks(max, 4, true);
  const y = linearScale([0, ticks[ticks.length - 1]!], [H - M.bottom, M.top]);
  const bands = bandLayout(W - M.left - M.right, kinds.length, model.systems.length);
  const description = model.systems.map((sys) => `${sys.name}: ${kinds.map(([label, key]) => `${count(sys[key])} ${label.toLowerCase()}`).join(', ')}`).join('; ');
  const svg = frame(W, H, 'Error types per system', description);
  svg.append(...yAxis(ticks, y, W, (v) => count(v)));
  kinds.forEach(([label, key], g) => {
    model.systems.forEach((sys, i) => {
      const x = M.left + bands.bar(g, i);
      const top = y(sys[key]);
      svg.append(
        s('rect', { class: `bar sys-${i}`, x: x.toFixed(1), y: top.toFixed(1), width: bands.barWidth.toFixed(1), height: Math.max(0, H - M.bottom - top).toFixed(1) }, s('title', {}, `${sys.name}: ${count(sys[key])} ${label.toLowerCase()}`)),
      );
    });
    svg.append(s('text', { class: 'axis-label', x: (M.left + bands.group(g) + (W - M.left - M.right) / kinds.length / 2).toFixed(1), y: H - 8, 'text-anchor': 'middle' }, label));
  });
  return figure('Error types', svg, legend(model));
}

function yAxis(ticks: number[], y: (v: number) => number, width: number, label: (v: number) => string): SVGElement[] {
  return ticks.flatMap((t) => [
    s('line', { class: 'grid', x1: M.left, x2: width - M.right, y1: y(t).toFixed(1), y2: y(t).toFixed(1) }),
    s('text', { class: 'tick', x: M.left - 4, y: (y(t) + 3).toFixed(1), 'text-anchor': 'end' }, label(t)),
  ]);
}

/** Shows the utterances of a scatter cell in the table; `label` says which cell. */
export type ShowUtterances = (rows: readonly number[], label: string) => void;

/**
 * Per-utterance WER of model 1 (x) against model 2 (y), binned; below the diagonal model 2 is better.
 * A cell, clicked or focused and Enter, shows its utterances in the table.
 */
export function scatterChart(model: ReportModel, showUtterances?: ShowUtterances): HTMLElement {
  const W = 300;
  const H = 300;
  const m = { top: 10, right: 12, bottom: 34, left: 44 };
  const n = model.utterances.length;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  model.utterances.forEach((row, i) => {
    a[i] = row.systems[0]?.wer ?? 0;
    b[i] = row.systems[1]?.wer ?? 0;
  });
  const max = scatterMax([...a, ...b]);
  const x = linearScale([0, max], [m.left, W - m.right]);
  const y = linearScale([0, max], [H - m.bottom, m.top]);
  const counts = sides(a, b);
  const [nameA, nameB] = [model.systems[0]?.name ?? 'Model 1', model.systems[1]?.name ?? 'Model 2'];
  const svg = frame(
    W,
    H,
    `Per-utterance WER: ${nameA} (x) against ${nameB} (y)`,
    `${count(counts.bBetter)} utterances below the diagonal (model 2 better), ${count(counts.aBetter)} above (model 2 worse), ${count(counts.equal)} on it.`,
  );
  const ticks = niceTicks(max, 4).filter((t) => t <= max + 1e-9);
  for (const t of ticks) {
    svg.append(
      s('line', { class: 'grid', x1: x(t).toFixed(1), x2: x(t).toFixed(1), y1: m.top, y2: H - m.bottom }),
      s('line', { class: 'grid', x1: m.left, x2: W - m.right, y1: y(t).toFixed(1), y2: y(t).toFixed(1) }),
      s('text', { class: 'tick', x: x(t).toFixed(1), y: H - m.bottom + 12, 'text-anchor': 'middle' }, percent(t, 0)),
      s('text', { class: 'tick', x: m.left - 4, y: (y(t) + 3).toFixed(1), 'text-anchor': 'end' }, percent(t, 0)),
    );
  }
  svg.append(
    s('polygon', { class: 'region-better', points: `${x(0)},${y(0)} ${x(max)},${y(0)} ${x(max)},${y(max)}` }),
    s('line', { class: 'diagonal', x1: x(0), y1: y(0), x2: x(max), y2: y(max) }),
    s('text', { class: 'axis-label', x: ((m.left + W - m.right) / 2).toFixed(1), y: H - 4, 'text-anchor': 'middle' }, `WER model 1`),
    s('text', { class: 'axis-label', x: 10, y: ((m.top + H - m.bottom) / 2).toFixed(1), 'text-anchor': 'middle', transform: `rotate(-90 10 ${((m.top + H - m.bottom) / 2).toFixed(1)})` }, `WER model 2`),
  );
  const cells = scatterCells(a, b, max, 40);
  const largest = cells.reduce((most, cell) => Math.max(most, cell.count), 0);
  const group = s('g', { class: 'points' });
  for (const cell of cells.sort((p, q) => q.count - p.count)) {
    const what = `${count(cell.count)} utterance${cell.count === 1 ? '' : 's'} near WER ${percent(cell.x, 0)} → ${percent(cell.y, 0)}`;
    const point = s(
      'circle',
      { class: `point ${cell.side}`, cx: x(cell.x).toFixed(1), cy: y(cell.y).toFixed(1), r: radiusFor(cell.count, largest).toFixed(1), 'data-count': cell.count, ...(showUtterances ? { tabindex: 0, role: 'button', 'aria-label': `${what}: show in the table` } : {}) },
      s('title', {}, showUtterances ? `${what} (click to show them)` : what),
    );
    if (showUtterances) {
      const show = () => showUtterances(cell.rows, `near WER ${percent(cell.x, 0)} → ${percent(cell.y, 0)}`);
      point.addEventListener('click', show);
      point.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        show();
      });
    }
    group.append(point);
  }
  svg.append(group);
  return figure(
    'Per-utterance WER, model 1 against model 2',
    svg,
    h(
      'span',
      {},
      h('span', { class: 'dot b-better', 'aria-hidden': 'true' }),
      `Below the line: model 2 better (${count(counts.bBetter)}) `,
      h('span', { class: 'dot a-better', 'aria-hidden': 'true' }),
      `above: worse (${count(counts.aBetter)}) `,
      h('span', { class: 'dot equal', 'aria-hidden': 'true' }),
      `on it: same (${count(counts.equal)}). Circle area = number of utterances.`,
    ),
  );
}

/** With one system: how per-utterance WER is distributed. */
export function histogramChart(model: ReportModel): HTMLElement {
  const W = 360;
  const H = 220;
  const values = model.utterances.map((row) => row.systems[row.systems.length - 1]?.wer ?? 0);
  const bins = histogram(values, 0.1, 1);
  const ticks = niceTicks(Math.max(1, ...bins.map((bin) => bin.count)), 4, true);
  const y = linearScale([0, ticks[ticks.length - 1]!], [H - M.bottom, M.top]);
  const bands = bandLayout(W - M.left - M.right, bins.length, 1, 0.1, 0);
  const label = (from: number, overflow?: boolean) => (overflow ? `≥${percent(from, 0)}` : percent(from, 0));
  const svg = frame(W, H, 'Utterances by WER', bins.map((bin) => `${label(bin.from, bin.overflow)}${bin.overflow ? '' : `–${percent(bin.to, 0)}`}: ${count(bin.count)}`).join(', '));
  svg.append(...yAxis(ticks, y, W, (v) => count(v)));
  bins.forEach((bin, g) => {
    const x0 = M.left + bands.bar(g, 0);
    const top = y(bin.count);
    svg.append(
      s('rect', { class: 'bar sys-0', x: x0.toFixed(1), y: top.toFixed(1), width: bands.barWidth.toFixed(1), height: Math.max(0, H - M.bottom - top).toFixed(1) }, s('title', {}, `WER ${label(bin.from, bin.overflow)}${bin.overflow ? '' : `–${percent(bin.to, 0)}`}: ${count(bin.count)} utterances`)),
    );
    if (g % 2 === 0 || bin.overflow) svg.append(s('text', { class: 'tick', x: (x0 + bands.barWidth / 2).toFixed(1), y: H - M.bottom + 12, 'text-anchor': 'middle' }, label(bin.from, bin.overflow)));
  });
  return figure('Utterances by WER', svg);
}

/** WER per speaker (the worst first, at most `limit`), a bar per system. */
export function speakerChart(model: ReportModel, limit = 16): HTMLElement {
  const last = model.systems.length - 1;
  const speakers = [...model.speakers].sort((p, q) => (q.wer[last] ?? 0) - (p.wer[last] ?? 0)).slice(0, limit);
  const rowHeight = 8 * model.systems.length + 8;
  const left = 92;
  const W = 360;
  const H = M.top + speakers.length * rowHeight + 24;
  const max = Math.max(0.05, ...speakers.flatMap((sp) => sp.wer));
  const ticks = niceTicks(max, 4);
  const x = linearScale([0, ticks[ticks.length - 1]!], [left, W - M.right]);
  const svg = frame(W, H, 'WER per speaker', speakers.map((sp) => `${sp.speaker}: ${sp.wer.map((w) => percent(w)).join(' → ')}`).join('; '));
  for (const t of ticks) {
    svg.append(
      s('line', { class: 'grid', x1: x(t).toFixed(1), x2: x(t).toFixed(1), y1: M.top, y2: H - 20 }),
      s('text', { class: 'tick', x: x(t).toFixed(1), y: H - 6, 'text-anchor': 'middle' }, percent(t, 0)),
    );
  }
  speakers.forEach((sp, r) => {
    const top = M.top + r * rowHeight;
    const name = sp.speaker.length > 14 ? `${sp.speaker.slice(0, 13)}…` : sp.speaker;
    svg.append(s('text', { class: 'tick', x: left - 4, y: top + rowHeight / 2 + 2, 'text-anchor': 'end' }, name, s('title', {}, `${sp.speaker} (${count(sp.words)} words)`)));
    sp.wer.forEach((wer, i) => {
      svg.append(s('rect', { class: `bar sys-${i}`, x: left, y: (top + 4 + i * 8).toFixed(1), height: 7, width: Math.max(0.5, x(wer) - left).toFixed(1) }, s('title', {}, `${sp.speaker}, ${model.systems[i]?.name ?? ''}: WER ${percent(wer)} (${count(sp.words)} words)`)));
    });
  });
  const more = model.speakers.length - speakers.length;
  return figure('WER per speaker', svg, legend(model), more > 0 ? `The ${speakers.length} speakers with the highest WER; ${count(more)} more not shown.` : undefined);
}

export function renderCharts(model: ReportModel, showUtterances?: ShowUtterances): HTMLElement {
  return h(
    'section',
    { class: 'charts', 'aria-label': 'Charts' },
    errorTypesChart(model),
    model.systems.length >= 2 ? scatterChart(model, showUtterances) : histogramChart(model),
    model.speakers.length ? speakerChart(model) : undefined,
  );
}
