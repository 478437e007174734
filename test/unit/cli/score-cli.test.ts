import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../../../..');
const cli = path.join(repo, 'dist/cli.js');
const sample = (name: string) => path.join(repo, 'samples/bike-shop/evaluation', name);
const fixture = (name: string) => path.join(repo, 'test/fixtures/scoring', name);

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'score', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('custom-speech score (CLI)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cs-score-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints WER, SER, CER, the normalization and a comparison of two systems', () => {
    const { code, stdout, stderr } = run('--ref', sample('reference.trn'), '--hyp', sample('base-model.trn'), '--hyp2', sample('custom-model.trn'));
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^Normalization: custom-speech-normalization\/1 en-US/m);
    assert.match(stdout, /System A: .*base-model\.trn[\s\S]*WER \d+\.\d\d%[\s\S]*SER [\s\S]*CER /);
    assert.match(stdout, /System B: .*custom-model\.trn/);
    assert.match(stdout, /Comparison: WER A [\d.]+% -> B [\d.]+%/);
    assert.match(stdout, /derailleur -> or|tubeless -> less/);
  });

  it('writes a versioned JSON document', () => {
    const { code, stdout } = run('--ref', sample('reference.trn'), '--hyp', sample('base-model.trn'), '--format', 'json');
    assert.equal(code, 0);
    const json = JSON.parse(stdout);
    assert.equal(json.schema, 'custom-speech-score/1');
    assert.equal(json.systems.length, 1);
    assert.equal(json.systems[0].utterances.length, 13);
    assert.equal(json.systems[0].totals.wer, json.systems[0].totals.errors / json.systems[0].totals.words);
  });

  it('writes every output with --out, with trn files sclite can read', () => {
    const out = path.join(dir, 'report');
    const { code } = run('--ref', sample('reference.trn'), '--hyp', sample('base-model.trn'), '--hyp2', sample('custom-model.trn'), '--out', out);
    assert.equal(code, 0);
    assert.deepEqual(readdirSync(out).sort(), ['alignments-a.pra', 'alignments-b.pra', 'hyp-a.trn', 'hyp-b.trn', 'ref.trn', 'score.json', 'summary.txt', 'utterances.csv']);
    assert.match(readFileSync(path.join(out, 'ref.trn'), 'utf8'), /^hi i would like to book a service for my road bike \(call-01\)$/m);
    assert.match(readFileSync(path.join(out, 'utterances.csv'), 'utf8'), /^id,speaker,reference_words,reference,a_hypothesis,/);
  });

  it('matches a transcript reference with Azure transcription JSON hypotheses by audio name', () => {
    const { code, stdout, stderr } = run('--ref', fixture('ref.trans.txt'), '--hyp', fixture('azure-batch'), '--format', 'json');
    assert.equal(code, 0, stderr);
    const json = JSON.parse(stdout);
    assert.equal(json.systems[0].format, 'azure-json');
    assert.match(stderr, /azure-batch: skipped what is not a transcription result: \S*report\.json/);
    assert.ok(json.systems[0].utterances.some((u: { id: string; hyp: string }) => u.hyp.length > 0));
  });

  it('applies equivalent spellings, and scores as written with --no-normalize', () => {
    const plain = JSON.parse(run('--ref', sample('reference.trn'), '--hyp', sample('base-model.trn'), '--format', 'json').stdout);
    const mapped = JSON.parse(run('--ref', sample('reference.trn'), '--hyp', sample('base-model.trn'), '--format', 'json', '--equivalents', sample('equivalents.txt')).stdout);
    assert.ok(mapped.systems[0].totals.errors < plain.systems[0].totals.errors);
    assert.match(mapped.normalization.description, /2 equivalents/);
    const csv = run('--ref', sample('reference.trn'), '--hyp', sample('base-model.trn'), '--format', 'csv', '--no-normalize');
    assert.match(csv.stderr, /normalization: none/);
    const raw = JSON.parse(run('--ref', sample('reference.trn'), '--hyp', sample('base-model.trn'), '--format', 'json', '--no-normalize').stdout);
    assert.equal(raw.normalization.enabled, false);
    assert.ok(raw.systems[0].totals.errors > plain.systems[0].totals.errors); // "Saturday" vs "saturday", "tires?" …
  });

  it('counts a reference without hypothesis as deleted, and says so', () => {
    const hyp = path.join(dir, 'hyp.trn');
    writeFileSync(hyp, readFileSync(sample('base-model.trn'), 'utf8').split('\n').slice(1).join('\n'));
    const { code, stdout, stderr } = run('--ref', sample('reference.trn'), '--hyp', hyp);
    assert.equal(code, 0);
    assert.match(stderr, /1 reference utterances have no hypothesis/);
    assert.match(stdout, /no hypothesis, counted as all deleted: call-01/);
  });

  it('refuses a hypothesis without reference and a duplicate id, naming file and line (exit 2)', () => {
    const hyp = path.join(dir, 'hyp.trn');
    writeFileSync(hyp, 'hello (call-01)\nwho is this (call-99)\n');
    let result = run('--ref', sample('reference.trn'), '--hyp', hyp);
    assert.equal(result.code, 2);
    assert.match(result.stderr, new RegExp(`${hyp.replace(/[.\\]/g, '\\$&')}:2: .*call-99.*no reference`));
    writeFileSync(hyp, 'hello (call-01)\nhello again (call-01)\n');
    result = run('--ref', sample('reference.trn'), '--hyp', hyp);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /hyp\.trn:2: .*duplicate/i);
    writeFileSync(hyp, Buffer.concat([Buffer.from('ok (call-01)\nbad '), Buffer.from([0xff]), Buffer.from(' (call-02)\n')]));
    result = run('--ref', sample('reference.trn'), '--hyp', hyp);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /hyp\.trn:2: .*UTF-8/);
  });

  it('reports usage errors with exit code 2', () => {
    assert.equal(run('--hyp', sample('base-model.trn')).code, 2);
    assert.equal(run('--ref', sample('reference.trn'), '--hyp', sample('base-model.trn'), '--format', 'xml').code, 2);
    const missing = run('--ref', path.join(dir, 'nope.trn'), '--hyp', sample('base-model.trn'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.trn: .*no such file/);
    assert.equal(run('--help').code, 0);
  });
});
