import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadManifest, ManifestError, parseManifest } from '../../../src/core/manifest/load-manifest';
import { manifestJsonSchema } from '../../../src/core/manifest/manifest-schema';

const root = path.resolve(__dirname, '../../../..');

const good = {
  locale: 'en-US',
  datasets: {
    related: { kind: 'Language', path: 'related.txt' },
    calls: { kind: 'Acoustic', path: 'audio' },
  },
  models: { v1: { datasets: ['related'], customModelWeightPercent: 30 } },
  tests: { 'v1-vs-base': { dataset: 'calls', models: ['v1'] } },
};

describe('workspace manifest', () => {
  it('reads a manifest and fills the defaults', () => {
    const { manifest, problems } = parseManifest(JSON.stringify(good, null, 2));
    assert.deepEqual(problems, []);
    assert.equal(manifest?.models.v1?.baseModel, 'latest');
    assert.deepEqual(parseManifest('{}').manifest, { locale: 'en-US', datasets: {}, models: {}, tests: {} });
  });

  it('names the line of a JSON syntax error', () => {
    const { manifest, problems } = parseManifest('{\n  "locale": "en-US",\n  "datasets": {,}\n}');
    assert.equal(manifest, undefined);
    assert.equal(problems[0]?.line, 3);
    assert.match(problems[0]!.message, /not valid JSON/);
  });

  it('names the path and line of each schema problem', () => {
    const text = JSON.stringify({ ...good, datasets: { ...good.datasets, odd: { kind: 'Video', path: 'x' } }, extra: 1 }, null, 2);
    const { problems } = parseManifest(text);
    const kind = problems.find((p) => p.path === 'datasets.odd.kind');
    assert.ok(kind, JSON.stringify(problems));
    assert.equal(kind.line, text.split('\n').findIndex((line) => line.includes('"Video"')) + 1);
    assert.ok(problems.some((p) => /extra/.test(p.message)), JSON.stringify(problems));
  });

  it('checks the references between datasets, models and tests', () => {
    const manifest = {
      ...good,
      models: { v1: { datasets: ['relatd', 'calls'] }, v2: { datasets: ['related'] } },
      tests: { t: { dataset: 'related', models: ['v3'] }, u: { dataset: 'calls', models: ['v2', 'v2'] } },
    };
    const { problems } = parseManifest(JSON.stringify(manifest, null, 2));
    const messages = problems.map((p) => `${p.severity} ${p.path}: ${p.message}`);
    assert.ok(messages.some((m) => /error models\.v1\.datasets\[0\]: there is no dataset 'relatd' \(did you mean 'related'\?\)/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /tests\.t\.dataset: 'related' is Language/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /there is no model 'v3'/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /the two models are the same/.test(m)), messages.join('\n'));
  });

  it('warns when a model is tested on data it was trained with', () => {
    const manifest = { ...good, models: { v1: { datasets: ['related', 'calls'] } } };
    const { manifest: read, problems } = parseManifest(JSON.stringify(manifest));
    assert.ok(read);
    assert.deepEqual(problems.map((p) => [p.severity, p.path]), [['warning', 'tests.v1-vs-base.dataset']]);
    assert.match(problems[0]!.message, /look better than they are/);
  });

  it('loads from a folder, and throws every problem with the file name', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'cs-manifest-'));
    try {
      await assert.rejects(loadManifest(folder), (error: unknown) => error instanceof ManifestError && /no customspeech\.json here/.test(error.message));
      await writeFile(path.join(folder, 'customspeech.json'), JSON.stringify({ datasets: { a: { kind: 'Language' } } }, null, 2));
      await assert.rejects(loadManifest(folder), (error: unknown) => error instanceof ManifestError && /customspeech\.json:3: datasets\.a\.path: is required \(string\)/.test(error.message));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('the sample workspace manifest is valid', async () => {
    const loaded = await loadManifest(path.join(root, 'samples', 'bike-shop'));
    assert.deepEqual(loaded.warnings, []);
    assert.ok(Object.keys(loaded.manifest.datasets).length >= 3);
  });

  it('the contributed JSON schema is the one generated from the manifest schema (npm run schema)', () => {
    const committed = JSON.parse(readFileSync(path.join(root, 'media', 'customspeech.schema.json'), 'utf8'));
    assert.deepEqual(committed, manifestJsonSchema());
    const contributed = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).contributes.jsonValidation;
    assert.deepEqual(contributed, [{ fileMatch: 'customspeech.json', url: './media/customspeech.schema.json' }]);
  });
});
