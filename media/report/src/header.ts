import type { ReportModel, ReportSystemMeta, SystemSummary } from '../../../src/core/report/report-model';
import { changeTone, count, percent, shortDate, signedPercent, verdictBadge } from '../../../src/core/report/view/format';
import { h, type Child } from './dom';

const KIND: Record<ReportSystemMeta['kind'], string> = { 'base-model': 'base model', 'custom-model': 'custom model', hypotheses: 'hypotheses file' };

/** Title, systems, test data, date, source and normalization. */
export function renderHeader(model: ReportModel, actions: HTMLElement): HTMLElement {
  const { meta, normalization } = model;
  const facts: [string, Child][] = [];
  meta.systems.forEach((system, i) => {
    const label = meta.systems.length > 1 ? `Model ${i + 1}` : 'Model';
    facts.push([
      label,
      h('span', {}, h('span', { class: `swatch sys-${i}`, 'aria-hidden': 'true' }), h('strong', {}, system.name), ` · ${KIND[system.kind]}`, system.baseModel ? ` · base ${system.baseModel}` : ''),
    ]);
  });
  if (meta.testDataset) facts.push(['Test data', `${meta.testDataset.name}${meta.testDataset.kind ? ` (${meta.testDataset.kind})` : ''}`]);
  if (meta.evaluation) facts.push(['Evaluation', meta.evaluation.name]);
  facts.push(['Date', shortDate(meta.date)], ['Source', meta.source], ['Locale', meta.locale]);
  facts.push(['Normalization', normalization.enabled ? (normalization.description.includes(normalization.version) ? normalization.description : `${normalization.description} (${normalization.version})`) : 'none: words compared as written']);
  return h(
    'header',
    { class: 'report-header' },
    h('div', { class: 'title-row' }, h('h1', { id: 'report-title' }, meta.title), actions),
    h('dl', { class: 'facts' }, ...facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
  );
}

/** One card per system (WER first), and with two systems the comparison's verdict. */
export function renderSummary(model: ReportModel): HTMLElement {
  const cards = model.systems.map((system, i) => systemCard(model, system, i));
  const comparison = model.comparison;
  let verdict: HTMLElement | undefined;
  if (comparison) {
    const badge = verdictBadge(comparison);
    verdict = h(
      'div',
      { class: `verdict tone-${badge.tone}`, role: 'status', id: 'verdict' },
      h('span', { class: 'verdict-icon', 'aria-hidden': 'true' }, badge.icon),
      h('div', {}, h('strong', {}, badge.label), h('p', {}, comparison.summary)),
    );
  }
  return h('section', { class: 'summary', 'aria-label': 'Summary' }, h('div', { class: 'cards' }, ...cards), verdict);
}

function systemCard(model: ReportModel, system: SystemSummary, i: number): HTMLElement {
  const base = i > 0 ? model.systems[0] : undefined;
  const metric = (label: string, name: string, value: number, reference: number | undefined) => {
    const delta = reference === undefined ? undefined : value - reference;
    const tone = changeTone(delta);
    const relative = reference ? (value - reference) / reference : undefined;
    return h(
      'div',
      { class: `metric metric-${name}` },
      h('span', { class: 'metric-label' }, label),
      h('span', { class: 'metric-value', 'data-metric': name }, percent(value)),
      delta === undefined
        ? undefined
        : h(
            'span',
            { class: `change tone-${tone}`, title: `${label} change against model 1` },
            h('span', { 'aria-hidden': 'true' }, tone === 'better' ? '▼ ' : tone === 'worse' ? '▲ ' : '= '),
            relative === undefined ? `${signedPercent(delta)} pts` : `${signedPercent(relative)} rel.`,
            h('span', { class: 'sr-only' }, tone === 'better' ? ' (better)' : tone === 'worse' ? ' (worse)' : ' (unchanged)'),
          ),
    );
  };
  const systemMeta = model.meta.systems[i];
  return h(
    'article',
    { class: `card sys-card sys-${i}`, 'aria-label': `Model ${i + 1}: ${system.name}`, 'data-system': i },
    h('h2', {}, h('span', { class: `swatch sys-${i}`, 'aria-hidden': 'true' }), model.systems.length > 1 ? `Model ${i + 1} · ` : '', system.name),
    systemMeta ? h('p', { class: 'muted' }, KIND[systemMeta.kind]) : undefined,
    h('div', { class: 'metrics' }, metric('WER', 'wer', system.wer, base?.wer), metric('SER', 'ser', system.ser, base?.ser), metric('CER', 'cer', system.cer, base?.cer)),
    h(
      'p',
      { class: 'counts' },
      `S ${count(system.substitutions)} · D ${count(system.deletions)} · I ${count(system.insertions)} · `,
      `${count(system.words)} words · ${count(system.sentences)} sentences (${count(system.sentencesWithErrors)} with errors)`,
      system.missingHypotheses ? h('span', { class: 'warn' }, ` · ${count(system.missingHypotheses)} without hypothesis`) : undefined,
    ),
  );
}
