import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { appendFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { SpeechClient } from '../../../src/core/api/client';
import { apiRootOf } from '../../../src/core/api/service-target';
import { loadManifest } from '../../../src/core/manifest/load-manifest';
import { uploadDatasets } from '../../../src/core/workflow/datasets';
import { checkGate } from '../../../src/core/workflow/gate';
import { trainModels } from '../../../src/core/workflow/models';
import { WorkflowSession, type WorkflowEvent, type WorkflowOptions } from '../../../src/core/workflow/session';
import { runTests } from '../../../src/core/workflow/test-plans';
import { buildReport } from '../../../src/core/report/build-report';
import { evaluationReportInput } from '../../../src/core/report/evaluation-input';
import type { ReportModel } from '../../../src/core/report/report-model';
import { readCorpus } from '../../../src/core/scoring/readers';
import { KEY, TestEngine } from '../engine/engine-client';
import { makeWorkspace } from './workspace-fixture';

describe('workflow: a manifest against the local engine', function () {
  this.timeout(240_000);
  let engine: TestEngine;
  let client: SpeechClient;
  let workspace: string;

  before(async () => {
    engine = await TestEngine.start();
    client = new SpeechClient({ apiRoot: apiRootOf({ kind: 'local', url: engine.url }), key: KEY });
    workspace = await makeWorkspace({ project: 'Bike shop' });
  });
  after(async () => {
    await client.close();
    await engine.stop();
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  /** A fresh session, as each CLI run makes, with the events it reported. */
  async function session(options: WorkflowOptions = {}): Promise<{ session: WorkflowSession; events: WorkflowEvent[] }> {
    const events: WorkflowEvent[] = [];
    return { session: new WorkflowSession(client, await loadManifest(workspace), { pollMs: 100, ...options, onProgress: (event) => events.push(event) }), events };
  }

  it('uploads the datasets into the project, skips them when unchanged and uploads again what changed', async () => {
    const first = await session();
    const uploaded = await uploadDatasets(first.session);
    assert.deepEqual(uploaded.map((d) => [d.key, d.dataset.status, d.unchanged]), [['related', 'Succeeded', false], ['calls', 'Succeeded', false]]);
    assert.ok(first.events.some((e) => e.step === 'project' && e.action === 'created'));
    const projects = (await engine.call('GET', '/projects')).body.values;
    assert.equal(projects.length, 1);
    assert.match(uploaded[0]!.dataset.project!.self, new RegExp(projects[0].self.split('?')[0]));
    assert.match(uploaded[0]!.dataset.customProperties!.customSpeechContentHash!, /^[0-9a-f]{64}$/);

    const second = await session();
    const again = await uploadDatasets(second.session);
    assert.deepEqual(again.map((d) => [d.datasetId, d.unchanged]), uploaded.map((d) => [d.datasetId, true]));

    await appendFile(path.join(workspace, 'related.txt'), 'the chain needs a new quick link\n');
    const third = await session();
    const [changed] = await uploadDatasets(third.session, ['related']);
    assert.equal(changed!.unchanged, false);
    assert.notEqual(changed!.datasetId, uploaded[0]!.datasetId);
    assert.equal(changed!.dataset.status, 'Succeeded');
    assert.ok(third.events.some((e) => e.step === 'project' && e.action === 'found'), 'the project is found again, not created twice');
  });

  it('trains a recipe once and reuses the model while nothing changed, unless forced', async () => {
    const [trained] = await trainModels((await session()).session, ['bike-shop']);
    assert.equal(trained!.model.status, 'Succeeded', JSON.stringify(trained!.model.properties));
    assert.equal(trained!.reused, false);
    assert.equal(trained!.model.properties?.customModelWeightPercent, 50);
    assert.match(trained!.baseModel.displayName, /PocketSphinx/);

    const [again] = await trainModels((await session()).session);
    assert.equal(again!.reused, true);
    assert.equal(again!.modelId, trained!.modelId);

    const [forced] = await trainModels((await session({ force: true })).session);
    assert.equal(forced!.reused, false);
    assert.notEqual(forced!.modelId, trained!.modelId);
  });

  it('runs a test plan: the custom model against its base model, with WER per model, reused when run again', async () => {
    const { session: run, events } = await session();
    const [outcome] = await runTests(run);
    assert.equal(outcome!.evaluation.status, 'Succeeded', JSON.stringify(outcome!.evaluation.properties));
    const [base, custom] = outcome!.models;
    assert.deepEqual([base.ref, base.isBase, custom.ref, custom.isBase], ['base', true, 'bike-shop', false]);
    for (const model of outcome!.models) {
      assert.ok(model.werPercent !== undefined && model.werPercent >= 0, JSON.stringify(model));
      assert.equal(model.metrics.wordCount, 29);
    }
    assert.equal(outcome!.evaluation.customProperties?.testingKind, 'Evaluation');
    assert.ok(events.some((e) => e.step === 'evaluation' && e.action === 'created'));

    const [again] = await runTests((await session()).session, ['vs-base']);
    assert.equal(again!.reused, true);
    assert.equal(again!.evaluationId, outcome!.evaluationId);

    // The gate on real results: a generous threshold passes, 0 % fails unless the model is perfect.
    assert.equal(checkGate(outcome!, { failIfWerAbove: 100 }).passed, true);
    const strict = checkGate(outcome!, { failIfWerAbove: 0 });
    assert.equal(strict.passed, false);
    assert.match(strict.reasons[0]!, /WER of 'bike-shop' is .* above/);
  });

  it("builds the evaluation's report from the engine's stored score: names, WER as the service reported, audio, and the same through `custom-speech report`", async () => {
    const [outcome] = await runTests((await session()).session, ['vs-base']);
    const input = await evaluationReportInput(client, outcome!.evaluationId, 'Local engine');
    assert.deepEqual(input.meta.systems.map((s) => s.kind), ['base-model', 'custom-model']);
    assert.equal(input.meta.systems[1]!.name, (await client.models.get(outcome!.models[1].modelId)).displayName);
    assert.equal(input.meta.testDataset?.kind, 'Acoustic');
    const report = buildReport(input);
    assert.equal(report.systems.length, 2);
    assert.ok(report.comparison, 'two models are compared');
    for (const [index, system] of report.systems.entries()) {
      const reported = outcome!.models[index]!.metrics.wordErrorRate!;
      assert.ok(Math.abs(system.wer - reported) < 1e-4, `model ${index + 1}: ${system.wer} in the report, ${reported} from the service`);
      assert.equal(system.words, 29);
    }
    assert.equal(report.utterances.length, 4);
    assert.ok(report.utterances.every((u) => u.audio && /\.wav$/.test(u.audio)), 'each utterance names its audio');

    const cli = path.resolve(__dirname, '../../../../dist/cli.js');
    // Not spawnSync: the engine answers from this process.
    const result = await promisify(execFile)(process.execPath, [cli, 'report', '--evaluation', outcome!.evaluationId, '--url', engine.url, '--format', 'json', '--out', '-'], { encoding: 'utf8', env: { ...process.env, CUSTOM_SPEECH_KEY: KEY }, timeout: 60_000, maxBuffer: 64 << 20 });
    const fromCli = JSON.parse(result.stdout) as ReportModel;
    assert.deepEqual(fromCli.systems, report.systems);
    assert.equal(fromCli.meta.evaluation?.id, outcome!.evaluationId);
  });

  it("builds the same report from the evaluation's transcriptions (as for Azure's evaluations) as from its score.json", async () => {
    const [outcome] = await runTests((await session()).session, ['vs-base']);
    const id = outcome!.evaluationId;
    const evaluation = await client.evaluations.get(id);
    assert.ok(evaluation.transcription1 && evaluation.transcription2, 'the evaluation names its transcriptions');
    assert.notEqual(evaluation.transcription1.self, evaluation.transcription2.self, 'one per model');

    const fromScore = buildReport(await evaluationReportInput(client, id, 'Local engine', { results: 'score-file' }));
    const fromTranscriptions = buildReport(await evaluationReportInput(client, id, 'Local engine', { results: 'transcriptions' }));
    // Everything but where the results were read from: WER per system, ids, hypotheses, alignments, errors, advice.
    const withoutPaths = (report: ReportModel) => ({ ...report, reference: undefined, systems: report.systems.map((s) => ({ ...s, path: undefined })) });
    assert.deepEqual(withoutPaths(fromTranscriptions), withoutPaths(fromScore));
    assert.deepEqual(fromTranscriptions.utterances.map((u) => u.id), ['call-0.wav', 'call-1.wav', 'call-2.wav', 'call-3.wav']);
    assert.ok(fromScore.utterances.some((u) => u.systems[1]!.hyp !== ''), 'the hypotheses are real words');
    for (const [index, system] of fromTranscriptions.systems.entries()) {
      assert.ok(Math.abs(system.wer - outcome!.models[index]!.metrics.wordErrorRate!) < 1e-4, `model ${index + 1}: ${system.wer}`);
    }

    // A reference transcript from the workspace instead of the dataset's: ids by the scorer's rules, the same WER.
    const reference = await readCorpus(path.join(workspace, 'calls', 'trans.txt'));
    const withWorkspaceReference = buildReport(await evaluationReportInput(client, id, 'Local engine', { results: 'transcriptions', reference }));
    assert.deepEqual(withWorkspaceReference.utterances.map((u) => u.id), ['call-0', 'call-1', 'call-2', 'call-3']);
    assert.deepEqual(withWorkspaceReference.systems.map((s) => s.wer), fromScore.systems.map((s) => s.wer));

    const cli = path.resolve(__dirname, '../../../../dist/cli.js');
    const result = await promisify(execFile)(process.execPath, [cli, 'report', '--evaluation', id, '--results', 'transcriptions', '--url', engine.url, '--format', 'json', '--out', '-'], { encoding: 'utf8', env: { ...process.env, CUSTOM_SPEECH_KEY: KEY }, timeout: 60_000, maxBuffer: 64 << 20 });
    assert.deepEqual((JSON.parse(result.stdout) as ReportModel).utterances, fromScore.utterances);
  });

  it('names an unknown entry and every entry the manifest has', async () => {
    await assert.rejects(trainModels((await session()).session, ['nope']), /no model 'nope' \(it has: bike-shop\)/);
  });
});
