import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../../text/escape-html';
import { percent } from '../comparison-summary';
import type { ReportModel } from '../report-model';

/** The front end's built script and stylesheet (see report-assets.ts), inlined into the document. */
export interface ReportAssets {
  script: string;
  css: string;
}

/** Id of the element holding the model; the front end reads it in standalone mode. */
export const REPORT_DATA_ID = 'report-data';
/** Id of the element the front end renders into. */
export const REPORT_ROOT_ID = 'report';

/**
 * One self-contained HTML file: opens offline, from a mail or an artifact store, without the
 * extension. A strict CSP lets only the two inline elements carrying this document's random nonce
 * run or style anything; the model travels as inert JSON; a plain summary shows without scripts.
 */
export function reportHtml(model: ReportModel, assets: ReportAssets): string {
  const nonce = randomBytes(18).toString('base64');
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:; media-src data: blob:`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.meta.title)}</title>
<style nonce="${nonce}">
${closeProof(assets.css, 'style')}
</style>
</head>
<body>
<noscript>
${staticSummary(model)}
</noscript>
<main id="${REPORT_ROOT_ID}"></main>
<script type="application/json" id="${REPORT_DATA_ID}">${embeddedJson(model)}</script>
<script nonce="${nonce}">
${closeProof(assets.script, 'script')}
</script>
</body>
</html>
`;
}

/**
 * JSON that cannot end its script element or be read as markup: `<`, `>` and `&` as \u escapes
 * (a transcript may say "</script>"), and U+2028/U+2029, which old parsers take as line ends.
 */
export function embeddedJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A bundle with "</script" (or "<!--", which changes how the parser looks for the end) in a string
 * would end its element early; `<\/` and `<\!` mean the same inside JS and CSS strings.
 */
function closeProof(text: string, element: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${element})`, 'gi'), '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** Title, source and the WER of each system, server-rendered for readers without JavaScript. */
function staticSummary(model: ReportModel): string {
  const { meta } = model;
  const rows = model.systems
    .map((s) => `<tr><td>${escapeHtml(s.name)}</td><td>${escapeHtml(percent(s.wer, 2))}</td><td>${s.errors.toLocaleString('en-US')}</td><td>${s.words.toLocaleString('en-US')}</td></tr>`)
    .join('\n');
  const lines = [
    `<h1>${escapeHtml(meta.title)}</h1>`,
    `<p>${escapeHtml(`${meta.source}, ${meta.date}, ${meta.locale}`)}</p>`,
    `<table><thead><tr><th>Model</th><th>WER</th><th>Errors</th><th>Words</th></tr></thead><tbody>\n${rows}\n</tbody></table>`,
  ];
  if (model.comparison) lines.push(`<p>${escapeHtml(model.comparison.summary)}</p>`);
  lines.push('<p>Enable JavaScript to see the utterances, errors and advice.</p>');
  return lines.join('\n');
}
