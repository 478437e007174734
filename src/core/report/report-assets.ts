import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ReportAssets } from './export/report-html';

/** Where the built front end lives, relative to the package (extension) root. */
export const REPORT_SCRIPT = 'dist/webview/report.js';
export const REPORT_CSS = 'dist/webview/report.css';

/** The front end is not built (or not packaged): the message names the missing file. */
export class ReportAssetsMissingError extends Error {
  override readonly name = 'ReportAssetsMissingError';
  constructor(readonly file: string) {
    super(`The report's front end is missing: ${file}. Build it with 'npm run build' (the HTML report needs it).`);
  }
}

/** The report front end's script and stylesheet, for reportHtml; `root` is the package's folder. */
export async function loadReportAssets(root: string): Promise<ReportAssets> {
  const read = async (relative: string) => {
    const file = path.join(root, ...relative.split('/'));
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ReportAssetsMissingError(file);
      throw error;
    }
  };
  // One after the other: when both are missing, the error always names the script.
  const script = await read(REPORT_SCRIPT);
  const css = await read(REPORT_CSS);
  return { script, css };
}
