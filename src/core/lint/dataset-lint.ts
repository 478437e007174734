import type { FileKind } from './kinds';
import { lintFile } from './lint-file';
import type { Problem } from './problem';

/** Warnings kept in a report; rejected lines are all kept. */
const MAX_REPORTED_WARNINGS = 1000;

export interface DatasetLint {
  /** Zero-based lines with an error, and the first error's rule and message. */
  rejected: Map<number, { code: string; reason: string }>;
  /** The same, 1-based and in line order, as the report lists them. */
  rejectedLines: { line: number; code: string; reason: string }[];
  /** Problems that keep their line (the first 1,000), 1-based. */
  warnings: { line: number; code: string; message: string }[];
  /** Why the whole dataset fails, when a file-level rule says so. */
  error?: { code: string; message: string };
}

/** Rules whose errors fail the whole dataset on the service, rather than one line. */
function fatalCode(problem: Problem): string | undefined {
  if (problem.code.endsWith('/missing-bom')) return 'NoUtf8WithBom';
  if (problem.code.endsWith('/file-too-large')) return 'QuotaViolation';
  if (problem.code === 'file/binary') return 'InvalidDataset';
  return undefined;
}

/**
 * A dataset file checked with the editor's rules, sorted the way an import reports it: errors reject
 * their line, file-level errors fail the dataset, the rest are warnings.
 */
export async function lintDatasetFile(file: string, kind: FileKind, locale: string, { checkAudio }: { checkAudio: boolean }): Promise<DatasetLint> {
  const rejected: DatasetLint['rejected'] = new Map();
  const warnings: DatasetLint['warnings'] = [];
  let error: DatasetLint['error'];
  await lintFile(
    file,
    kind,
    {
      locale,
      onProblem: (problem) => {
        if (problem.severity !== 'error') {
          if (warnings.length < MAX_REPORTED_WARNINGS) warnings.push({ line: problem.range.line + 1, code: problem.code, message: problem.message });
          return;
        }
        const fatal = fatalCode(problem);
        if (fatal) error ??= { code: fatal, message: problem.message };
        else if (!rejected.has(problem.range.line)) rejected.set(problem.range.line, { code: problem.code, reason: problem.message });
      },
    },
    { checkAudio },
  );
  const rejectedLines = [...rejected].sort(([a], [b]) => a - b).map(([line, why]) => ({ line: line + 1, ...why }));
  return { rejected, rejectedLines, warnings, ...(error ? { error } : {}) };
}
