import * as assert from 'node:assert/strict';
import { buildReport } from '../../../src/core/report/build-report';
import { reportCsv } from '../../../src/core/report/export/report-csv';
import { embeddedJson, REPORT_DATA_ID, reportHtml } from '../../../src/core/report/export/report-html';
import { reportJson } from '../../../src/core/report/export/report-json';
import { reportPra, reportTrn } from '../../../src/core/report/export/report-sclite';
import { createNormalizer } from '../../../src/core/scoring/normalize';
import { formatPra, formatTrn } from '../../../src/core/scoring/format/sclite';
import { scoreCorpora, toScoreJson } from '../../../src/core/scoring/report';
import { corpus, meta, scoreRun } from './score-fixture';

const ref = { spk1_a: 'the cat sat on the mat', spk1_b: 'hello world', spk2_c: 'one two three four' };
const hypA = { spk1_a: 'the bat sat on mat', spk1_b: 'hello word', spk2_c: 'one two three four five' };
const hypB = { spk1_a: 'the cat sat on the mat', spk2_c: 'one two three four' };

describe('report exports', () => {
  const run = scoreRun(ref, hypA, hypB);
  const model = buildReport({ score: toScoreJson(run), meta: meta(2) });

  it('json: the model itself', () => {
    assert.deepEqual(JSON.parse(reportJson(model)), model);
  });

  it('trn and pra: the same text as the scorer’s sclite formatter', () => {
    assert.equal(reportTrn(model), formatTrn(run, run.systems[0]!));
    assert.equal(reportTrn(model, 1), formatTrn(run, run.systems[1]!));
    assert.equal(reportTrn(model, 'reference'), formatTrn(run, 'reference'));
    assert.equal(reportTrn(model, 2), '');
    assert.equal(reportPra(model), run.systems.map((system) => formatPra(run, system)).join('\n'));
    assert.match(reportPra(model), /Scores: \(#C #S #D #I\) 0 0 2 0  \(no hypothesis\)/);
  });

  it('csv: one row per utterance and system, RFC 4180 quoting, formulas defused', () => {
    const csv = reportCsv(model).split('\r\n');
    assert.equal(csv[0], 'id,speaker,audio,system,reference,hypothesis,reference_words,errors,substitutions,deletions,insertions,wer,missing');
    assert.equal(csv.length, 1 + 3 * 2 + 1);
    assert.equal(csv[1], 'spk1_a,spk1,,Base model,the cat sat on the mat,the bat sat on mat,6,2,1,1,0,0.3333,false');
    assert.equal(csv[4], 'spk1_b,spk1,,Custom model,hello world,,2,2,0,2,0,1.0000,true');

    const raw = scoreCorpora(corpus('r.trn', { u1: '=cmd|calc "x", y', u2: '+1' }), [corpus('h.trn', { u1: '@sum(a1)', u2: '-2' })], { normalizer: createNormalizer({ enabled: false, locale: 'en-US' }) });
    const rows = reportCsv(buildReport({ score: toScoreJson(raw), meta: meta(1) })).split('\r\n');
    assert.equal(rows[1], `u1,(unmatched),,Base model,"'=cmd|calc ""x"", y",'@sum(a1),3,3,1,2,0,1.0000,false`);
    assert.equal(rows[2], `u2,(unmatched),,Base model,'+1,'-2,1,1,1,0,0,1.0000,false`);
  });

  describe('html', () => {
    const evil = { u1: 'say <img src=x onerror=alert(1)> now', u2: 'end </script><script>alert(1)</script> & more \u2028' };
    const asWritten = createNormalizer({ enabled: false, locale: 'en-US' });
    const evilRun = scoreCorpora(corpus('r.trn', evil), [corpus('h.trn', evil)], { normalizer: asWritten });
    const evilModel = buildReport({ score: toScoreJson(evilRun), meta: { ...meta(1, 'Report <b>"x"</b>'), systems: [{ name: '<img src=y onerror=alert(2)>', kind: 'hypotheses' }] } });
    const script = 'console.log("front end")';
    const html = reportHtml(evilModel, { script, css: 'body { color: red }' });

    it('keeps transcripts and names inert: no markup from data reaches the document', () => {
      assert.doesNotMatch(html, /<img/i);
      // The only </script> closings are those of the two real script elements.
      assert.equal(html.match(/<\/script/gi)!.length, 2);
      assert.equal(html.match(/<script/gi)!.length, 2);
      assert.doesNotMatch(html, /\u2028/);
      assert.match(html, /<title>Report &lt;b&gt;&quot;x&quot;&lt;\/b&gt;<\/title>/);
      assert.match(html, /<noscript>[\s\S]*&lt;img src=y onerror=alert\(2\)&gt;[\s\S]*<\/noscript>/);
    });

    it('embeds the model as JSON the front end reads back exactly', () => {
      const match = new RegExp(`<script type="application/json" id="${REPORT_DATA_ID}">([^<]*)</script>`).exec(html);
      assert.ok(match, 'the data element');
      assert.deepEqual(JSON.parse(match[1]!), JSON.parse(JSON.stringify(evilModel)));
      assert.equal(embeddedJson({ a: '</script>&\u2029' }), '{"a":"\\u003c/script\\u003e\\u0026\\u2029"}');
    });

    it('has a strict CSP whose nonce both inline elements carry, new for each document', () => {
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1]!;
      assert.equal(csp, `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:; media-src data: blob:`);
      assert.ok(nonce.length >= 16);
      assert.match(html, new RegExp(`<style nonce="${escape(nonce)}">\\nbody \\{ color: red \\}\\n</style>`));
      assert.match(html, new RegExp(`<script nonce="${escape(nonce)}">\\nconsole\\.log\\("front end"\\)\\n</script>`));
      assert.notEqual(/'nonce-([^']+)'/.exec(reportHtml(evilModel, { script, css: '' }))![1], nonce);
    });

    it('shows WER per model and the comparison without scripts', () => {
      const page = reportHtml(model, { script: '', css: '' });
      const noscript = /<noscript>([\s\S]*)<\/noscript>/.exec(page)![1]!;
      assert.match(noscript, /<h1>Test report<\/h1>/);
      assert.match(noscript, /<td>Base model<\/td><td>33\.33 %<\/td>/);
      assert.match(noscript, /<td>Custom model<\/td><td>16\.67 %<\/td>/);
      assert.match(noscript, /WER 33\.3 % → 16\.7 %/);
    });

    it('cannot be closed early by the bundle itself', () => {
      const page = reportHtml(model, { script: 'const s = "</script><!--";', css: 'a::after { content: "</style>" }' });
      assert.equal(page.match(/<\/script/gi)!.length, 2);
      assert.equal(page.match(/<\/style/gi)!.length, 1);
      assert.match(page, /const s = "<\\\/script><\\!--";/);
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
