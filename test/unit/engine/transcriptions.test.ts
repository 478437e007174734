import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SpeechClient } from '../../../src/core/api/client';
import { apiRootOf } from '../../../src/core/api/service-target';
import { buildReport } from '../../../src/core/report/build-report';
import { evaluationReportInput, EvaluationResultsError } from '../../../src/core/report/evaluation-input';
import { parseAzureTranscription } from '../../../src/core/scoring/readers';
import { idOf, KEY, TestEngine } from './engine-client';
import { speak } from './recognizer-speech';
import { zipBytes } from './zip-builder';

/** An evaluation's transcriptions (transcription1/2), as Azure exposes them: entity, files, content. */
describe('local engine: the transcriptions of an evaluation', function () {
  this.timeout(120_000);
  let engine: TestEngine;
  let speech: string;
  let project: { self: string };
  let evaluation: any;
  let base: { self: string };

  before(async () => {
    engine = await TestEngine.start();
    speech = await mkdtemp(path.join(tmpdir(), 'cs-transcriptions-speech-'));
    project = (await engine.call('POST', '/projects', { displayName: 'calls', locale: 'en-US' })).body;
    const zip = await zipBytes({
      'trans.txt': 'one.wav\tplease fit a new chain\ntwo.wav\tthe brakes are loud\n',
      'one.wav': readFileSync(speak('please fit a new chain', speech, 'one')),
      'two.wav': readFileSync(speak('the brakes are loud', speech, 'two')),
    });
    const { dataset } = await engine.importDataset('Acoustic', 'calls.zip', zip);
    assert.equal(dataset.status, 'Succeeded', JSON.stringify(dataset.properties));
    base = (await engine.call('GET', '/models/base')).body.values[0];
    const created = await engine.call('POST', '/evaluations', { displayName: 'base', locale: 'en-US', model1: { self: base.self }, dataset: { self: dataset.self }, project: { self: project.self } });
    evaluation = await engine.settle(`/evaluations/${idOf(created.body.self)}`);
    assert.equal(evaluation.status, 'Succeeded', JSON.stringify(evaluation.properties));
  });
  after(async () => {
    await engine.stop();
    await rm(speech, { recursive: true, force: true });
  });

  it('references one Succeeded transcription per model (the same one for one model tested alone)', async () => {
    assert.ok(evaluation.transcription1?.self, JSON.stringify(evaluation));
    assert.equal(evaluation.transcription2.self, evaluation.transcription1.self);
    const id = idOf(evaluation.transcription1.self);
    const { status, body, headers } = await engine.call('GET', `/transcriptions/${id}`);
    assert.equal(status, 200);
    assert.equal(headers.get('retry-after'), null);
    assert.equal(body.self, evaluation.transcription1.self);
    assert.equal(body.status, 'Succeeded');
    assert.equal(body.locale, 'en-US');
    assert.equal(body.model.self, base.self);
    assert.equal(body.dataset.self, evaluation.dataset.self);
    assert.match(body.displayName, /^base \(model/);
    assert.match(body.links.files, new RegExp(`/transcriptions/${id}/files\\?api-version=`));
    assert.match(body.createdDateTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(body.lastActionDateTime >= body.createdDateTime);
    assert.ok(body.properties.durationMilliseconds > 1000, JSON.stringify(body.properties));
  });

  it('lists one Transcription file per audio file and a TranscriptionReport, paged, with signed links to Azure-shaped results', async () => {
    const id = idOf(evaluation.transcription1.self);
    const first = await engine.call('GET', `/transcriptions/${id}/files?top=2`);
    assert.equal(first.body.values.length, 2);
    assert.match(first.body['@nextLink'], /skip=2&top=2/);
    const rest = await engine.call('GET', first.body['@nextLink']);
    const files = [...first.body.values, ...rest.body.values];
    assert.deepEqual(files.map((f: any) => [f.name, f.kind]), [['contenturl_0.json', 'Transcription'], ['contenturl_1.json', 'Transcription'], ['report.json', 'TranscriptionReport']]);
    const only = await engine.call('GET', `/transcriptions/${id}/files?filter=${encodeURIComponent("kind eq 'TranscriptionReport'")}`);
    assert.deepEqual(only.body.values.map((f: any) => f.name), ['report.json']);

    // Content links work without the key, like SAS links.
    const result = await (await fetch(files[0].links.contentUrl)).json();
    assert.equal(result.source, 'one.wav');
    assert.ok(result.durationMilliseconds > 1000 && Math.round(result.durationInTicks / 10_000) === result.durationMilliseconds);
    assert.match(result.duration, /^PT[\d.]+S$/);
    const [combined] = result.combinedRecognizedPhrases;
    assert.equal(combined.channel, 0);
    assert.match(combined.lexical, /^[a-z'][a-z' ]*$/); // the base model's words, whatever it heard
    assert.deepEqual([combined.itn, combined.maskedITN, combined.display], [combined.lexical, combined.lexical, combined.lexical]);
    const [phrase] = result.recognizedPhrases;
    assert.equal(phrase.recognitionStatus, 'Success');
    assert.equal(phrase.nBest[0].lexical, combined.lexical);
    assert.ok(phrase.nBest[0].words.length >= 3);
    assert.ok(phrase.offsetMilliseconds >= 0 && phrase.durationMilliseconds > 0);
    // What the scorer reads from it.
    assert.deepEqual(parseAzureTranscription(JSON.stringify(result), 'contenturl_0.json').utterances.map((u) => [u.id, u.text]), [['one', combined.lexical]]);

    const report = await (await fetch(files[2].links.contentUrl)).json();
    assert.deepEqual(report, { successfulTranscriptionsCount: 2, failedTranscriptionsCount: 0, details: [{ source: 'one.wav', status: 'Succeeded' }, { source: 'two.wav', status: 'Succeeded' }] });
    assert.equal((await engine.call('GET', `/transcriptions/${id}/files/${idOf(files[1].self)}`)).body.name, 'contenturl_1.json');
  });

  it('lists transcriptions, by project too, and answers unknown ones in the service error shape', async () => {
    const id = idOf(evaluation.transcription1.self);
    const all = await engine.call('GET', `/transcriptions?filter=${encodeURIComponent("status eq 'Succeeded'")}`);
    assert.deepEqual(all.body.values.map((t: any) => t.self), [evaluation.transcription1.self]);
    const byProject = await engine.call('GET', `/projects/${idOf(project.self)}/transcriptions`);
    assert.deepEqual(byProject.body.values.map((t: any) => t.self), [evaluation.transcription1.self]);
    assert.equal((await engine.call('GET', `/projects/${idOf(project.self)}`)).body.properties.transcriptionCount, 1);
    const missing = await engine.call('GET', '/transcriptions/00000000-0000-0000-0000-000000000000');
    assert.equal(missing.status, 404);
    assert.deepEqual(Object.keys(missing.body).sort(), ['code', 'message']);
    assert.equal(missing.body.code, 'NotFound');
    assert.equal((await engine.call('GET', `/transcriptions/${id}/files/00000000-0000-0000-0000-000000000000`)).status, 404);
    assert.equal((await engine.call('GET', '/transcriptions/locales')).status, 200, 'the literal route still wins');
  });

  it("scores the report from the transcriptions against the dataset's transcript, and names a malformed result file", async () => {
    const client = new SpeechClient({ apiRoot: apiRootOf({ kind: 'local', url: engine.url }), key: KEY });
    try {
      const id = idOf(evaluation.self);
      const report = buildReport(await evaluationReportInput(client, id, 'Local engine', { results: 'transcriptions' }));
      assert.equal(report.systems.length, 1, 'one model tested alone');
      assert.deepEqual(report.utterances.map((u) => [u.id, u.audio, u.ref]), [['one.wav', 'one.wav', 'please fit a new chain'], ['two.wav', 'two.wav', 'the brakes are loud']]);
      assert.ok(Math.abs(report.systems[0]!.wer - evaluation.properties.wordErrorRate1) < 1e-9);

      // A result file broken on the service's side: the error names the file, its transcription and the line.
      const transcription = idOf(evaluation.transcription1.self);
      await writeFile(path.join(engine.dataDir, 'transcription-files', transcription, 'contenturl_1.json'), '{\n  "source": "two.wav"\n  "combinedRecognizedPhrases": []\n}');
      await assert.rejects(evaluationReportInput(client, id, 'Local engine', { results: 'transcriptions' }), (error: Error) => {
        assert.ok(error instanceof EvaluationResultsError, String(error));
        assert.match(error.message, new RegExp(`^contenturl_1\\.json of transcription ${transcription}:3: invalid JSON`));
        return true;
      });
      await writeFile(path.join(engine.dataDir, 'transcription-files', transcription, 'contenturl_1.json'), JSON.stringify({ source: 'three.wav', combinedRecognizedPhrases: [] }));
      await assert.rejects(evaluationReportInput(client, id, 'Local engine', { results: 'transcriptions' }), /the hypothesis for "three" has no reference in trans\.txt in the test dataset calls\.zip/);
    } finally {
      await client.close();
    }
  });

  it('survives a restart, and goes with its evaluation', async () => {
    const id = idOf(evaluation.transcription1.self);
    await engine.restart();
    const again = await engine.call('GET', `/transcriptions/${id}/files`);
    assert.equal(again.body.values.length, 3);
    assert.equal(again.body.values[0].name, 'contenturl_0.json');
    const result = await (await fetch(again.body.values[0].links.contentUrl)).json();
    assert.equal(result.source, 'one.wav');

    assert.equal((await engine.call('DELETE', `/evaluations/${idOf(evaluation.self)}`)).status, 204);
    assert.equal((await engine.call('GET', `/transcriptions/${id}`)).status, 404);
    assert.equal((await engine.call('GET', '/transcriptions')).body.values.length, 0);
    await assert.rejects(access(path.join(engine.dataDir, 'transcription-files', id)));
    assert.equal((await engine.call('GET', `/projects/${idOf(project.self)}`)).body.properties.transcriptionCount, 0);
  });
});
