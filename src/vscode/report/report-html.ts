import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';
import { REPORT_ROOT_ID } from '../../core/report/export/report-html';
import { escapeHtml } from '../../core/text/escape-html';

/**
 * The webview's page: the report app (dist/webview/report.js, media/report/report.css) and nothing
 * else. Scripts run only with this page's nonce; styles, images and audio only from the extension's
 * and the workspace's resource roots (`webview.cspSource`).
 */
export function reportPageHtml(webview: vscode.Webview, script: vscode.Uri, css: vscode.Uri, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `media-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${css.toString()}">
</head>
<body>
<main id="${REPORT_ROOT_ID}"></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
