import type { ReportModel } from '../report-model';

/** The report model as a file: what `custom-speech report --format json` writes and the webview reads. */
export function reportJson(model: ReportModel): string {
  return JSON.stringify(model, null, 2) + '\n';
}
