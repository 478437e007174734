import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../test/runner/vscode-web.mjs';
import { reportAssets, standaloneReportHtml } from '../test/support/report-page.mjs';
import { data, root } from './common.mjs';

// The report webview's utterance table with 10,000 utterances, in headless Chromium: time to the first
// screen of rows (navigation start → the app's `report-painted` mark, set after the first rows render
// and a frame passes) and scrolling at two speeds, 100 rows in 3 s (1,000 px/s, a mouse wheel) and
// 2,000 rows in 3 s (a fling) — a scrollTop step per animation frame; frame intervals — next to the same rows as one plain HTML table (all 10,000 <tr> in the page, same markup
// and style sheet). Also re-sorting: the app's sort select against re-ordering the plain table's rows.
const UTTERANCES = 10_000;
const RUNS = 3;
const SCROLLS = { wheel: 100, fling: 2000 };
const SCROLL_MS = 3000;

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The reference: every row in one <table>, with the same aligned marks as the app's cells. */
function plainTableHtml(model, { alignedPairs, percent }, assets) {
  const nonce = 'plain';
  const cell = (ref, system) =>
    alignedPairs(ref, system.hyp, system.alignment)
      .map((p) =>
        p.op === 'C' ? escape(p.hyp) : p.op === 'S' ? `<span class="tok sub"><del>${escape(p.ref)}</del><ins>${escape(p.hyp)}</ins></span>` : p.op === 'D' ? `<span class="tok del"><del>${escape(p.ref)}</del></span>` : `<span class="tok ins"><ins>${escape(p.hyp)}</ins></span>`,
      )
      .join(' ');
  const rows = model.utterances
    .map((u) => `<tr data-wer="${u.systems[1].wer}" data-id="${escape(u.id)}"><td>${escape(u.id)}</td><td>${escape(u.ref)}</td><td>${cell(u.ref, u.systems[0])}</td><td>${cell(u.ref, u.systems[1])}</td><td>${percent(u.systems[0].wer)}</td><td>${percent(u.systems[1].wer)}</td></tr>`)
    .join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'">
<style nonce="${nonce}">${assets.css}
#plain-scroll { height: min(62vh, 600px); overflow: auto; border: 1px solid var(--border); font-family: var(--mono); font-size: 12px; }
#plain-scroll table { border-collapse: collapse; width: 100%; }
#plain-scroll td { border-bottom: 1px solid var(--border); padding: 4px 6px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 360px; }</style>
</head><body><h1>${escape(model.meta.title)}</h1><div id="plain-scroll"><table><thead><tr><th>Id</th><th>Reference</th><th>Model 1</th><th>Model 2</th><th>WER 1</th><th>WER 2</th></tr></thead><tbody id="plain-body">
${rows}
</tbody></table></div>
<script nonce="${nonce}">requestAnimationFrame(() => setTimeout(() => performance.mark('report-painted'), 0));</script>
</body></html>`;
}

/** Loads `url` and waits for the mark: ms from navigation start, and first contentful paint. */
async function firstPaint(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByName('report-painted').length > 0, undefined, { timeout: 60_000, polling: 50 });
  const times = await page.evaluate(() => ({
    painted: performance.getEntriesByName('report-painted')[0].startTime,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    nodes: document.getElementsByTagName('*').length,
  }));
  return { page, ...times };
}

/** Scrolls `selector` through `rows` rows in `ms`, one step per animation frame; the frame intervals. */
function scroll(page, selector, rowSelector, scrollRows) {
  return page.evaluate(
    ([selector, rowSelector, rows, ms]) =>
      new Promise((resolve) => {
        const box = document.querySelector(selector);
        box.scrollTop = 0;
        const rowHeight = document.querySelector(rowSelector).getBoundingClientRect().height;
        const distance = rows * rowHeight;
        const intervals = [];
        let start;
        let last;
        const frame = (now) => {
          if (start === undefined) start = now;
          else intervals.push(now - last);
          last = now;
          const t = Math.min(1, (now - start) / ms);
          box.scrollTop = t * distance;
          if (t < 1) requestAnimationFrame(frame);
          else resolve({ intervals, rowHeight });
        };
        requestAnimationFrame(frame);
      }),
    [selector, rowSelector, scrollRows, SCROLL_MS],
  );
}

/** Runs `action` in the page and waits for the next painted frame: ms. */
function timeToFrame(page, action) {
  return page.evaluate(
    (action) =>
      new Promise((resolve) => {
        const t = performance.now();
        new Function(action)();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t), 0));
      }),
    action,
  );
}

const median = (values) => {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  return finite.length ? finite[Math.floor(finite.length / 2)] : NaN;
};
/** Frame intervals summed up: median, p95, max, and how many exceeded one (or one and a half) 60 Hz frame. */
function frameStats(intervals) {
  return {
    frames: intervals.length,
    median: median(intervals),
    p95: quantile(intervals, 0.95),
    max: Math.max(...intervals),
    over16: intervals.filter((v) => v > 16.7).length,
    missed: intervals.filter((v) => v > 16.7 * 1.5).length,
  };
}

const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))];

export async function benchReport() {
  execFileSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'inherit' });
  const require = createRequire(import.meta.url);
  const { syntheticReport } = require(path.join(root, 'out', 'test', 'support', 'synthetic-report.js'));
  const { alignedPairs } = require(path.join(root, 'out', 'src', 'core', 'report', 'aligned-pairs.js'));
  const { percent } = require(path.join(root, 'out', 'src', 'core', 'report', 'view', 'format.js'));
  const model = syntheticReport({ utterances: UTTERANCES });
  const assets = reportAssets();
  const virtualFile = path.join(data, 'report-10k.html');
  const plainFile = path.join(data, 'report-10k-plain-table.html');
  writeFileSync(virtualFile, standaloneReportHtml(model, { assets }));
  writeFileSync(plainFile, plainTableHtml(model, { alignedPairs, percent }, assets));

  const browser = await chromium.launch({ executablePath: CHROMIUM });
  const results = {};
  try {
    for (const [name, file, box, row, sort] of [
      ['virtual', virtualFile, '#utterance-grid', '#utterance-grid .grid-body .grid-row', "const s = document.getElementById('sort'); s.value = 'id'; s.dispatchEvent(new Event('change'));"],
      [
        'plain',
        plainFile,
        '#plain-scroll',
        '#plain-body tr',
        "const body = document.getElementById('plain-body'); const rows = [...body.rows]; rows.sort((a, b) => a.dataset.id < b.dataset.id ? -1 : 1); body.append(...rows);",
      ],
    ]) {
      const paints = [];
      let last;
      for (let run = 0; run < RUNS; run++) {
        if (last) await last.page.close();
        last = await firstPaint(browser, pathToFileURL(file).href);
        paints.push(last);
      }
      const scrolled = {};
      for (const [speed, rows] of Object.entries(SCROLLS)) scrolled[speed] = frameStats((await scroll(last.page, box, row, rows)).intervals);
      const resort = [];
      for (let run = 0; run < 3; run++) resort.push(await timeToFrame(last.page, sort));
      results[name] = {
        painted: median(paints.map((p) => p.painted)),
        fcp: median(paints.map((p) => p.fcp)),
        nodes: last.nodes,
        ...scrolled,
        resort: median(resort),
      };
      await last.page.close();
    }
  } finally {
    await browser.close();
  }
  const v = results.virtual;
  const p = results.plain;
  const f = (ms) => (Number.isFinite(ms) ? ms.toFixed(1) : 'n/a');
  console.log(`report: ${UTTERANCES.toLocaleString('en-US')} utterances, 2 systems; first paint median of ${RUNS} loads`);
  const scrollRows = (speed) => [
    { benchmark: `scroll ${SCROLLS[speed]} rows in ${SCROLL_MS / 1000} s (${speed}): frame median / p95 (target p95 < 16.7 ms)`, tool: 'report app (virtualized)', ms: `${f(v[speed].median)} / ${f(v[speed].p95)}`, detail: `${v[speed].frames} frames, max ${f(v[speed].max)} ms; ${v[speed].over16} over 16.7 ms, ${v[speed].missed} missed (> 25 ms)` },
    { benchmark: '  same scroll', tool: 'plain HTML table', ms: `${f(p[speed].median)} / ${f(p[speed].p95)}`, detail: `${p[speed].frames} frames, max ${f(p[speed].max)} ms; ${p[speed].over16} over 16.7 ms, ${p[speed].missed} missed (> 25 ms)` },
  ];
  console.table([
    { benchmark: 'first screen of rows (target < 1,000 ms)', tool: 'report app (virtualized)', ms: f(v.painted), detail: `first contentful paint ${f(v.fcp)} ms; ${v.nodes.toLocaleString('en-US')} DOM elements` },
    { benchmark: '  same rows', tool: 'plain HTML table', ms: f(p.painted), detail: `first contentful paint ${f(p.fcp)} ms; ${p.nodes.toLocaleString('en-US')} DOM elements` },
    ...scrollRows('wheel'),
    ...scrollRows('fling'),
    { benchmark: 're-sort by id, to the next painted frame', tool: 'report app (virtualized)', ms: f(v.resort), detail: 'median of 3' },
    { benchmark: '  same', tool: 'plain HTML table (re-order <tr>)', ms: f(p.resort), detail: 'median of 3' },
  ]);
}
