import type { HostToWebview } from '../../../src/core/report/protocol';
import { REPORT_SCHEMA, type ReportModel } from '../../../src/core/report/report-model';
import { showReport, type ShownReport } from './app';
import { h, replace } from './dom';
import { standaloneHost, webviewHost } from './host';

/**
 * Boots the report app. In a VS Code webview (acquireVsCodeApi exists) it posts `ready` and waits for
 * the host's `report` message; in a self-contained HTML file it reads the model from
 * <script type="application/json" id="report-data">. Renders into #report (or <body>). After the first
 * rows are painted it sets the performance mark `report-painted` (for the benchmark and tests).
 */
function root(): HTMLElement {
  return document.getElementById('report') ?? document.body.appendChild(h('main', { id: 'report' }));
}

function markPainted(): void {
  requestAnimationFrame(() =>
    setTimeout(() => {
      performance.mark('report-painted');
      document.documentElement.dataset.reportReady = 'true';
    }, 0),
  );
}

function fail(message: string): void {
  replace(root(), h('p', { class: 'error', role: 'alert' }, message));
}

function checkModel(value: unknown): ReportModel {
  const model = value as ReportModel;
  if (!model || typeof model !== 'object' || model.schema !== REPORT_SCHEMA || !Array.isArray(model.utterances)) {
    throw new Error(`Not a report of the expected kind (${REPORT_SCHEMA}).`);
  }
  return model;
}

function boot(): void {
  const host = webviewHost();
  if (host) {
    let shown: ShownReport | undefined;
    window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
      const message = event.data;
      if (message?.type === 'report') {
        try {
          const saved = host.getState();
          const state = message.state ?? (saved?.reportKey === message.reportKey ? saved : undefined);
          shown?.dispose();
          shown = showReport(root(), host, checkModel(message.model), message.reportKey, message.canPlayAudio, state);
          markPainted();
        } catch (error) {
          fail(`The report could not be shown: ${error instanceof Error ? error.message : String(error)}`);
        }
      } else if (message?.type === 'audio') {
        shown?.onMessage(message);
      }
    });
    replace(root(), h('p', { class: 'muted loading' }, 'Loading report…'));
    host.post({ type: 'ready' });
    return;
  }
  const data = document.getElementById('report-data');
  if (!data?.textContent) {
    fail('This page has no report data (#report-data).');
    return;
  }
  try {
    const model = checkModel(JSON.parse(data.textContent));
    performance.mark('report-data');
    showReport(root(), standaloneHost(), model, 'standalone', false, undefined);
    markPainted();
  } catch (error) {
    fail(`The report could not be shown: ${error instanceof Error ? error.message : String(error)}`);
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot, { once: true });
else boot();
