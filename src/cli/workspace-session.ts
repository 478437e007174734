import * as path from 'node:path';
import { loadManifest } from '../core/manifest/load-manifest';
import { MANIFEST_FILE_NAME } from '../core/manifest/manifest-schema';
import { WorkflowSession, type WorkflowEvent } from '../core/workflow/session';
import { connectionHelp } from './connection';
import type { Progress } from './progress';
import { bytes, seconds } from './progress';
import { stringOption, type ServiceContext } from './service-command';

/** The options of upload, train and test. */
export const workspaceOptions = {
  manifest: { type: 'string' },
  force: { type: 'boolean' },
  'ignore-lint-errors': { type: 'boolean' },
} as const;

export const workspaceHelp = `  --manifest <path>         The manifest, or its folder (default ./${MANIFEST_FILE_NAME})
  --force                   Upload, train and test again even when the same was done before
  --ignore-lint-errors      Upload datasets even when the lint rules find errors
  --json                    Machine-readable results on stdout (progress stays on stderr)
  -h, --help                Show this help

${connectionHelp}`;

/** The manifest the options name, and a workflow session on the command's connection. */
export async function workspaceSession(context: ServiceContext): Promise<WorkflowSession> {
  const loaded = await loadManifest(path.resolve(stringOption(context.values, 'manifest') ?? MANIFEST_FILE_NAME));
  for (const warning of loaded.warnings) context.progress.note(`${loaded.file}${warning.line ? `:${warning.line}` : ''}: warning: ${warning.path ? `${warning.path}: ` : ''}${warning.message}`);
  return new WorkflowSession(context.client, loaded, {
    signal: context.signal,
    force: context.values.force === true,
    ignoreLintErrors: context.values['ignore-lint-errors'] === true,
    onProgress: (event) => showEvent(context.progress, event),
  });
}

/** A workflow event as a progress line: finished steps stay, states in progress are rewritten. */
function showEvent(progress: Progress, event: WorkflowEvent): void {
  switch (event.step) {
    case 'project':
      return progress.note(`Project '${event.name}': ${event.action} (${event.projectId})`);
    case 'dataset':
      if (event.action === 'unchanged') return progress.note(`Dataset ${event.key}: unchanged, not uploaded (${event.datasetId})`);
      if (event.action === 'hashing') return progress.update(`Dataset ${event.key}: reading`);
      if (event.action === 'resuming') return progress.note(`Dataset ${event.key}: resuming the upload of ${event.datasetId}`);
      if (event.action === 'waiting') return progress.update(`Dataset ${event.key}: waiting for the import of ${event.datasetId}`);
      if (event.action === 'upload') {
        const upload = event.upload;
        if (upload.stage === 'lint') return progress.update(`Dataset ${event.key}: checking ${upload.file}`);
        if (upload.stage === 'created') return progress.note(`Dataset ${event.key}: uploading as ${upload.datasetId}`);
        if (upload.stage === 'upload') return progress.update(`Dataset ${event.key}: sent ${bytes(upload.doneBytes)} of ${bytes(upload.totalBytes)}`, `${event.key} upload`);
        return progress.update(`Dataset ${event.key}: import ${upload.status} (${seconds(upload.elapsedMs)})`, `${event.key} ${upload.status}`);
      }
      return;
    case 'model':
      if (event.action === 'status') return progress.update(`Model ${event.key}: training ${event.status} (${seconds(event.elapsedMs)})`, `${event.key} ${event.status}`);
      return progress.note(event.action === 'reused' ? `Model ${event.key}: same recipe trained before, reusing ${event.modelId}` : `Model ${event.key}: training ${event.modelId} from ${event.baseModel}`);
    case 'evaluation':
      if (event.action === 'status') return progress.update(`Test ${event.key}: ${event.status}${event.progress ? ` ${event.progress}` : ''} (${seconds(event.elapsedMs)})`, `${event.key} ${event.status}`);
      return progress.note(event.action === 'reused' ? `Test ${event.key}: the same evaluation ran before, reusing ${event.evaluationId}` : `Test ${event.key}: evaluating as ${event.evaluationId}`);
  }
}
