import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../../../..');
const cli = path.join(repo, 'dist/cli.js');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('custom-speech report (CLI)', () => {
  let dir: string;
  let score: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cs-report-cli-'));
    const file = (name: string, text: string) => {
      writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const ref = file('ref.trn', 'the cat sat on the mat (spk1_a)\nhello world (spk1_b)\n=1+1 is two (spk2_c)\n');
    const a = file('a.trn', 'the bat sat on mat (spk1_a)\nhello word (spk1_b)\none plus one is two (spk2_c)\n');
    const b = file('b.trn', 'the cat sat on the mat (spk1_a)\nhello world (spk1_b)\none plus one is two (spk2_c)\n');
    const scored = run('score', '--ref', ref, '--hyp', a, '--hyp2', b, '--format', 'json');
    assert.equal(scored.code, 0, scored.stderr);
    score = file('score.json', scored.stdout);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is listed in the usage and has its help', () => {
    assert.match(run('--help').stdout, /report --score S/);
    const help = run('report', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--format <format>\s+html \(default\), json/);
  });

  it('writes the report model of a score as JSON', () => {
    const out = path.join(dir, 'report.json');
    const { code, stderr } = run('report', '--score', score, '--format', 'json', '--out', out, '--title', 'Cats <3');
    assert.equal(code, 0, stderr);
    const model = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(model.schema, 'custom-speech-report/1');
    assert.equal(model.meta.title, 'Cats <3');
    assert.deepEqual(model.systems.map((s: { name: string; errors: number }) => [s.name, s.errors]), [['a.trn', 3], ['b.trn', 0]]);
    assert.equal(model.utterances.length, 3);
    assert.match(model.comparison.summary, /WER 23\.1 % → 0\.0 %/);
  });

  it('writes CSV, trn and pra to stdout with --out -', () => {
    const csv = run('report', '--score', score, '--format', 'csv', '--out', '-');
    assert.equal(csv.code, 0, csv.stderr);
    assert.equal(csv.stdout.split('\r\n').length, 1 + 3 * 2 + 1);
    assert.match(csv.stdout, /^spk1_a,spk1,,a\.trn,the cat sat on the mat,the bat sat on mat,6,2,1,1,0,0\.3333,false\r$/m);
    assert.equal(run('report', '--score', score, '--format', 'trn', '--system', 'B', '--out', '-').stdout.split('\n')[0], 'the cat sat on the mat (spk1_a)');
    assert.match(run('report', '--score', score, '--format', 'pra', '--out', '-').stdout, /^HYP:  the BAT sat on \*\*\* mat$/m);
  });

  it('writes a self-contained HTML file with the built front end inlined', () => {
    const out = path.join(dir, 'r.html');
    const result = run('report', '--score', score, '--out', out);
    assert.equal(result.code, 0, result.stderr);
    const html = readFileSync(out, 'utf8');
    const script = readFileSync(path.join(repo, 'dist/webview/report.js'), 'utf8');
    const css = readFileSync(path.join(repo, 'dist/webview/report.css'), 'utf8');
    assert.ok(html.includes(script.trim().slice(0, 200)), 'the report app is inlined');
    assert.ok(html.includes(css.trim().slice(0, 200)), 'its style sheet is inlined');
    assert.match(html, /<script type="application\/json" id="report-data">/);
    assert.match(html, /<td>a\.trn<\/td><td>23\.08 %<\/td>/, 'the no-script summary');
  });

  it('names the missing front end when the package has none', () => {
    const pkg = path.join(dir, 'pkg');
    mkdirSync(path.join(pkg, 'dist'), { recursive: true });
    for (const bundle of ['cli.js', 'cli-commands.js', 'cli-lint.js']) copyFileSync(path.join(path.dirname(cli), bundle), path.join(pkg, 'dist', bundle));
    const result = spawnSync(process.execPath, [path.join(pkg, 'dist/cli.js'), 'report', '--score', score, '--out', path.join(dir, 'none.html')], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /front end is missing: .*pkg[/\\]dist[/\\]webview[/\\]report\.js/);
  });

  it('exits 2 on usage errors and bad input', () => {
    assert.equal(run('report').code, 2);
    assert.equal(run('report', '--score', score, '--evaluation', 'x').code, 2);
    assert.match(run('report', '--score', score, '--format', 'pdf').stderr, /--format must be one of html, json, csv, trn, pra/);
    assert.match(run('report', '--score', score, '--url', 'http://127.0.0.1:1').stderr, /connection options go with --evaluation/);
    const notScore = path.join(dir, 'not-score.json');
    writeFileSync(notScore, '{"schema":"other"}');
    const bad = run('report', '--score', notScore, '--format', 'json', '--out', '-');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not-score\.json is not a custom-speech-score\/1 score/);
    assert.match(run('report', '--score', path.join(dir, 'nope.json')).stderr, /cannot read .*nope\.json/);
  });
});
