import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const cli = path.resolve(__dirname, '../../../../dist/cli.js');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('custom-speech lint (CLI)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cs-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on a clean file and prints a summary', () => {
    const file = path.join(dir, 'related.txt');
    writeFileSync(file, '\uFEFFbook a service for my road bike\n');
    const { code, stdout } = run('lint', file);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /1 file checked: 0 errors, 0 warnings/);
  });

  it('exits 1 on errors and prints file:line:col with the rule code', () => {
    const file = path.join(dir, 'trans.txt');
    writeFileSync(file, 'a.wav\thello\nb.wav hello there\n');
    const { code, stdout } = run('lint', file);
    assert.equal(code, 1, stdout);
    assert.match(stdout, new RegExp(`${file.replace(/[.\\]/g, '\\$&')}:2:\\d+: error transcript/missing-tab: `));
  });

  it('skips the audio checks with --no-audio', () => {
    const file = path.join(dir, 'trans.txt');
    writeFileSync(file, 'a.wav\thello there\n');
    assert.match(run('lint', file).stdout, /transcript\/audio-missing/);
    const { code, stdout } = run('lint', file, '--no-audio');
    assert.equal(code, 0, stdout);
    assert.doesNotMatch(stdout, /audio-missing/);
  });

  it('writes one JSON document with 1-based positions', () => {
    const file = path.join(dir, 'trans.txt');
    writeFileSync(file, 'b.wav hello there\n');
    const { code, stdout } = run('lint', file, '--format', 'json');
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.version, 1);
    assert.equal(report.files[0].kind, 'transcript');
    const missingTab = report.files[0].problems.find((p: { code: string }) => p.code === 'transcript/missing-tab');
    assert.equal(missingTab.line, 1);
    assert.ok(report.summary.errors >= 1);
  });

  it('walks folders, picking dataset files by name', () => {
    mkdirSync(path.join(dir, 'set', 'deep'), { recursive: true });
    writeFileSync(path.join(dir, 'set', 'deep', 'pron.txt'), 'IEEE\ti triple e\n');
    writeFileSync(path.join(dir, 'set', 'notes.txt'), 'not a dataset file');
    const { code, stdout } = run('lint', dir);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^1 file checked/m);
  });

  it('needs --kind for a name that says nothing, and honours it', () => {
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'IEEE\ti triple e\n');
    const unknown = run('lint', file);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /cannot tell what kind .* --kind/);
    assert.equal(run('lint', file, '--kind', 'pronunciation').code, 0);
  });

  it('applies --rule overrides', () => {
    const file = path.join(dir, 'trans.txt');
    writeFileSync(file, 'b.wav hello there\n');
    const { code } = run('lint', file, '--rule', 'transcript/missing-tab=off', '--rule', 'transcript/audio-missing=off');
    assert.equal(code, 0);
  });

  it('rejects bad usage with exit 2', () => {
    assert.equal(run('lint').code, 2);
    assert.equal(run('lint', dir, '--format', 'xml').code, 2);
    assert.equal(run('lint', path.join(dir, 'nope.txt'), '--kind', 'transcript').code, 2);
    assert.equal(run('frobnicate').code, 2);
  });

  it('reports a 1 GB binary file once, quickly, without reading it all', () => {
    const file = path.join(dir, 'related.txt');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 1024 ** 3); // sparse: a gigabyte of NUL bytes
    closeSync(fd);
    const started = Date.now();
    const { code, stdout } = run('lint', file);
    assert.equal(code, 1);
    assert.equal(stdout.match(/file\/binary/g)?.length, 1);
    assert.ok(Date.now() - started < 10_000, 'stops at the binary content');
  });

  it('survives a 10 MB line without a line break', () => {
    const file = path.join(dir, 'related.txt');
    writeFileSync(file, '\uFEFF' + 'word '.repeat(2_000_000));
    const { code, stdout } = run('lint', file, '--format', 'json');
    const report = JSON.parse(stdout);
    const codes = report.files[0].problems.map((p: { code: string }) => p.code);
    assert.ok(codes.includes('file/huge-line'), codes.join());
    assert.equal(code, 1);
  });
});
