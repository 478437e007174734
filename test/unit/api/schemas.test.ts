import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { z } from 'zod';
import {
  baseModelSchema,
  customModelSchema,
  datasetLocalesSchema,
  datasetSchema,
  endpointSchema,
  evaluationMetrics,
  evaluationSchema,
  fileSchema,
  isoDurationMilliseconds,
  localesSchema,
  modelCopyAuthorizationSchema,
  modelManifestSchema,
  operationSchema,
  pageSchema,
  projectSchema,
  transcriptionLocalesSchema,
  transcriptionSchema,
  uploadedBlocksSchema,
} from '../../../src/core/api/schemas';

function findExamples(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'test', 'fixtures', 'azure-examples');
    if (existsSync(candidate)) return candidate;
  }
  return path.resolve('test', 'fixtures', 'azure-examples');
}

// Which schema reads each example's answer, by the example's name.
function schemaFor(name: string): z.ZodType | 'no body' {
  if (/^(delete_|upload_block|commit_block_list)/.test(name)) return 'no body';
  if (name === 'get_supported_dataset_locales') return datasetLocalesSchema;
  if (name === 'get_supported_transcription_locales') return transcriptionLocalesSchema;
  if (name.startsWith('get_supported_')) return localesSchema;
  if (name === 'get_dataset_blocks') return uploadedBlocksSchema;
  if (name === 'get_base_model_manifest') return modelManifestSchema;
  if (name === 'create_copy_model_authorization') return modelCopyAuthorizationSchema;
  if (/operation|^copy_model/.test(name)) return operationSchema;
  if (name === 'get_project_transcriptions') return pageSchema(transcriptionSchema);
  const list = /^get_(.*_)?(datasets|endpoints|evaluations|models|projects|files)(_.*)?$/.exec(name);
  const entity = list ? list[2]! : /(project|dataset_file|evaluation_file|model_file|dataset|endpoint|evaluation|base_model|model)/.exec(name)?.[1];
  const schemas: Record<string, z.ZodType> = {
    project: projectSchema,
    projects: projectSchema,
    dataset: datasetSchema,
    datasets: datasetSchema,
    endpoint: endpointSchema,
    endpoints: endpointSchema,
    evaluation: evaluationSchema,
    evaluations: evaluationSchema,
    model: customModelSchema,
    models: name === 'get_english_base_models' ? baseModelSchema : customModelSchema,
    base_model: baseModelSchema,
    files: fileSchema,
    dataset_file: fileSchema,
    evaluation_file: fileSchema,
    model_file: fileSchema,
  };
  const schema = entity ? schemas[entity] : undefined;
  if (!schema) throw new Error(`no schema for ${name}`);
  return list ? pageSchema(schema) : schema;
}

describe('api schemas', () => {
  const folder = findExamples();
  const examples = readdirSync(folder).filter((name) => name.endsWith('.json'));

  it('has the service examples to read', () => {
    assert.ok(examples.length >= 60, `${examples.length} examples in ${folder}`);
  });

  for (const file of examples) {
    it(`reads ${file}`, () => {
      const example = JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as { responses: Record<string, { body?: unknown }> };
      const schema = schemaFor(file.replace(/\.json$/, ''));
      for (const [status, response] of Object.entries(example.responses)) {
        if (schema === 'no body') {
          assert.equal(response.body, undefined, `${file} ${status}`);
          continue;
        }
        const parsed = schema.safeParse(response.body);
        assert.ok(parsed.success, `${file} ${status}: ${parsed.error?.message}`);
      }
    });
  }

  it('reads v3.2 durations (ISO 8601) as milliseconds', () => {
    const dataset = datasetSchema.parse({
      self: 'https://westus.api.cognitive.microsoft.com/speechtotext/v3.2/datasets/9d5f4100-5f8e-4dd6-bd83-9bbbf50d57f1',
      displayName: 'calls',
      locale: 'en-US',
      kind: 'Acoustic',
      status: 'Succeeded',
      properties: { acceptedLineCount: 3, rejectedLineCount: 0, duration: 'PT4M12.5S' },
    });
    assert.equal(dataset.properties?.durationMilliseconds, 252_500);
    assert.equal(isoDurationMilliseconds('P1DT2H'), 26 * 3_600_000);
    assert.equal(isoDurationMilliseconds('PT0S'), 0);
    assert.equal(isoDurationMilliseconds('4 minutes'), undefined);
    assert.equal(isoDurationMilliseconds('PT'), undefined);
  });

  it('prefers durationMilliseconds when both are given, and keeps unknown properties', () => {
    const file = fileSchema.parse({ self: 'x/files/1', name: 'a.wav', kind: 'Audio', properties: { size: 10, durationMilliseconds: 1500, duration: 'PT9S', channels: 2 } });
    assert.equal(file.properties?.durationMilliseconds, 1500);
    assert.equal((file.properties as Record<string, unknown>).channels, 2);
  });

  it('reads −1 placeholders of a running evaluation as unknown, and splits the metrics per model', () => {
    const evaluation = evaluationSchema.parse({
      self: 'x/evaluations/1',
      displayName: 'e',
      locale: 'en-US',
      status: 'Running',
      properties: { wordErrorRate1: -1, wordErrorRate2: 0.25, wordCount2: 40, sentenceCount1: -1, tokenErrors2: { punctuation: { numberOfEdits: 1 } } },
    });
    assert.equal(evaluation.properties?.wordErrorRate1, undefined);
    assert.deepEqual(evaluationMetrics(evaluation, 2), { wordErrorRate: 0.25, wordCount: 40 });
    assert.deepEqual(evaluationMetrics(evaluation, 1), {});
  });

  it('accepts enum values it does not know (the service treats them as open strings)', () => {
    const dataset = datasetSchema.parse({ self: 'x/datasets/1', displayName: 'd', locale: 'en-US', kind: 'SomeFutureKind', status: 'Deleting' });
    assert.equal(dataset.kind, 'SomeFutureKind');
    assert.equal(dataset.status, 'Deleting');
  });

  it('reads v3.x base model features (supportsTranscriptions before the split)', () => {
    const model = baseModelSchema.parse({ self: 'x/models/base/1', displayName: 'b', locale: 'en-US', properties: { features: { supportsTranscriptions: true, supportsAdaptationsWith: ['Language', 'Acoustic'] } } });
    assert.equal(model.properties?.features?.supportsTranscriptions, true);
  });

  it('rejects answers that miss what every entity has', () => {
    assert.equal(datasetSchema.safeParse({ displayName: 'no self', locale: 'en-US', kind: 'Language', status: 'Succeeded' }).success, false);
    assert.equal(pageSchema(datasetSchema).safeParse({ value: [] }).success, false);
  });
});
