// A self-contained HTML page showing a ReportModel with the built report app (dist/webview/report.js
// and report.css inlined), under a strict CSP with a nonce: what an exported report looks like, for
// the browser test and the benchmark. (The product's own exporter is src/core/report/export/html.ts;
// this builder stays small and separate on purpose.)
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
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

/** JSON that can sit inside a <script> element: no `<` (so no `</script>`), no U+2028/2029. */
export function scriptSafeJson(value) {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const escapeText = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The page's HTML. */
export function standaloneReportHtml(model, { assets = reportAssets(), nonce = randomBytes(16).toString('base64') } = {}) {
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:; media-src data: blob:`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeText(model.meta.title)}</title>
<style nonce="${nonce}">${assets.css}</style>
</head>
<body>
<main id="report"></main>
<script type="application/json" id="report-data">${scriptSafeJson(model)}</script>
<script nonce="${nonce}">${assets.js.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}
