/**
 * How far a running job is, where the service says: the local engine gives a running evaluation's
 * `properties.progress` (utterances decoded, of how many); Azure gives nothing of the kind.
 */
export interface RunningProgress {
  completed: number;
  total: number;
  /** "34 %": rounded down, so 100 % only once everything is done. */
  percent: string;
}

export function runningProgress(entity: { status?: string; properties?: unknown }): RunningProgress | undefined {
  const progress = (entity.properties as { progress?: { completed?: unknown; total?: unknown } } | undefined)?.progress;
  if (entity.status !== 'Running' || typeof progress?.total !== 'number' || typeof progress.completed !== 'number' || !(progress.total > 0)) return undefined;
  const completed = Math.min(Math.max(0, progress.completed), progress.total);
  return { completed, total: progress.total, percent: `${Math.floor((100 * completed) / progress.total)} %` };
}
