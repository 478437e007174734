import { SYSTEM_NAMES, type ScoreRun } from '../report';
import { rate } from '../score';

/** One row per reference utterance; with two systems, a block of columns for each. */
export function formatScoreCsv(run: ScoreRun): string {
  const multi = run.systems.length > 1;
  const prefix = (index: number) => (multi ? `${SYSTEM_NAMES[index]!.toLowerCase()}_` : '');
  const header = ['id', 'speaker', 'reference_words', 'reference'];
  run.systems.forEach((_, index) => {
    const p = prefix(index);
    header.push(`${p}hypothesis`, `${p}correct`, `${p}substitutions`, `${p}deletions`, `${p}insertions`, `${p}wer`, `${p}cer`, `${p}missing`);
  });
  const rows = [header.join(',')];
  const first = run.systems[0];
  if (!first) return rows.join('\n') + '\n';
  first.utterances.forEach((u, i) => {
    const row = [cell(u.id), cell(u.speaker), String(u.correct + u.substitutions + u.deletions), cell(run.vocabulary.text(u.ref))];
    for (const system of run.systems) {
      const s = system.utterances[i]!;
      const words = s.correct + s.substitutions + s.deletions;
      const chars = s.chars.correct + s.chars.substitutions + s.chars.deletions;
      row.push(
        cell(run.vocabulary.text(s.hyp)),
        String(s.correct),
        String(s.substitutions),
        String(s.deletions),
        String(s.insertions),
        rate(s.substitutions + s.deletions + s.insertions, words).toFixed(4),
        rate(s.chars.substitutions + s.chars.deletions + s.chars.insertions, chars).toFixed(4),
        s.missing ? 'true' : 'false',
      );
    }
    rows.push(row.join(','));
  });
  return rows.join('\n') + '\n';
}

/**
 * RFC 4180 quoting; a value a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a
 * leading apostrophe, since transcripts scored without normalization can start with anything.
 */
export function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
