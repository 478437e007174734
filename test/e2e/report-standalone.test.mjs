// The evaluation report's front end in Chromium, outside VS Code: a self-contained page (model JSON in
// #report-data, the built app inlined, strict CSP with a nonce) and the same app in "webview mode" with
// a stand-in acquireVsCodeApi. Needs `npm run compile` (the synthetic model generator) and `npm run build`.
//
// Run by the e2e tier like the other specs (it opens its own pages beside the workbench), or alone:
//   node test/e2e/report-standalone.test.mjs
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nonceOf, REPO, standaloneReportHtml } from '../support/report-page.mjs';
import { test, until } from './harness.mjs';

const require = createRequire(import.meta.url);
const out = (file) => {
  const full = path.join(REPO, 'out', file);
  if (!fs.existsSync(full)) throw new Error(`${path.relative(REPO, full)} missing: run \`npm run compile\` first`);
  return require(full);
};
const { syntheticReport, HOSTILE_STRINGS } = out('test/support/synthetic-report.js');
const { percent } = out('src/core/report/view/format.js');
const { indexRows, queryRows } = out('src/core/report/view/rows.js');
const { scatterCells, scatterMax } = out('src/core/report/view/scales.js');

const RESULTS = path.join(REPO, 'test-results', 'e2e');

/** Opens `model` as a standalone page; fails the test on any dialog (an XSS would alert). */
async function openStandalone(context, model) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  const problems = [];
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    dialog.dismiss().catch(() => undefined);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  await page.setContent(standaloneReportHtml(model));
  await page.waitForSelector('html[data-report-ready]', { timeout: 15_000 });
  return { page, problems };
}

/** The rows in the DOM: position, id, and the whole row's text. */
const domRows = (page) =>
  page.$$eval('#utterance-grid .grid-body .grid-row', (rows) =>
    rows.map((r) => ({ position: Number(r.dataset.position), id: r.dataset.id, text: r.textContent, selected: r.classList.contains('selected') })).sort((a, b) => a.position - b.position),
  );

async function standaloneChecks(context) {
  const model = syntheticReport({ utterances: 400, hostile: true });
  const { page, problems } = await openStandalone(context, model);

  // Summary cards show the model's WERs; the title and a system name full of markup show as text.
  for (const [i, system] of model.systems.entries()) {
    const shown = await page.textContent(`.sys-card[data-system="${i}"] [data-metric="wer"]`);
    assert.equal(shown, percent(system.wer), `WER of system ${i}`);
  }
  assert.equal(await page.textContent('#report-title'), model.meta.title);
  assert.match(await page.textContent('.sys-card[data-system="1"] h2'), /Custom <\/script><script>alert\(2\)<\/script>/);
  assert.match(await page.textContent('#verdict'), /significantly better/);

  // XSS strings in transcripts render literally: search for them, the row's text holds them.
  await page.fill('#search', 'onerror=alert(1)>');
  let rows = await domRows(page);
  assert.ok(rows.length > 0, 'the hostile rows are found');
  for (const row of rows) assert.ok(row.text.includes(HOSTILE_STRINGS[0]), `row ${row.id} shows the markup as text`);
  const injected = await page.evaluate(() => ({
    img: document.querySelectorAll('img').length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    scripts: document.scripts.length,
    bold: document.querySelectorAll('#report b').length,
  }));
  assert.deepEqual(injected, { img: 0, handlers: 0, scripts: 2, bold: 0 }, 'no element made from data');
  await page.fill('#search', '');

  // Filters and sort orders change the rows, as queryRows says they should.
  const index = indexRows(model.utterances);
  const expected = (query) => [...queryRows(index, query)].slice(0, 5).map((i) => model.utterances[i].id);
  const firstIds = async () => (await domRows(page)).slice(0, 5).map((r) => r.id);
  assert.deepEqual(await firstIds(), expected({ sort: 'worst', filter: 'all', search: '' }));
  await page.click('#filter-regressions');
  assert.equal(await page.getAttribute('#filter-regressions', 'aria-pressed'), 'true');
  assert.deepEqual(await firstIds(), expected({ sort: 'worst', filter: 'regressions', search: '' }));
  assert.match(await page.textContent('#shown'), new RegExp(`^${queryRows(index, { sort: 'worst', filter: 'regressions', search: '' }).length} of 400`));
  await page.selectOption('#sort', 'regression');
  assert.deepEqual(await firstIds(), expected({ sort: 'regression', filter: 'regressions', search: '' }));
  await page.click('#filter-gains');
  await page.selectOption('#sort', 'gain');
  assert.deepEqual(await firstIds(), expected({ sort: 'gain', filter: 'gains', search: '' }));
  await page.click('#filter-all');
  await page.selectOption('#sort', 'id');
  assert.deepEqual(await firstIds(), expected({ sort: 'id', filter: 'all', search: '' }));

  // A scatter cell, clicked or focused and Enter, narrows the table to its utterances; Show all undoes it.
  const cell = page.locator('.chart .point').first();
  const inCell = Number(await cell.getAttribute('data-count'));
  // The largest cell, as the chart bins it: its utterances are the rows to show.
  const [werA, werB] = [0, 1].map((n) => model.utterances.map((u) => u.systems[n].wer));
  const largest = scatterCells(werA, werB, scatterMax([...werA, ...werB]), 40).sort((p, q) => q.count - p.count)[0];
  assert.equal(largest.count, inCell);
  assert.equal(await page.isVisible('#only'), false);
  await cell.dispatchEvent('click');
  assert.match(await page.textContent('#shown'), new RegExp(`^${inCell} of 400`));
  assert.match(await page.textContent('#only'), new RegExp(`Only the ${inCell} utterances? near WER`));
  assert.deepEqual(await firstIds(), [...queryRows(index, { sort: 'id', filter: 'all', search: '' }, new Set(largest.rows))].slice(0, 5).map((i) => model.utterances[i].id));
  await page.click('#only-clear');
  assert.match(await page.textContent('#shown'), /^400 of 400/);
  assert.equal(await page.isVisible('#only'), false);
  await cell.focus();
  await page.keyboard.press('Enter');
  assert.match(await page.textContent('#shown'), new RegExp(`^${inCell} of 400`));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'utterance-grid', 'the table takes the focus');
  await page.click('#only-clear');
  await page.fill('#search', 'spk05_');
  rows = await domRows(page);
  assert.ok(rows.length > 0 && rows.every((r) => r.id.startsWith('spk05_')), 'search narrows to spk05');
  await page.fill('#search', '');

  // Keyboard: j/k and arrows move the selection, / focuses the search box.
  await page.focus('#utterance-grid');
  const selected = async () => (await domRows(page)).find((r) => r.selected)?.position;
  await page.keyboard.press('j');
  assert.equal(await selected(), 0);
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  assert.equal(await selected(), 2);
  await page.keyboard.press('k');
  assert.equal(await selected(), 1);
  const selectedId = (await domRows(page)).find((r) => r.selected).id;
  assert.match(await page.textContent('#detail h3'), new RegExp(`^${selectedId}`));
  await page.keyboard.press('End');
  assert.equal(await selected(), 399, 'End selects the last row (scrolled into view)');
  await page.keyboard.press('Home');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search');
  // Standalone: only a JSON download, no audio.
  assert.deepEqual(await page.$$eval('.actions button', (b) => b.map((x) => x.id)), ['export-json']);
  assert.equal(await page.locator('button.play').count(), 0);

  await page.focus('#utterance-grid');
  await page.keyboard.press('j');
  fs.mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, 'report-standalone.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
}

async function virtualizationChecks(context) {
  const model = syntheticReport({ utterances: 10_000 });
  const { page, problems } = await openStandalone(context, model);
  const count = () => page.locator('#utterance-grid .grid-body .grid-row').count();
  const inDom = await count();
  assert.ok(inDom > 10 && inDom <= 60, `${inDom} rows in the DOM for 10,000 utterances`);
  await page.$eval('#utterance-grid', (grid) => (grid.scrollTop = 150_000));
  await until(async () => (await domRows(page)).some((r) => r.position === 5000), { timeout: 5000, message: 'row 5000 rendered after scrolling to 150,000 px' });
  assert.ok((await count()) <= 60, 'still bounded after scrolling');
  // Filtering and sorting 10k rows, DOM update included.
  const ms = await page.evaluate(() => {
    const times = [];
    for (const id of ['filter-errors', 'filter-regressions', 'filter-all']) {
      const t = performance.now();
      document.getElementById(id).click();
      times.push(performance.now() - t);
    }
    const sort = document.getElementById('sort');
    for (const value of ['id', 'gain', 'worst']) {
      const t = performance.now();
      sort.value = value;
      sort.dispatchEvent(new Event('change'));
      times.push(performance.now() - t);
    }
    return times;
  });
  assert.ok(Math.max(...ms) < 100, `sort/filter of 10k rows took ${ms.map((v) => v.toFixed(1)).join(', ')} ms`);
  assert.deepEqual(problems, []);
  await page.close();
  return ms;
}

/** A page running the report as in a webview, with a stand-in for VS Code's API; it has posted `ready`. */
async function webviewPage(context, model) {
  const page = await context.newPage();
  // A stand-in for VS Code's webview API, defined before the app runs (a script with the page's nonce).
  const stub = `window.__posted = []; window.__state = undefined;
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => window.__state, setState: (s) => (window.__state = s) });`;
  const exported = standaloneReportHtml(model);
  const nonce = nonceOf(exported);
  const html = exported
    .replace(/<script type="application\/json" id="report-data">[\s\S]*?<\/script>/, '')
    .replace('<main id="report"></main>', `<main id="report"></main><script nonce="${nonce}">${stub}</script>`);
  await page.setContent(html);
  await until(() => page.evaluate(() => window.__posted.some((m) => m.type === 'ready')), { message: 'the webview posts ready' });
  return page;
}

async function webviewChecks(context) {
  const model = syntheticReport({ utterances: 300 });
  const page = await webviewPage(context, model);
  const index = indexRows(model.utterances);
  const order = [...queryRows(index, { sort: 'id', filter: 'errors', search: '' })];
  const chosen = model.utterances[order[40]].id;
  const state = { reportKey: 'k1', sort: 'id', filter: 'errors', search: '', selected: chosen, scrollTop: 40 * 30, errorsTab: 0 };
  await page.evaluate(([m, s]) => window.postMessage({ type: 'report', model: m, state: s, reportKey: 'k1', canPlayAudio: true }, '*'), [model, state]);
  await page.waitForSelector('html[data-report-ready]');
  // The view state is restored.
  assert.equal(await page.inputValue('#sort'), 'id');
  assert.equal(await page.getAttribute('#filter-errors', 'aria-pressed'), 'true');
  assert.equal(await page.getAttribute('#utterance-grid .grid-row.selected', 'data-id'), chosen);
  // High-contrast themes and forced colors outline the selected row, the table focused or not.
  const selectionOutline = () => page.$eval('#utterance-grid .grid-row.selected', (row) => getComputedStyle(row).outlineStyle);
  await page.evaluate(() => document.activeElement?.blur());
  assert.equal(await selectionOutline(), 'none', 'a fill shows it in other themes');
  await page.evaluate(() => document.body.classList.add('vscode-high-contrast'));
  assert.equal(await selectionOutline(), 'solid');
  await page.evaluate(() => document.body.classList.remove('vscode-high-contrast'));
  await page.emulateMedia({ forcedColors: 'active' });
  assert.equal(await selectionOutline(), 'solid');
  await page.emulateMedia({ forcedColors: 'none' });
  assert.equal(await page.$eval('#utterance-grid', (g) => g.scrollTop), 40 * 30);
  assert.equal(await page.getAttribute('#errors-tab-0', 'aria-selected'), 'true', 'the frequent errors of model 1, as left');
  // Export and advice post messages; Enter asks for audio, the answer's error is shown.
  await page.click('#export-csv');
  await page.click('.advice-item button');
  await page.focus('#utterance-grid');
  await page.keyboard.press('Enter');
  const posted = await page.evaluate(() => window.__posted);
  assert.deepEqual(posted.slice(1), [{ type: 'export', format: 'csv' }, { type: 'followAdvice', datasetKind: 'Language' }, { type: 'playAudio', utteranceId: chosen, audio: `${chosen}.wav` }]);
  await page.evaluate((id) => window.postMessage({ type: 'audio', utteranceId: id, error: 'The test dataset has no file spk.wav' }, '*'), chosen);
  await until(async () => (await page.textContent('#audio-status')) === 'The test dataset has no file spk.wav', { message: 'the audio error is shown' });
  assert.ok((await page.locator('button.play').count()) > 0, 'play buttons in webview mode');
  // The state the host keeps: view state only, with the report key.
  await page.keyboard.press('j');
  await until(() => page.evaluate(() => window.__state?.selected), { message: 'setState called' });
  let saved = await page.evaluate(() => window.__state);
  assert.deepEqual(Object.keys(saved).sort(), ['errorsTab', 'filter', 'reportKey', 'scrollTop', 'search', 'selected', 'sort']);
  assert.equal(saved.reportKey, 'k1');
  assert.equal(saved.errorsTab, 0);
  // The frequent errors' tab is part of the view state too.
  await page.click('#errors-tab-1');
  await until(() => page.evaluate(() => window.__state?.errorsTab === 1), { message: 'the chosen tab is kept' });
  saved = await page.evaluate(() => window.__state);
  assert.equal(saved.reportKey, 'k1');
  assert.equal(await page.getAttribute('#errors-tab-1', 'aria-selected'), 'true');
  // So is a chart cell's narrowing of the table, until Show all.
  const cell = page.locator('.chart .point').first();
  const inCell = Number(await cell.getAttribute('data-count'));
  await cell.dispatchEvent('click');
  await until(() => page.evaluate(() => window.__state?.only !== undefined), { message: 'the narrowing is kept' });
  const narrowed = await page.evaluate(() => window.__state);
  assert.equal(narrowed.only.rows.length, inCell);
  assert.match(narrowed.only.label, /near WER/);
  await page.click('#only-clear');
  await until(() => page.evaluate(() => window.__state?.only === undefined), { message: 'Show all forgets it' });
  await page.close();
  return narrowed;
}

async function runAll(context) {
  await standaloneChecks(context);
  const ms = await virtualizationChecks(context);
  const narrowed = await webviewChecks(context);
  await restoredNarrowingChecks(context, narrowed);
  return ms;
}

/** A reload restores a chart cell's narrowing from the view state (here with every row's filter: the cell may hold no errors). */
async function restoredNarrowingChecks(context, narrowed) {
  const state = { ...narrowed, filter: 'all', search: '' };
  const model = syntheticReport({ utterances: 300 });
  const page = await webviewPage(context, model);
  await page.evaluate(([m, s]) => window.postMessage({ type: 'report', model: m, state: s, reportKey: 'k1', canPlayAudio: true }, '*'), [model, state]);
  await page.waitForSelector('html[data-report-ready]');
  assert.equal(await page.isVisible('#only'), true);
  assert.equal(await page.textContent('#only span'), `Only the ${state.only.rows.length} utterance${state.only.rows.length === 1 ? '' : 's'} ${state.only.label}`);
  assert.match(await page.textContent('#shown'), new RegExp(`^${state.only.rows.length} of 300`));
  const ids = (await domRows(page)).map((r) => r.id);
  const allowed = new Set(state.only.rows.map((row) => model.utterances[row].id));
  assert.ok(ids.length > 0 && ids.every((id) => allowed.has(id)), 'only the cell\'s utterances');
  await page.close();
}

test('report: the standalone report shows the model, renders hostile text literally, sorts/filters/searches, navigates by keyboard, virtualizes 10k rows, and talks the webview protocol', async ({ page }) => {
  await runAll(page.context());
});

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM } = await import('../runner/vscode-web.mjs');
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  const started = Date.now();
  try {
    const context = await browser.newContext();
    const ms = await runAll(context);
    console.log(`  ✓ report standalone and webview checks (${((Date.now() - started) / 1000).toFixed(1)} s; 10k sort/filter ${ms.map((v) => v.toFixed(1)).join(', ')} ms)`);
  } catch (error) {
    console.error(`  ✗ ${error.stack ?? error}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
