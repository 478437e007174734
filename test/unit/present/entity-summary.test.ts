import * as assert from 'node:assert/strict';
import { baseModelSchema, customModelSchema, datasetSchema, evaluationSchema } from '../../../src/core/api/schemas';
import { ageText, escapeMarkdown, nearDeprecation, sizeText, summarizeBaseModel, summarizeCustomModel, summarizeDataset, summarizeEvaluation } from '../../../src/core/present/entity-summary';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const ID = '9d5f4100-5f8e-4dd6-bd83-9bbbf50d57f1';

describe('entity summaries', () => {
  it('tells ages the way people say them', () => {
    assert.equal(ageText('2026-06-15T11:59:30Z', NOW), 'just now');
    assert.equal(ageText('2026-06-15T11:55:00Z', NOW), '5 min ago');
    assert.equal(ageText('2026-06-15T09:00:00Z', NOW), '3 h ago');
    assert.equal(ageText('2026-06-14T09:00:00Z', NOW), '1 day ago');
    assert.equal(ageText('2026-06-10T12:00:00Z', NOW), '5 days ago');
    assert.equal(ageText('2025-01-02T00:00:00Z', NOW), '2025-01-02');
    assert.equal(ageText(undefined, NOW), '');
    assert.equal(ageText('yesterday', NOW), '');
  });

  it('escapes every markdown character of service text', () => {
    assert.equal(escapeMarkdown('[click](http://evil) <img src=x onerror=alert(1)> *x*'), '\\[click\\]\\(http://evil\\) \\<img src=x onerror=alert\\(1\\)\\> \\*x\\*');
    const dataset = datasetSchema.parse({ self: `x/datasets/${ID}`, displayName: '[a](javascript:alert(1))', locale: 'en-US', kind: 'Language', status: 'Failed', properties: { error: { code: 'InvalidData', message: '<b>bad</b>' } } });
    const summary = summarizeDataset(dataset, NOW);
    assert.ok(!summary.tooltip.includes('[a](javascript'), summary.tooltip);
    assert.ok(summary.tooltip.includes('\\<b\\>bad\\</b\\>'), summary.tooltip);
    assert.equal(summary.icon, 'failed');
  });

  it('describes a dataset by kind, status, locale and age, with its lines in the tooltip', () => {
    const dataset = datasetSchema.parse({
      self: `x/datasets/${ID}`,
      displayName: 'calls',
      locale: 'en-US',
      kind: 'Acoustic',
      status: 'Running',
      lastActionDateTime: '2026-06-15T11:50:00Z',
      properties: { acceptedLineCount: 40, rejectedLineCount: 2, durationMilliseconds: 150_000 },
    });
    const summary = summarizeDataset(dataset, NOW);
    assert.equal(summary.description, 'Acoustic · Running · en-US · 10 min ago');
    assert.match(summary.tooltip, /\*\*Lines:\*\* 40 lines, 2 rejected/);
    assert.match(summary.tooltip, /\*\*Audio:\*\* 2\.5 min/);
    assert.equal(summary.icon, 'running');
    assert.deepEqual(summary.context, ['dataset', 'Acoustic', 'Running', 'hasRejectedLines']);
  });

  it('warns about base models near or past their deprecation', () => {
    assert.equal(nearDeprecation({ adaptationDateTime: '2027-01-01T00:00:00Z' }, NOW), undefined);
    assert.deepEqual(nearDeprecation({ adaptationDateTime: '2026-07-01T00:00:00Z', transcriptionDateTime: '2027-01-01T00:00:00Z' }, NOW), { what: 'training with it', date: '2026-07-01T00:00:00Z', past: false });
    const model = baseModelSchema.parse({
      self: `x/models/base/${ID}`,
      displayName: '20240101',
      locale: 'en-US',
      properties: { deprecationDates: { adaptationDateTime: '2026-06-01T00:00:00Z', transcriptionDateTime: '2027-06-01T00:00:00Z' }, features: { supportsAdaptationsWith: ['Language'] } },
    });
    const summary = summarizeBaseModel(model, NOW);
    assert.equal(summary.icon, 'expiring');
    assert.equal(summary.description, 'en-US · deprecated');
    assert.match(summary.tooltip, /No longer available for training with it since 2026-06-01/);
    assert.ok(summary.context.includes('trainable'));
  });

  it('shows a custom model expiring only once it is trained', () => {
    const model = (status: string) => customModelSchema.parse({ self: `x/models/${ID}`, displayName: 'm', locale: 'en-US', status, properties: { deprecationDates: { transcriptionDateTime: '2026-06-20T00:00:00Z' }, customModelWeightPercent: 30 } });
    assert.equal(summarizeCustomModel(model('Succeeded'), NOW).icon, 'expiring');
    assert.equal(summarizeCustomModel(model('Running'), NOW).icon, 'running');
    assert.match(summarizeCustomModel(model('Succeeded'), NOW).tooltip, /Custom model weight:\*\* 30%/);
  });

  it('puts both word error rates in an evaluation\'s description once known', () => {
    const running = evaluationSchema.parse({ self: `x/evaluations/${ID}`, displayName: 'e', locale: 'en-US', status: 'Running', properties: { wordErrorRate1: -1, wordErrorRate2: -1 } });
    assert.equal(summarizeEvaluation(running, NOW).description, 'Running · en-US');
    const done = evaluationSchema.parse({ self: `x/evaluations/${ID}`, displayName: 'e', locale: 'en-US', status: 'Succeeded', properties: { wordErrorRate1: 0.256, wordErrorRate2: 0.111, wordCount1: 90 } });
    assert.equal(summarizeEvaluation(done, NOW).description, 'WER 25.6% → 11.1% · en-US');
  });

  it('shows how far a running evaluation is when the service says (the local engine does)', () => {
    const evaluation = (status: string, progress: unknown) =>
      evaluationSchema.parse({ self: `x/evaluations/${ID}`, displayName: 'e', locale: 'en-US', status, properties: { wordErrorRate1: -1, wordErrorRate2: -1, progress } });
    const running = summarizeEvaluation(evaluation('Running', { completed: 412, total: 1200 }), NOW);
    assert.equal(running.description, 'Running · 34 % · en-US');
    assert.match(running.tooltip, /\*\*Progress:\*\* 34 %: 412 of 1,200 utterances decoded \\\(each once per model\\\)/);
    // Not 100 % before the last one is decoded.
    assert.equal(summarizeEvaluation(evaluation('Running', { completed: 1199, total: 1200 }), NOW).description, 'Running · 99 % · en-US');
    // Nothing to show: no total, or finished.
    assert.equal(summarizeEvaluation(evaluation('Running', { completed: 0, total: 0 }), NOW).description, 'Running · en-US');
    assert.doesNotMatch(summarizeEvaluation(evaluation('Succeeded', { completed: 1200, total: 1200 }), NOW).tooltip, /Progress/);
    // A `progress` of another shape (not the engine's) is ignored, not an error.
    assert.equal(summarizeEvaluation(evaluation('Running', 'half way'), NOW).description, 'Running · en-US');
  });

  it('sizes files in binary units', () => {
    assert.equal(sizeText(512), '512 B');
    assert.equal(sizeText(1536), '1.5 KB');
    assert.equal(sizeText(300 * 1024 * 1024), '300 MB');
  });
});
