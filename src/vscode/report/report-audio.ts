import { access, mkdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SpeechClient } from '../../core/api/client';
import { datasetArchiveUrl, unpackDatasetArchive } from '../../core/report/dataset-archive';

/**
 * Where an utterance's audio is, for the report's ▶ buttons: in the workspace (the test set's own
 * folder, found by name), or else in the test dataset as the service holds it — its zip downloaded
 * once into the extension's storage and unpacked there (with the import's own zip limits).
 */
export class ReportAudio {
  /** Per dataset: the folder its zip was unpacked into, once it has been. */
  private readonly unpacked = new Map<string, Promise<string>>();

  constructor(
    private readonly cacheFolder: string,
    private readonly client: () => Promise<SpeechClient>,
  ) {}

  /** Folders the webview may load audio from. */
  get roots(): vscode.Uri[] {
    return [...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri), vscode.Uri.file(this.cacheFolder)];
  }

  async find(audio: string, datasetId: string | undefined): Promise<vscode.Uri> {
    const inWorkspace = await findInWorkspace(audio);
    if (inWorkspace) return inWorkspace;
    if (!datasetId) throw new Error(`${audio} is not in the workspace, and the report does not name its test dataset.`);
    const folder = await this.unpack(datasetId);
    const file = path.join(folder, ...audio.split('/'));
    if (!(await exists(file))) throw new Error(`${audio} is neither in the workspace nor in the test dataset.`);
    return vscode.Uri.file(file);
  }

  private unpack(datasetId: string): Promise<string> {
    let folder = this.unpacked.get(datasetId);
    if (!folder) {
      folder = this.download(datasetId);
      folder.catch(() => this.unpacked.delete(datasetId)); // a later ▶ tries again
      this.unpacked.set(datasetId, folder);
    }
    return folder;
  }

  private async download(datasetId: string): Promise<string> {
    if (!/^[\w-]+$/.test(datasetId)) throw new Error(`Unexpected dataset id '${datasetId}'.`);
    const folder = path.join(this.cacheFolder, datasetId);
    if (await exists(path.join(folder, '.complete'))) return folder;
    const client = await this.client();
    const zipUrl = await datasetArchiveUrl(client, datasetId);
    if (!zipUrl) throw new Error('The test dataset has no audio archive to play from.');
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    await unpackDatasetArchive(client, zipUrl, folder);
    await mkdir(path.join(folder, '.complete'));
    return folder;
  }
}

async function findInWorkspace(audio: string): Promise<vscode.Uri | undefined> {
  const name = path.posix.basename(audio);
  const found = await vscode.workspace.findFiles(`**/${name.replace(/[[\]{}*?!]/g, '[$&]')}`, '**/node_modules/**', 20);
  const tail = path.sep + audio.split('/').join(path.sep);
  return found.find((uri) => uri.fsPath.endsWith(tail)) ?? found[0];
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
