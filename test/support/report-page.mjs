// The self-contained HTML report of a ReportModel (src/core/report/export/report-html.ts, with the
// built app, dist/webview/report.js and report.css, inlined under a CSP with a nonce): what users
// export, for the browser test and the benchmark.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.join(REPO, 'dist', 'webview');

/** The built app; throws when `npm run build` has not run. */
export function reportAssets() {
  const js = path.join(DIST, 'report.js');
  const css = path.join(DIST, 'report.css');
  if (!fs.existsSync(js) || !fs.existsSync(css)) throw new Error('dist/webview/report.js or report.css missing: run `npm run build` first');
  return { js: fs.readFileSync(js, 'utf8'), css: fs.readFileSync(css, 'utf8') };
}

/** The product's own exporter, as `npm run compile` built it into out/: the page tested is the file users get. */
export function standaloneReportHtml(model, { assets = reportAssets() } = {}) {
  const { reportHtml } = createRequire(import.meta.url)(path.join(REPO, 'out', 'src', 'core', 'report', 'export', 'report-html.js'));
  return reportHtml(model, { script: assets.js, css: assets.css });
}

/** The nonce a page's CSP lets scripts run with. */
export function nonceOf(html) {
  return /script-src 'nonce-([^']+)'/.exec(html)[1];
}
