import { ensureDataset, type DatasetOutcome } from '../core/workflow/datasets';
import { selectEntries } from '../core/workflow/session';
import { EXIT } from './failure';
import { printJson, printTable } from './output';
import { runServiceCommand } from './service-command';
import { workspaceHelp, workspaceOptions, workspaceSession } from './workspace-session';

const help = `Usage: custom-speech upload [names...] [options]

Uploads the manifest's datasets (all, or the names given). A dataset whose content was uploaded
before (same key, same bytes) is not uploaded again; changed content is uploaded as a new dataset.
Files are checked with the lint rules first: errors stop the upload with file and line.

Options:
${workspaceHelp}

Exit code: 0 uploaded, 1 a dataset failed (or has lint errors), 2 usage, manifest or connection error, 130 cancelled.`;

export function runUpload(args: string[]): Promise<number> {
  return runServiceCommand('upload', args, help, workspaceOptions, async (context) => {
    const session = await workspaceSession(context);
    const outcomes: DatasetOutcome[] = [];
    for (const [key] of selectEntries(session.manifest.datasets, context.positionals, 'dataset')) outcomes.push(await ensureDataset(session, key));
    if (context.json) printJson(outcomes.map(({ key, datasetId, unchanged, dataset }) => ({ key, datasetId, status: dataset.status, unchanged, dataset })));
    else
      printTable(outcomes, [
        { title: 'DATASET', value: (o) => o.key },
        { title: 'ID', value: (o) => o.datasetId },
        { title: 'STATUS', value: (o) => o.dataset.status },
        { title: 'UPLOAD', value: (o) => (o.unchanged ? 'unchanged' : 'uploaded') },
      ]);
    return outcomes.some((o) => o.dataset.status !== 'Succeeded') ? EXIT.failed : EXIT.ok;
  });
}
