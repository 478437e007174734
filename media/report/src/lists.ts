import type { Advice, ReportModel, SystemErrors } from '../../../src/core/report/report-model';
import { count } from '../../../src/core/report/view/format';
import { button, h, replace } from './dom';

const LIMIT = 15;

/**
 * Confusion pairs, most deleted and most inserted words, one tab per system: `tab` first (default the
 * last system), `onTab` told of each change (to keep it in the view state).
 */
export function renderErrorLists(model: ReportModel, tab?: number, onTab?: (tab: number) => void): HTMLElement {
  const panel = h('div', { class: 'error-lists', role: 'tabpanel', id: 'errors-panel' });
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'System' });
  const buttons: HTMLButtonElement[] = [];
  const show = (i: number) => {
    buttons.forEach((b, j) => {
      b.setAttribute('aria-selected', String(i === j));
      b.tabIndex = i === j ? 0 : -1;
    });
    const errors = model.errors[i];
    if (errors) replace(panel, ...lists(errors));
    panel.setAttribute('aria-labelledby', `errors-tab-${i}`);
  };
  model.errors.forEach((errors, i) => {
    const choose = (j: number) => {
      show(j);
      onTab?.(j);
    };
    const b = button([h('span', { class: `swatch sys-${i}`, 'aria-hidden': 'true' }), model.errors.length > 1 ? `Model ${i + 1} · ${errors.system}` : errors.system], () => choose(i), { role: 'tab', id: `errors-tab-${i}`, 'aria-controls': 'errors-panel' });
    b.addEventListener('keydown', (event) => {
      const by = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (!by) return;
      const next = (i + by + buttons.length) % buttons.length;
      choose(next);
      buttons[next]?.focus();
    });
    buttons.push(b);
    tabs.append(b);
  });
  if (model.errors.length) show(tab !== undefined && tab >= 0 && tab < model.errors.length ? tab : model.errors.length - 1);
  return h('section', { class: 'errors', 'aria-labelledby': 'errors-title' }, h('h2', { id: 'errors-title' }, 'Frequent errors'), model.errors.length > 1 ? tabs : undefined, model.errors.length ? panel : h('p', { class: 'muted' }, 'No errors.'));
}

function lists(errors: SystemErrors): HTMLElement[] {
  const column = (title: string, items: { label: (Node | string)[]; count: number }[]) => {
    const max = items.reduce((m, item) => Math.max(m, item.count), 0);
    return h(
      'div',
      { class: 'error-column' },
      h('h3', {}, title),
      items.length
        ? h(
            'ol',
            { class: 'counted' },
            ...items.slice(0, LIMIT).map((item) => {
              const bar = h('span', { class: 'count-bar', 'aria-hidden': 'true' });
              bar.style.width = `${max ? (100 * item.count) / max : 0}%`;
              return h('li', {}, h('span', { class: 'count-label' }, ...item.label), h('span', { class: 'count-value' }, `×${count(item.count)}`), bar);
            }),
          )
        : h('p', { class: 'muted' }, 'None.'),
    );
  };
  return [
    column(
      'Substitutions (reference → hypothesis)',
      errors.confusions.map((c) => ({ label: [h('del', {}, c.ref), ' → ', h('ins', {}, c.hyp)], count: c.count })),
    ),
    column(
      'Deleted words',
      errors.deleted.map((d) => ({ label: [d.word], count: d.count })),
    ),
    column(
      'Inserted words',
      errors.inserted.map((d) => ({ label: [d.word], count: d.count })),
    ),
  ];
}

const KIND_LABEL: Record<Advice['datasetKind'], string> = { Language: 'Related text (language)', Pronunciation: 'Pronunciation', Acoustic: 'Audio + human-labeled transcripts' };

/** What data to add next; in VS Code each item has a button that starts that upload. */
export function renderAdvice(model: ReportModel, follow: ((advice: Advice) => void) | undefined): HTMLElement {
  return h(
    'section',
    { class: 'advice', 'aria-labelledby': 'advice-title' },
    h('h2', { id: 'advice-title' }, 'What data to add next'),
    model.advice.length
      ? h(
          'ul',
          { class: 'advice-list' },
          ...model.advice.map((advice) =>
            h(
              'li',
              { class: `advice-item strength-${advice.strength}` },
              h('div', { class: 'advice-head' }, h('span', { class: 'kind' }, KIND_LABEL[advice.datasetKind]), h('span', { class: `strength strength-${advice.strength}` }, `${advice.strength} impact`)),
              h('h3', {}, advice.title),
              h('p', {}, advice.reason),
              advice.evidence.length ? h('ul', { class: 'chips', 'aria-label': 'Evidence' }, ...advice.evidence.map((e) => h('li', { class: 'chip' }, e))) : undefined,
              follow ? button(`Add ${advice.datasetKind.toLowerCase()} data…`, () => follow(advice), { class: 'secondary' }) : undefined,
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'Nothing stands out: the errors are spread over many words.'),
  );
}
