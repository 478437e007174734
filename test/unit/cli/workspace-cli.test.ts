import * as assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { TestEngine } from '../engine/engine-client';
import { makeWorkspace } from '../workflow/workspace-fixture';
import { jsonOf, runCli } from './service-cli';

describe('custom-speech upload|train|test (CLI)', function () {
  this.timeout(240_000);
  let engine: TestEngine;
  let workspace: string;
  const run = (...args: string[]) => runCli([...args, '--url', engine.url, '--manifest', path.join(workspace, 'customspeech.json')]);

  before(async () => {
    engine = await TestEngine.start();
    workspace = await makeWorkspace();
  });
  after(async () => {
    await engine.stop();
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it('uploads the manifest datasets, then skips them while unchanged', async () => {
    const first = await run('upload', '--json');
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(jsonOf(first).map((d: any) => [d.key, d.status, d.unchanged]), [['related', 'Succeeded', false], ['calls', 'Succeeded', false]]);
    const again = await run('upload');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /related\s+[0-9a-f-]{36}\s+Succeeded\s+unchanged/);
    assert.match(again.stderr, /Dataset calls: unchanged/);
  });

  it('trains the recipes, reusing the model on a second run', async () => {
    const first = await run('train', '--json');
    assert.equal(first.code, 0, first.stderr);
    const [trained] = jsonOf(first);
    assert.deepEqual([trained.key, trained.status, trained.reused], ['bike-shop', 'Succeeded', false]);
    const again = jsonOf(await run('train', 'bike-shop', '--json'));
    assert.deepEqual([again[0].modelId, again[0].reused], [trained.modelId, true]);
  });

  it('tests against the base model and gates on WER: exit 1 above 0 %, 0 with a generous threshold', async () => {
    const strict = await run('test', '--fail-if-wer-above', '0');
    assert.equal(strict.code, 1, strict.stderr);
    assert.match(strict.stdout, /^TEST\s+MODEL\s+WER/);
    assert.match(strict.stdout, /vs-base\s+bike-shop\s+\d+\.\d\d %/);
    assert.match(strict.stdout, /vs-base: FAILED: the WER of 'bike-shop' is .* above 0\.00 %/);

    const generous = await run('test', 'vs-base', '--fail-if-wer-above', '100', '--json');
    assert.equal(generous.code, 0, generous.stderr);
    const [result] = jsonOf(generous);
    assert.equal(result.status, 'Succeeded');
    assert.equal(result.reused, true, 'the same evaluation is not run twice');
    assert.deepEqual(result.models.map((m: any) => m.ref), ['base', 'bike-shop']);
    assert.ok(result.models.every((m: any) => m.werPercent > 0));
    assert.deepEqual(result.gate, { passed: true, reasons: [] });
  });

  it('exits 2 for names and gates that are not in the manifest, and for a missing manifest', async () => {
    const unknown = await run('upload', 'nope');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no dataset 'nope' \(it has: related, calls\)/);
    const gate = await run('test', '--fail-if-worse-than', 'other');
    assert.equal(gate.code, 2);
    assert.match(gate.stderr, /'other' is not a model of test 'vs-base' \(its models: base, bike-shop\)/);
    const threshold = await run('test', '--fail-if-wer-above', 'ten');
    assert.equal(threshold.code, 2);
    const missing = await runCli(['upload', '--url', engine.url, '--manifest', path.join(workspace, 'nothing', 'customspeech.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /there is no customspeech\.json here/);
  });
});
