import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  AzureResults,
  canonicalId,
  detectFormat,
  parseAzureTranscription,
  parseTranscript,
  parseTrn,
  readCorpus,
} from '../../../src/core/scoring/readers';
import { ScoringInputError, type Corpus } from '../../../src/core/scoring/types';

/** Compiled tests run from out/test/unit/scoring, a bundled run from wherever it was written: look upwards, then in the cwd. */
function findFixtures(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'test', 'fixtures', 'scoring');
    if (existsSync(candidate)) return candidate;
  }
  return path.resolve('test', 'fixtures', 'scoring');
}

const fixtures = findFixtures();
const batchFolder = path.join(fixtures, 'azure-batch');

/** Checks that `run` fails with a ScoringInputError at `file` and `line` whose detail matches `detail`. */
function isInputError(file: string, line: number | undefined, detail: RegExp) {
  return (error: unknown): true => {
    assert.ok(error instanceof ScoringInputError, `expected a ScoringInputError, got ${String(error)}`);
    assert.equal(error.file, file);
    assert.equal(error.line, line);
    assert.match(error.detail, detail);
    assert.ok(error.message.startsWith(line === undefined ? `${file}: ` : `${file}:${line}: `), error.message);
    return true;
  };
}

const idsAndTexts = (corpus: Corpus) => corpus.utterances.map(({ id, text }) => [id, text]);

/** An Azure batch result for `source` with the given combined phrases (channel, lexical). */
function azureResult(source: string, combined: Array<[number, string]>): Record<string, unknown> {
  return {
    source,
    durationInTicks: 10_000_000,
    combinedRecognizedPhrases: combined.map(([channel, lexical]) => ({ channel, lexical, itn: lexical, maskedITN: lexical, display: lexical })),
    recognizedPhrases: [],
  };
}

describe('scoring readers', () => {
  describe('canonicalId', () => {
    const cases: Array<[string, string]> = [
      ['call-1.wav', 'call-1'],
      ['spk1_utt01', 'spk1_utt01'],
      ['calls/a%20b.WAV?sv=x', 'a b'],
      ['https://acct.blob.core.windows.net/calls/caf%C3%A9.wav?sv=2023&sig=abc', 'café'],
      ['https://host/audio/x.Opus#t=1', 'x'],
      ['C:\\data\\audio\\x.flac', 'x'],
      ['dataset/sub/y.m4a', 'y'],
      ['a.ogg', 'a'],
      ['b.webm', 'b'],
      ['c.MP3', 'c'],
      ['a.b.wav', 'a.b'],
      ['notes.txt', 'notes.txt'],
      ['v1.2', 'v1.2'],
      ['50%25.wav', '50%25'],
      ['https://host/bad%zz.wav', 'bad%zz'],
      ['  spaced.wav  ', 'spaced'],
      ['.wav', '.wav'],
      ['日本語の音声.wav', '日本語の音声'],
      ['folder/', ''],
    ];
    for (const [name, id] of cases) {
      it(`${JSON.stringify(name)} → ${JSON.stringify(id)}`, () => assert.equal(canonicalId(name), id));
    }
  });

  describe('parseTranscript', () => {
    it('reads audio file and text per line, skipping blank lines and keeping line numbers', () => {
      const corpus = parseTranscript('a.wav\thello world\n\nsub/b.wav\tSecond, Line!\n  \t \nc.wav\tthird\n', 'ref.txt');
      assert.equal(corpus.format, 'transcript');
      assert.equal(corpus.path, 'ref.txt');
      assert.deepEqual(corpus.utterances, [
        { id: 'a', text: 'hello world', line: 1 },
        { id: 'b', text: 'Second, Line!', line: 3 },
        { id: 'c', text: 'third', line: 5 },
      ]);
    });

    it('handles CRLF, a BOM, empty texts, extra tabs and unicode ids', () => {
      const corpus = parseTranscript('\uFEFFcafé.wav\tbonjour\r\nempty.wav\t\r\ntabs.wav\tone\ttwo\r\n', 'ref.txt');
      assert.deepEqual(idsAndTexts(corpus), [
        ['café', 'bonjour'],
        ['empty', ''],
        ['tabs', 'one\ttwo'],
      ]);
    });

    it('rejects a line without a tab', () => {
      assert.throws(() => parseTranscript('a.wav\thi\nb.wav hello\n', 'ref.txt'), isInputError('ref.txt', 2, /no tab/));
    });

    it('rejects an empty audio file name', () => {
      assert.throws(() => parseTranscript('a.wav\thi\n\n\thello\n', 'ref.txt'), isInputError('ref.txt', 3, /empty audio file name/));
      assert.throws(() => parseTranscript('folder/\thello', 'ref.txt'), isInputError('ref.txt', 1, /no file name in "folder\/"/));
    });

    it('rejects a duplicate id, naming both lines', () => {
      const text = 'x.wav\ta\ny.wav\tb\ncall-1.wav\tc\nz.wav\td\nother/call-1.WAV\te\n';
      assert.throws(() => parseTranscript(text, 'ref.txt'), isInputError('ref.txt', 5, /^duplicate id call-1 \(first at line 3\)$/));
    });

    it('rejects an input without utterances', () => {
      assert.throws(() => parseTranscript('', 'ref.txt'), isInputError('ref.txt', undefined, /no utterances/));
      assert.throws(() => parseTranscript('\uFEFF\r\n \r\n', 'ref.txt'), isInputError('ref.txt', undefined, /no utterances/));
    });
  });

  describe('parseTrn', () => {
    it('reads text and the id in the final parentheses', () => {
      const corpus = parseTrn('hello world (spk1_utt01)\n\nyes (laughs) indeed (spk1_utt02)  \n(spk2_utt01)\n', 'hyp.trn');
      assert.equal(corpus.format, 'trn');
      assert.deepEqual(corpus.utterances, [
        { id: 'spk1_utt01', text: 'hello world', line: 1 },
        { id: 'spk1_utt02', text: 'yes (laughs) indeed', line: 3 },
        { id: 'spk2_utt01', text: '', line: 4 },
      ]);
    });

    it('handles CRLF, a BOM, unicode, audio extensions and spaces inside the parentheses', () => {
      const corpus = parseTrn('\uFEFFgrüß gott (ünï-1)\r\nzwei ( call-2.wav )\r\n', 'hyp.trn');
      assert.deepEqual(idsAndTexts(corpus), [
        ['ünï-1', 'grüß gott'],
        ['call-2', 'zwei'],
      ]);
    });

    it('rejects a line without a final (id)', () => {
      assert.throws(() => parseTrn('a (u1)\nno id here\n', 'hyp.trn'), isInputError('hyp.trn', 2, /no \(utterance id\) at the end/));
      assert.throws(() => parseTrn('a (u1) trailing words\n', 'hyp.trn'), isInputError('hyp.trn', 1, /no \(utterance id\)/));
      assert.throws(() => parseTrn('closing only)\n', 'hyp.trn'), isInputError('hyp.trn', 1, /no \(utterance id\)/));
    });

    it('rejects an empty id', () => {
      assert.throws(() => parseTrn('a (u1)\r\n\r\ntext ( )\r\n', 'hyp.trn'), isInputError('hyp.trn', 3, /empty utterance id/));
    });

    it('rejects a duplicate id, naming both lines', () => {
      assert.throws(() => parseTrn('a (u1)\nb (u2)\nc (u1)\n', 'hyp.trn'), isInputError('hyp.trn', 3, /^duplicate id u1 \(first at line 1\)$/));
    });

    it('rejects an input without utterances', () => {
      assert.throws(() => parseTrn('\n\n', 'hyp.trn'), isInputError('hyp.trn', undefined, /no utterances/));
    });
  });

  describe('parseAzureTranscription', () => {
    it('reads the lexical text of a batch result, the id from its source URL', () => {
      const corpus = parseAzureTranscription(JSON.stringify(azureResult('https://a.blob.core.windows.net/c/call%201.wav?sv=1&sig=x', [[0, 'two large pizzas']])), 'r.json');
      assert.equal(corpus.format, 'azure-json');
      assert.deepEqual(corpus.utterances, [{ id: 'call 1', text: 'two large pizzas', line: 1 }]);
      assert.equal(corpus.skipped, undefined);
    });

    it('scores channel 0, joining its entries; a result with one other channel uses that one', () => {
      const stereo = azureResult('s.wav', [[1, 'agent words'], [0, 'first part'], [0, ''], [0, 'second part']]);
      assert.deepEqual(idsAndTexts(parseAzureTranscription(JSON.stringify(stereo), 'r.json')), [['s', 'first part second part']]);
      const right = azureResult('r.wav', [[1, 'right side']]);
      assert.deepEqual(idsAndTexts(parseAzureTranscription(JSON.stringify(right), 'r.json')), [['r', 'right side']]);
    });

    it('gives an empty text when nothing was recognized', () => {
      const silent = { source: 'quiet.wav', combinedRecognizedPhrases: [], recognizedPhrases: [{ recognitionStatus: 'InitialSilenceTimeout', channel: 0, nBest: [] }] };
      assert.deepEqual(idsAndTexts(parseAzureTranscription(JSON.stringify(silent), 'r.json')), [['quiet', '']]);
      assert.deepEqual(idsAndTexts(parseAzureTranscription(JSON.stringify({ source: 'none.wav', recognizedPhrases: [] }), 'r.json')), [['none', '']]);
    });

    it('falls back to the recognized phrases in time order when there are no combined phrases', () => {
      const phrase = (channel: number, offsetInTicks: number, lexical: string, recognitionStatus = 'Success') =>
        ({ recognitionStatus, channel, offsetInTicks, nBest: [{ confidence: 0.9, lexical, display: lexical }] });
      const result = {
        source: 'late.wav',
        recognizedPhrases: [phrase(0, 30, 'world'), phrase(1, 10, 'other channel'), phrase(0, 10, 'hello'), phrase(0, 20, 'ignored', 'NoMatch')],
      };
      assert.deepEqual(idsAndTexts(parseAzureTranscription(JSON.stringify(result), 'r.json')), [['late', 'hello world']]);
    });

    it('reads an array of results, numbering entries', () => {
      const text = JSON.stringify([azureResult('a.wav', [[0, 'one']]), azureResult('b.wav', [[0, 'two']])], null, 2);
      assert.deepEqual(parseAzureTranscription(text, 'all.json').utterances, [
        { id: 'a', text: 'one', line: 1 },
        { id: 'b', text: 'two', line: 2 },
      ]);
    });

    it('reads the realistic batch fixture', async () => {
      const file = path.join(batchFolder, 'contenturl_0.json');
      const corpus = parseAzureTranscription(await readFile(file, 'utf8'), file);
      assert.deepEqual(idsAndTexts(corpus), [['call-1', "i'd like to order two large pizzas"]]);
    });

    it('rejects JSON that does not parse, with the line', () => {
      assert.throws(() => parseAzureTranscription('{\n  "source": "a.wav",\n  "recognizedPhrases": [],\n}\n', 'r.json'), isInputError('r.json', 4, /invalid JSON/));
      assert.throws(() => parseAzureTranscription('{\n  "source": "a.wav",\n', 'r.json'), isInputError('r.json', 3, /invalid JSON/));
    });

    it('rejects the wrong shape', () => {
      assert.throws(() => parseAzureTranscription('{"source": "a.wav"}', 'r.json'), isInputError('r.json', undefined, /a: neither "combinedRecognizedPhrases" nor "recognizedPhrases"/));
      assert.throws(() => parseAzureTranscription('{"successfulTranscriptionsCount": 1, "details": []}', 'report.json'), isInputError('report.json', undefined, /expected an Azure transcription result/));
      assert.throws(() => parseAzureTranscription('"just a string"', 'r.json'), isInputError('r.json', undefined, /expected an Azure transcription result/));
      assert.throws(() => parseAzureTranscription('{"combinedRecognizedPhrases": []}', 'r.json'), isInputError('r.json', undefined, /no "source"/));
      assert.throws(() => parseAzureTranscription('{"source": "a.wav", "combinedRecognizedPhrases": {}}', 'r.json'), isInputError('r.json', undefined, /"combinedRecognizedPhrases" is not a list/));
      assert.throws(() => parseAzureTranscription('{"source": "a.wav", "combinedRecognizedPhrases": [{"channel": 0, "display": "Hi."}]}', 'r.json'), isInputError('r.json', undefined, /combinedRecognizedPhrases\[0\] has no "lexical"/));
      const mixed = JSON.stringify([azureResult('a.wav', [[0, 'one']]), { note: 'x' }]);
      assert.throws(() => parseAzureTranscription(mixed, 'all.json'), isInputError('all.json', undefined, /^entry 2: expected an Azure transcription result/));
    });

    it('rejects a duplicate id inside one file, naming both entries', () => {
      const text = JSON.stringify([azureResult('https://h/c/a.wav?x=1', [[0, 'one']]), azureResult('https://h/d/a.WAV', [[0, 'two']])]);
      assert.throws(() => parseAzureTranscription(text, 'all.json'), isInputError('all.json', undefined, /^entry 2: duplicate id a \(first in entry 1\)$/));
    });

    it('rejects an empty file', () => {
      assert.throws(() => parseAzureTranscription('\uFEFF  \n', 'r.json'), isInputError('r.json', undefined, /no utterances/));
      assert.throws(() => parseAzureTranscription('[]', 'r.json'), isInputError('r.json', undefined, /no utterances/));
    });
  });

  describe('AzureResults (downloaded transcription files, in memory)', () => {
    const origin = (name: string) => `${name} of transcription t1`;

    it('gathers the results of several files into one corpus, skipping the report', () => {
      const results = new AzureResults();
      results.add(origin('contenturl_0.json'), JSON.stringify(azureResult('calls/call-1.wav', [[0, 'one two']])), 'contenturl_0.json');
      results.add(origin('contenturl_1.json'), JSON.stringify(azureResult('https://h/c/call-2.WAV?sig=x', [[0, 'three']])), 'contenturl_1.json');
      results.add(origin('report.json'), JSON.stringify({ successfulTranscriptionsCount: 2, details: [] }), 'report.json');
      const corpus = results.corpus('transcription t1');
      assert.deepEqual(idsAndTexts(corpus), [['call-1', 'one two'], ['call-2', 'three']]);
      assert.deepEqual(corpus.skipped, [origin('report.json')]);
      assert.equal(corpus.utterances[0]!.file, origin('contenturl_0.json'));
    });

    it('names the malformed file, and the line, when a downloaded result is broken', () => {
      const results = new AzureResults();
      results.add(origin('contenturl_0.json'), JSON.stringify(azureResult('a.wav', [[0, 'fine']])), 'contenturl_0.json');
      assert.throws(() => results.add(origin('contenturl_1.json'), '{\n  "source": "b.wav"\n  "combinedRecognizedPhrases": []\n}', 'contenturl_1.json'), isInputError(origin('contenturl_1.json'), 3, /invalid JSON/));
      assert.throws(() => results.add(origin('contenturl_2.json'), JSON.stringify({ source: 'c.wav', combinedRecognizedPhrases: [{ channel: 0, display: 'No lexical.' }] }), 'contenturl_2.json'), isInputError(origin('contenturl_2.json'), undefined, /^c: combinedRecognizedPhrases\[0\] has no "lexical" text$/));
      assert.throws(() => results.add(origin('contenturl_3.json'), JSON.stringify(azureResult('https://x/a.wav', [[0, 'again']])), 'contenturl_3.json'), isInputError(origin('contenturl_3.json'), undefined, /^duplicate id a \(first in contenturl_0\.json\)$/));
    });

    it('refuses a transcription without a single result', () => {
      const results = new AzureResults();
      results.add(origin('report.json'), '{ "details": [] }');
      assert.throws(() => results.corpus('transcription t1'), isInputError('transcription t1', undefined, /no utterances \(skipped, not transcription results: report\.json of transcription t1\)/));
    });
  });

  describe('readCorpus and detectFormat on disk', () => {
    let root: string;
    const write = async (name: string, content: string | Uint8Array): Promise<string> => {
      const file = path.join(root, name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
      return file;
    };

    before(async () => {
      root = await mkdtemp(path.join(tmpdir(), 'cs-scoring-readers-'));
    });

    after(async () => {
      await rm(root, { recursive: true, force: true });
    });

    it('reads a folder of batch results, skipping the report', async () => {
      const corpus = await readCorpus(batchFolder);
      assert.equal(corpus.format, 'azure-json');
      assert.equal(corpus.path, batchFolder);
      assert.deepEqual(idsAndTexts(corpus), [
        ['call-1', "i'd like to order two large pizzas"],
        ['café order', 'thank you for calling contoso how can i help'],
        ['silence', ''],
      ]);
      assert.deepEqual(corpus.utterances.map((u) => path.basename(u.file ?? '')), ['contenturl_0.json', 'contenturl_1.json', 'contenturl_2.json']);
      assert.deepEqual(corpus.skipped, [path.join(batchFolder, 'report.json')]);
    });

    it('matches ids across formats: transcript reference, trn hypothesis, Azure JSON folder', async () => {
      const ref = await readCorpus(path.join(fixtures, 'ref.trans.txt'));
      const hyp = await readCorpus(path.join(fixtures, 'hyp.trn'));
      const azure = await readCorpus(batchFolder);
      assert.equal(ref.format, 'transcript');
      assert.equal(hyp.format, 'trn');
      const ids = (corpus: Corpus) => corpus.utterances.map((u) => u.id);
      assert.deepEqual(ids(ref), ['call-1', 'café order', 'silence']);
      assert.deepEqual(ids(hyp), ids(ref));
      assert.deepEqual(ids(azure), ids(ref));
      // The fixture has a BOM and CRLF: neither reaches the id or the text.
      assert.deepEqual(ref.utterances[0], { id: 'call-1', text: 'I would like to order two large pizzas', line: 1 });
      assert.deepEqual(ref.utterances[2], { id: 'silence', text: '', line: 4 });
    });

    it('reads a JSON file holding an array of results', async () => {
      const file = await write('array/results.json', JSON.stringify([azureResult('x.wav', [[0, 'ex']]), azureResult('y.wav', [[0, 'why']])]));
      assert.deepEqual(idsAndTexts(await readCorpus(file)), [['x', 'ex'], ['y', 'why']]);
      const folder = await readCorpus(path.dirname(file));
      assert.deepEqual(folder.utterances.map((u) => [u.id, u.line, u.file]), [['x', 1, file], ['y', 2, file]]);
    });

    it('rejects the same source in two files of a folder, naming both', async () => {
      await write('dup/a.json', JSON.stringify(azureResult('https://h/c/call-1.wav?sv=1', [[0, 'one']])));
      const second = await write('dup/b.json', JSON.stringify(azureResult('https://h/other/call-1.wav', [[0, 'two']])));
      await assert.rejects(readCorpus(path.join(root, 'dup')), isInputError(second, undefined, /^duplicate id call-1 \(first in a\.json\)$/));
    });

    it('rejects a folder file that does not parse or has the wrong shape', async () => {
      const broken = await write('broken/results_1.json', '{\n  "source": "a.wav"\n  "recognizedPhrases": []\n}');
      await assert.rejects(readCorpus(path.dirname(broken)), isInputError(broken, 3, /invalid JSON/));
      const shapeless = await write('shapeless/results_1.json', '{ "source": "a.wav", "lexical": "hi" }');
      await assert.rejects(readCorpus(path.dirname(shapeless)), isInputError(shapeless, undefined, /neither "combinedRecognizedPhrases" nor "recognizedPhrases"/));
    });

    it('rejects an empty folder, or one with only non-results', async () => {
      const empty = path.join(root, 'empty');
      await mkdir(empty);
      await writeFile(path.join(empty, 'notes.txt'), 'not json');
      await assert.rejects(readCorpus(empty), isInputError(empty, undefined, /^no utterances$/));
      const reportOnly = path.join(root, 'report-only');
      await write('report-only/report.json', '{"successfulTranscriptionsCount": 0, "failedTranscriptionsCount": 1, "details": []}');
      await assert.rejects(readCorpus(reportOnly), isInputError(reportOnly, undefined, /no utterances \(skipped.*report\.json\)/));
    });

    it('rejects empty files', async () => {
      for (const name of ['empty.txt', 'empty.trn', 'empty.json']) {
        const file = await write(name, '');
        await assert.rejects(readCorpus(file), isInputError(file, undefined, /no utterances/));
      }
    });

    it('reports the first line with invalid UTF-8', async () => {
      const latin1 = Buffer.concat([Buffer.from('a.wav\tfine\nb.wav\tcaf'), Buffer.from([0xe9]), Buffer.from('\nc.wav\tok\n')]);
      const file = await write('latin1.txt', latin1);
      await assert.rejects(readCorpus(file), isInputError(file, 2, /invalid UTF-8/));
      const truncated = await write('truncated.trn', Buffer.concat([Buffer.from('a (u1)\n\nb (u2)\nend '), Buffer.from([0xe2, 0x82])]));
      await assert.rejects(readCorpus(truncated), isInputError(truncated, 4, /invalid UTF-8/));
    });

    it('names a file that does not exist', async () => {
      const missing = path.join(root, 'missing.trn');
      await assert.rejects(readCorpus(missing), isInputError(missing, undefined, /no such file or folder/));
      await assert.rejects(detectFormat(missing), isInputError(missing, undefined, /no such file or folder/));
    });

    it('detects formats by folder, extension, then content', async () => {
      assert.equal(await detectFormat(batchFolder), 'azure-json');
      assert.equal(await detectFormat(await write('detect/r.JSON', '{}')), 'azure-json');
      assert.equal(await detectFormat(await write('detect/h.trn', 'a.wav\tlooks like a transcript')), 'trn');
      assert.equal(await detectFormat(await write('detect/ref.txt', '\n\r\na.wav\thello (there)\n')), 'transcript');
      assert.equal(await detectFormat(await write('detect/hyp.txt', '\uFEFF\nhello there (utt1)\r\n')), 'trn');
      assert.equal(await detectFormat(await write('detect/empty-text.txt', '(utt1)\n')), 'trn');
      assert.equal(await detectFormat(await write('detect/result.txt', '  [{"source": "a.wav"}]')), 'azure-json');
      const unknown = await write('detect/words.txt', '\n\njust some words\n');
      await assert.rejects(detectFormat(unknown), isInputError(unknown, 3, /unknown format: expected a Custom Speech transcript.*NIST trn.*Azure transcription JSON/));
      await assert.rejects(readCorpus(unknown), isInputError(unknown, 3, /unknown format/));
    });

    it('reads with the format it detects, or the one it is given', async () => {
      const trnText = await write('given/hyp.txt', 'hello (u1)\nbye (u2)\n');
      assert.deepEqual(idsAndTexts(await readCorpus(trnText)), [['u1', 'hello'], ['u2', 'bye']]);
      assert.deepEqual(idsAndTexts(await readCorpus(trnText, 'trn')), [['u1', 'hello'], ['u2', 'bye']]);
      await assert.rejects(readCorpus(trnText, 'transcript'), isInputError(trnText, 1, /no tab/));
      const json = await write('given/result.data', JSON.stringify(azureResult('q.wav', [[0, 'queue']])));
      assert.deepEqual(idsAndTexts(await readCorpus(json, 'azure-json')), [['q', 'queue']]);
      await assert.rejects(readCorpus(batchFolder, 'trn'), isInputError(batchFolder, undefined, /folder/));
    });
  });
});

describe('canonicalId and Unicode', () => {
  it('matches composed and decomposed accents', () => {
    assert.equal(canonicalId('cafe\u0301 order.wav'), canonicalId('caf\u00e9 order.wav'));
  });
});
