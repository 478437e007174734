import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { REPORT_SCHEMA, type ReportModel } from '../../core/report/report-model';

/**
 * Reports as they were built, one JSON file per report under the extension's global storage: a
 * panel restored after a reload reads its report back from here instead of downloading and scoring
 * again, and an evaluation's report is built once.
 */
export class ReportStore {
  constructor(private readonly folder: string) {}

  /** A stable key for what a report was made from (connection, evaluation, its last change). */
  static keyOf(...parts: string[]): string {
    return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
  }

  async load(key: string): Promise<ReportModel | undefined> {
    if (!/^[0-9a-f]{32}$/.test(key)) return undefined; // state from a webview is not trusted as a path
    try {
      const model = JSON.parse(await readFile(this.fileOf(key), 'utf8')) as ReportModel;
      return model?.schema === REPORT_SCHEMA ? model : undefined;
    } catch {
      return undefined; // never stored, removed, or written by another version
    }
  }

  /** Written to a temporary file and renamed: a crash never leaves half a report. */
  async save(key: string, model: ReportModel): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const temporary = `${this.fileOf(key)}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(model));
    await rename(temporary, this.fileOf(key));
  }

  private fileOf(key: string): string {
    return path.join(this.folder, `${key}.json`);
  }
}
