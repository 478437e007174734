import { ensureModel, type TrainedModel } from '../core/workflow/models';
import { selectEntries } from '../core/workflow/session';
import { EXIT } from './failure';
import { printJson, printTable } from './output';
import { runServiceCommand } from './service-command';
import { workspaceHelp, workspaceOptions, workspaceSession } from './workspace-session';

const help = `Usage: custom-speech train [names...] [options]

Trains the manifest's model recipes (all, or the names given), uploading their datasets first. A
recipe trained before from the same base model, datasets and weight is not trained again: its
model is reused (--force trains anew). "latest" is the newest base model of the locale that adapts
with the recipe's dataset kinds.

Options:
${workspaceHelp}

Exit code: 0 trained, 1 a model or one of its datasets failed, 2 usage, manifest or connection error, 130 cancelled.`;

export function runTrain(args: string[]): Promise<number> {
  return runServiceCommand('train', args, help, workspaceOptions, async (context) => {
    const session = await workspaceSession(context);
    const trained: TrainedModel[] = [];
    for (const [key] of selectEntries(session.manifest.models, context.positionals, 'model')) trained.push(await ensureModel(session, key));
    if (context.json) printJson(trained.map(({ key, modelId, reused, model, baseModel }) => ({ key, modelId, status: model.status, reused, baseModel: { self: baseModel.self, displayName: baseModel.displayName }, model })));
    else
      printTable(trained, [
        { title: 'MODEL', value: (t) => t.key },
        { title: 'ID', value: (t) => t.modelId },
        { title: 'STATUS', value: (t) => t.model.status },
        { title: 'TRAINING', value: (t) => (t.reused ? 'reused' : 'trained') },
        { title: 'BASE MODEL', value: (t) => t.baseModel.displayName },
      ]);
    return trained.some((t) => t.model.status !== 'Succeeded') ? EXIT.failed : EXIT.ok;
  });
}
