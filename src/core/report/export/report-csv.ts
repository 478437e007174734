import { cell } from '../../scoring/format/csv';
import type { ReportModel } from '../report-model';

const HEADER = ['id', 'speaker', 'audio', 'system', 'reference', 'hypothesis', 'reference_words', 'errors', 'substitutions', 'deletions', 'insertions', 'wer', 'missing'];

/**
 * One row per utterance and system (long form: filters and pivot tables in a spreadsheet want it so).
 * Cells are quoted as RFC 4180 says and guarded against formula injection by the scorer's `cell`.
 */
export function reportCsv(model: ReportModel): string {
  const rows = [HEADER.join(',')];
  for (const u of model.utterances) {
    const words = u.ref === '' ? 0 : u.ref.split(' ').length;
    u.systems.forEach((s, index) => {
      const ops = { S: 0, D: 0, I: 0 };
      for (const op of s.alignment) if (op !== 'C') ops[op as 'S' | 'D' | 'I']++;
      const system = model.systems[index]?.name ?? `Model ${index + 1}`;
      rows.push(
        [cell(u.id), cell(u.speaker), cell(u.audio ?? ''), cell(system), cell(u.ref), cell(s.hyp), String(words), String(s.errors), String(ops.S), String(ops.D), String(ops.I), s.wer.toFixed(4), s.missing ? 'true' : 'false'].join(','),
      );
    });
  }
  return rows.join('\r\n') + '\r\n';
}
