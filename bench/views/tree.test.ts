import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vscode from 'vscode';
import type { CustomSpeechTestApi } from '../../src/vscode/test-api';
import type { TreeNode } from '../../src/vscode/tree/tree-nodes';

/**
 * Run by `npm run bench views` inside a real VS Code (not by `npm test`): the extension's activation
 * time, and the first page of the service tree on a local engine holding 1,000 datasets and 1,000
 * models, next to the bare HTTP requests for the same pages from the same process.
 */
describe('views', function () {
  this.timeout(900_000);

  it('activates, and shows the first page of a large account', async () => {
    const api = (await vscode.extensions.getExtension('custom-speech-dev.custom-speech')!.activate()) as CustomSpeechTestApi;
    const client = await api.connections.client();
    const text = path.join(os.tmpdir(), 'cs-bench-related.txt');
    writeFileSync(text, '\uFEFFthe rear derailleur skips\nplease fit a new chain\n');
    const seed = await client.datasets.create({ kind: 'Language', displayName: 'seed', locale: 'en-US', contentUrl: pathToFileURL(text).href });
    for (;;) {
      const dataset = await client.datasets.get(seed.self.match(/datasets\/([0-9a-f-]{36})/)![1]!);
      if (dataset.status === 'Succeeded') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    for (let i = 0; i < 999; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, 999 - i) }, (_, k) => client.datasets.create({ kind: 'Language', displayName: `dataset ${i + k}`, locale: 'en-US' })));
    }
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, k) => client.models.create({ displayName: `model ${i + k}`, locale: 'en-US', datasets: [{ self: seed.self }] })));
    }

    const tree = api.workflow.tree;
    const label = (node: TreeNode) => String(tree.getTreeItem(node).label);
    const find = async (parent: TreeNode | undefined, name: string) => (await tree.getChildren(parent)).find((node) => label(node) === name)!;
    const treeMs: number[] = [];
    const bareMs: number[] = [];
    let shown = 0;
    for (let run = 0; run < 7; run++) {
      tree.refresh();
      const started = performance.now();
      const connection = (await tree.getChildren())[0]!;
      const unfiled = await find(connection, 'No project');
      const datasets = await tree.getChildren(await find(unfiled, 'Datasets'));
      const models = await tree.getChildren(await find(await find(unfiled, 'Models'), 'Custom'));
      datasets.concat(models).forEach((node) => tree.getTreeItem(node));
      treeMs.push(performance.now() - started);
      shown = datasets.length + models.length;

      const bareStarted = performance.now();
      await Promise.all(['/projects?top=100', '/datasets?top=100', '/models?top=100'].map((route) => client.transport.send({ method: 'GET', path: route.split('?')[0]!, query: { top: 100 } })));
      bareMs.push(performance.now() - bareStarted);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    writeFileSync(
      process.env.CUSTOM_SPEECH_BENCH_OUT!,
      JSON.stringify({ activation: api.activation, treeMedianMs: median(treeMs), treeMs, bareMedianMs: median(bareMs), shown }),
    );
  });
});
