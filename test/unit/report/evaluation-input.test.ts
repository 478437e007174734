import * as assert from 'node:assert/strict';
import type { SpeechClient } from '../../../src/core/api/client';
import { SpeechApiError } from '../../../src/core/api/errors';
import { evaluationReportInput, NoScoreFileError } from '../../../src/core/report/evaluation-input';
import { scoreJson } from './score-fixture';

const root = 'http://127.0.0.1:1/speechtotext';
const ids = { evaluation: '00000000-0000-4000-8000-000000000001', base: '00000000-0000-4000-8000-000000000002', custom: '00000000-0000-4000-8000-000000000003', dataset: '00000000-0000-4000-8000-000000000004' };

/** Just what evaluationReportInput calls, answering as the local engine does. */
function fakeClient(files: { name: string; kind: string; content: string }[], model2 = `${root}/models/${ids.custom}`): SpeechClient {
  const notFound = () => new SpeechApiError(404, 'NotFound', undefined, 'gone', undefined, { method: 'GET', path: '/x' });
  return {
    evaluations: {
      get: async () => ({
        self: `${root}/evaluations/${ids.evaluation}`,
        displayName: 'Bikes v2',
        locale: 'en-US',
        status: 'Succeeded',
        createdDateTime: '2026-01-02T03:04:05Z',
        model1: { self: `${root}/models/base/${ids.base}` },
        model2: { self: model2 },
        dataset: { self: `${root}/datasets/${ids.dataset}` },
        properties: { wordErrorRate1: 0.3, wordErrorRate2: 0.1, sentenceErrorRate1: -1 },
      }),
      files: async function* () {
        for (const f of files) yield { self: `${root}/x`, name: f.name, kind: f.kind, links: { contentUrl: `data:${f.name}` } };
      },
    },
    downloadText: async (url: string) => files.find((f) => `data:${f.name}` === url)!.content,
    baseModels: { get: async () => ({ displayName: 'Base 2025' }) },
    models: {
      get: async () => {
        throw notFound();
      },
    },
    datasets: { get: async () => ({ displayName: 'Bike calls', kind: 'Acoustic' }) },
  } as unknown as SpeechClient;
}

describe('evaluationReportInput', () => {
  const score = JSON.stringify(scoreJson({ 'a.wav': 'one two', 'b.wav': 'three' }, { 'a.wav': 'one', 'b.wav': 'three' }, { 'a.wav': 'one two', 'b.wav': 'three' }));

  it("reads the evaluation's score.json and names its models and dataset", async () => {
    const input = await evaluationReportInput(fakeClient([{ name: 'a.wav.model1_score.json', kind: 'EvaluationDetails', content: '{}' }, { name: 'score.json', kind: 'EvaluationDetails', content: score }]), ids.evaluation, 'Local engine');
    assert.equal(input.score.systems.length, 2);
    assert.equal(input.meta.title, 'Bikes v2');
    assert.equal(input.meta.source, 'Local engine');
    assert.deepEqual(input.meta.systems, [
      { name: 'Base 2025', id: ids.base, kind: 'base-model' },
      { name: 'Model 2', id: ids.custom, kind: 'custom-model' },
    ]);
    assert.deepEqual(input.meta.testDataset, { id: ids.dataset, name: 'Bike calls', kind: 'Acoustic' });
    assert.deepEqual(input.meta.serviceMetrics, { wordErrorRate1: 0.3, wordErrorRate2: 0.1 });
  });

  it('keeps one system when model 2 is model 1', async () => {
    const input = await evaluationReportInput(fakeClient([{ name: 'score.json', kind: 'EvaluationDetails', content: score }], `${root}/models/base/${ids.base}`), ids.evaluation, 'Local engine');
    assert.equal(input.score.systems.length, 1);
    assert.equal(input.score.comparison, undefined);
    assert.equal(input.meta.systems.length, 1);
  });

  it('says so when there is no score.json (Azure)', async () => {
    await assert.rejects(evaluationReportInput(fakeClient([{ name: 'report.json', kind: 'Report', content: '{}' }]), ids.evaluation, 'Azure'), (error: unknown) => error instanceof NoScoreFileError && /has no score\.json .*Azure evaluations are not supported/.test(error.message));
  });
});
