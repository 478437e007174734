import { evaluationMetrics, type BaseModel, type CustomModel, type Dataset, type Endpoint, type EntityStatus, type Evaluation, type Project, type SpeechFile } from '../api/schemas';
import { parseEntityUri } from '../api/ids';
import { runningProgress } from './running-progress';

// How entities read in lists (the tree view, quick picks): a one-line description, a tooltip
// with their properties, and the state their icon shows. Plain data, so it is tested without VS Code.

/** The state an entity's icon shows. */
export type IconState = 'not-started' | 'running' | 'succeeded' | 'failed' | 'expiring' | 'plain';

export interface EntitySummary {
  label: string;
  description: string;
  /** Markdown; every text that came from the service is escaped. */
  tooltip: string;
  icon: IconState;
  /** Words for the item's contextValue: its status and what can be done with it. */
  context: string[];
}

/** A deprecation within this many days earns a warning. */
export const DEPRECATION_WARNING_DAYS = 30;
const DAY = 86_400_000;

/** "just now", "5 min ago", "3 h ago", "4 days ago", or the date. */
export function ageText(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.max(0, (now - then) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < DAY / 1000) return `${Math.floor(seconds / 3600)} h ago`;
  if (seconds < (30 * DAY) / 1000) return `${Math.floor(seconds / 86400)} day${seconds < (2 * DAY) / 1000 ? '' : 's'} ago`;
  return new Date(then).toISOString().slice(0, 10);
}

/** Escapes Markdown so that names and messages from the service read as text, never as markup or links. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]()#|<>~&!]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function statusState(status: EntityStatus | undefined): IconState {
  if (status === 'Running') return 'running';
  if (status === 'NotStarted') return 'not-started';
  if (status === 'Failed') return 'failed';
  if (status === 'Succeeded') return 'succeeded';
  return 'plain';
}

function table(rows: [string, string | number | undefined][]): string {
  return rows
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => `**${name}:** ${typeof value === 'number' ? value : escapeMarkdown(value!)}`)
    .join('  \n');
}

function header(title: string, kind: string, description?: string): string {
  return `### ${escapeMarkdown(title)}\n\n_${kind}_${description ? `\n\n${escapeMarkdown(description)}` : ''}\n\n`;
}

function errorLine(error: { code?: string; message?: string } | undefined): string {
  return error?.message ? `\n\n$(error) ${escapeMarkdown(`${error.code ? `${error.code}: ` : ''}${error.message}`)}` : '';
}

function describedParts(status: EntityStatus | undefined, locale: string | undefined, changed: string | undefined, now: number, progress?: string): string {
  return [status && status !== 'Succeeded' ? status : undefined, progress, locale, ageText(changed, now)].filter(Boolean).join(' · ');
}

export function summarizeProject(project: Project, now = Date.now()): EntitySummary {
  return {
    label: project.displayName,
    description: [project.locale, ageText(project.createdDateTime, now)].filter(Boolean).join(' · '),
    tooltip: header(project.displayName, 'Project', project.description) + table([['Locale', project.locale], ['Created', project.createdDateTime], ['Id', parseEntityUri(project.self)?.id]]),
    icon: 'plain',
    context: ['project'],
  };
}

export function summarizeDataset(dataset: Dataset, now = Date.now()): EntitySummary {
  const p = dataset.properties;
  const lines = p?.acceptedLineCount !== undefined ? `${p.acceptedLineCount} lines${p.rejectedLineCount ? `, ${p.rejectedLineCount} rejected` : ''}` : undefined;
  return {
    label: dataset.displayName,
    description: [dataset.kind, describedParts(dataset.status, dataset.locale, dataset.lastActionDateTime, now)].filter(Boolean).join(' · '),
    tooltip:
      header(dataset.displayName, `${dataset.kind} dataset`, dataset.description) +
      table([
        ['Status', dataset.status],
        ['Locale', dataset.locale],
        ['Lines', lines],
        ['Audio', p?.durationMilliseconds ? `${(p.durationMilliseconds / 60_000).toFixed(1)} min` : undefined],
        ['Created', dataset.createdDateTime],
        ['Last action', dataset.lastActionDateTime],
        ['Id', parseEntityUri(dataset.self)?.id],
      ]) +
      errorLine(p?.error),
    icon: statusState(dataset.status),
    context: ['dataset', dataset.kind, dataset.status, ...(p?.rejectedLineCount ? ['hasRejectedLines'] : [])],
  };
}

/** The soonest deprecation date and what stops then, when it is within the warning window or past. */
export function nearDeprecation(dates: { adaptationDateTime?: string; transcriptionDateTime?: string } | undefined, now = Date.now()): { what: string; date: string; past: boolean } | undefined {
  const candidates = [
    { what: 'training with it', date: dates?.adaptationDateTime },
    { what: 'transcription', date: dates?.transcriptionDateTime },
  ].filter((c): c is { what: string; date: string } => !!c.date && !Number.isNaN(Date.parse(c.date)));
  const soonest = candidates.sort((a, b) => Date.parse(a.date) - Date.parse(b.date))[0];
  if (!soonest || Date.parse(soonest.date) - now > DEPRECATION_WARNING_DAYS * DAY) return undefined;
  return { ...soonest, past: Date.parse(soonest.date) <= now };
}

function deprecationText(near: ReturnType<typeof nearDeprecation>): string {
  if (!near) return '';
  return `\n\n$(warning) ${near.past ? `No longer available for ${near.what} since` : `Deprecated for ${near.what} on`} ${near.date.slice(0, 10)}.`;
}

export function summarizeBaseModel(model: BaseModel, now = Date.now()): EntitySummary {
  const near = nearDeprecation(model.properties?.deprecationDates, now);
  const features = model.properties?.features;
  return {
    label: model.displayName,
    description: [model.locale, near ? (near.past ? 'deprecated' : `deprecated ${near.date.slice(0, 10)}`) : undefined].filter(Boolean).join(' · '),
    tooltip:
      header(model.displayName, 'Base model', model.description) +
      table([
        ['Locale', model.locale],
        ['Adapts with', features?.supportsAdaptationsWith?.join(', ')],
        ['Training until', model.properties?.deprecationDates?.adaptationDateTime],
        ['Transcription until', model.properties?.deprecationDates?.transcriptionDateTime],
        ['Id', parseEntityUri(model.self)?.id],
      ]) +
      deprecationText(near),
    icon: near ? 'expiring' : 'plain',
    context: ['baseModel', ...(features?.supportsAdaptationsWith?.length ? ['trainable'] : []), ...(features?.supportsEndpoints === false ? [] : ['deployable'])],
  };
}

export function summarizeCustomModel(model: CustomModel, now = Date.now()): EntitySummary {
  const near = nearDeprecation(model.properties?.deprecationDates, now);
  return {
    label: model.displayName,
    description: [describedParts(model.status, model.locale, model.lastActionDateTime, now), near ? 'expiring' : undefined].filter(Boolean).join(' · '),
    tooltip:
      header(model.displayName, 'Custom model', model.description) +
      table([
        ['Status', model.status],
        ['Locale', model.locale],
        ['Datasets', model.datasets?.length],
        ['Custom model weight', model.properties?.customModelWeightPercent === undefined ? undefined : `${model.properties.customModelWeightPercent}%`],
        ['Transcription until', model.properties?.deprecationDates?.transcriptionDateTime],
        ['Created', model.createdDateTime],
        ['Id', parseEntityUri(model.self)?.id],
      ]) +
      errorLine(model.properties?.error) +
      deprecationText(near),
    icon: model.status === 'Succeeded' && near ? 'expiring' : statusState(model.status),
    context: ['customModel', model.status],
  };
}

function percent(rate: number | undefined): string | undefined {
  return rate === undefined ? undefined : `${(rate * 100).toFixed(1)}%`;
}

export function summarizeEvaluation(evaluation: Evaluation, now = Date.now()): EntitySummary {
  const m1 = evaluationMetrics(evaluation, 1);
  const m2 = evaluationMetrics(evaluation, 2);
  const wer = m1.wordErrorRate !== undefined && m2.wordErrorRate !== undefined ? `WER ${percent(m1.wordErrorRate)} → ${percent(m2.wordErrorRate)}` : undefined;
  const progress = runningProgress(evaluation);
  return {
    label: evaluation.displayName,
    description: [wer, describedParts(evaluation.status, evaluation.locale, evaluation.lastActionDateTime, now, progress?.percent)].filter(Boolean).join(' · '),
    tooltip:
      header(evaluation.displayName, 'Evaluation', evaluation.description) +
      table([
        ['Status', evaluation.status],
        ['Progress', progress && `${progress.percent}: ${progress.completed.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')} utterances decoded (each once per model)`],
        ['Model 1 WER', percent(m1.wordErrorRate)],
        ['Model 2 WER', percent(m2.wordErrorRate)],
        ['Model 1 SER', percent(m1.sentenceErrorRate)],
        ['Model 2 SER', percent(m2.sentenceErrorRate)],
        ['Words', m1.wordCount],
        ['Sentences', m1.sentenceCount],
        ['Created', evaluation.createdDateTime],
        ['Id', parseEntityUri(evaluation.self)?.id],
      ]) +
      errorLine(evaluation.properties?.error),
    icon: statusState(evaluation.status),
    context: ['evaluation', evaluation.status],
  };
}

export function summarizeEndpoint(endpoint: Endpoint, now = Date.now()): EntitySummary {
  return {
    label: endpoint.displayName,
    description: describedParts(endpoint.status, endpoint.locale, endpoint.lastActionDateTime, now),
    tooltip:
      header(endpoint.displayName, 'Endpoint', endpoint.description) +
      table([
        ['Status', endpoint.status],
        ['Locale', endpoint.locale],
        ['Model', endpoint.model ? parseEntityUri(endpoint.model.self)?.id : undefined],
        ['Logging', endpoint.properties?.loggingEnabled === undefined ? undefined : endpoint.properties.loggingEnabled ? 'on' : 'off'],
        ['Id', parseEntityUri(endpoint.self)?.id],
      ]) +
      errorLine(endpoint.properties?.error),
    icon: statusState(endpoint.status),
    context: ['endpoint', endpoint.status],
  };
}

/** Bytes in B, KB, MB or GB. */
export function sizeText(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function summarizeFile(file: SpeechFile): EntitySummary {
  return {
    label: file.name,
    description: [file.kind, sizeText(file.properties?.size)].filter(Boolean).join(' · '),
    tooltip: header(file.name, `${file.kind} file`) + table([['Size', sizeText(file.properties?.size)], ['Created', file.createdDateTime]]),
    icon: 'plain',
    context: ['file', file.kind],
  };
}
