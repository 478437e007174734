import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { decodeWorkerScript, resolveModulesFromProject } from './recognizer-bundle-support';
import { librivoxClips, speak, wordErrorRate, type Clip } from './recognizer-speech';
import { wavBytes } from '../formats/wav-builder';
import { compileDomainModel } from '../../../src/engine/training/domain-language-model';
import { LanguageModelBuilder } from '../../../src/engine/training/language-model';
import { decodeFiles, decodeJobs } from '../../../src/engine/recognizer/decode-jobs';
import { DecodePool } from '../../../src/engine/recognizer/decode-pool';
import { findLibraries, libraryDirectories, LIBRARY_DIRECTORY_ENV } from '../../../src/engine/recognizer/library-location';
import { baseModelPaths, missingModelFiles } from '../../../src/engine/recognizer/model-paths';
import { readPcmWav } from '../../../src/engine/recognizer/pcm-wav';
import { Recognizer, type Hypothesis } from '../../../src/engine/recognizer/recognizer';

// Real decoding of real audio, no mocks: needs `npm run setup` (pocketsphinx, pocketsphinx-en-us,
// pocketsphinx-testdata, espeak-ng, sox). About a minute of audio is decoded, at ~0.4 s per second.
describe('Recognizer (PocketSphinx in-process)', function () {
  this.timeout(120_000);
  resolveModulesFromProject();

  const clips = librivoxClips();
  // The three shortest clips, for the tests that only compare decodes.
  const shortClips = [...clips].sort((a, b) => readPcmWav(a.file).length - readPcmWav(b.file).length).slice(0, 3);
  let recognizer: Recognizer;
  let generic: Map<Clip, Hypothesis>;
  let scratch: string;

  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'recognizer-test-'));
    recognizer = new Recognizer(baseModelPaths());
    generic = new Map(clips.map((clip) => [clip, recognizer.decode(readPcmWav(clip.file))]));
  });
  after(() => {
    recognizer?.free();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('finds the Debian libraries and US English model', () => {
    assert.match(findLibraries().pocketsphinx, /libpocketsphinx\.so\.3$/);
    assert.deepEqual(missingModelFiles(baseModelPaths()), []);
  });

  it('recognizes the LibriVox read speech with a sane word error rate', () => {
    const wer = wordErrorRate(
      clips.map((clip) => clip.reference),
      clips.map((clip) => generic.get(clip)!.text),
    );
    // DESIGN.md measured ≈ 28% for the generic model; far above means a broken front end or search.
    assert.ok(wer < 0.45, `WER ${(wer * 100).toFixed(1)}%`);
    assert.ok(wer > 0.05, `WER ${(wer * 100).toFixed(1)}%: suspiciously perfect for the generic model`);
  });

  it('times each word inside the audio, in order, and joins them into the text', () => {
    for (const hypothesis of generic.values()) {
      assert.equal(hypothesis.words.map((w) => w.word).join(' '), hypothesis.text);
      let previousEnd = 0;
      for (const word of hypothesis.words) {
        assert.ok(word.startSeconds >= previousEnd - 1e-9 && word.endSeconds > word.startSeconds, JSON.stringify(word));
        previousEnd = word.endSeconds;
      }
      assert.ok(previousEnd <= hypothesis.audioSeconds + 0.01);
      assert.ok(hypothesis.decodeSeconds > 0);
    }
  });

  it('decodes each utterance on its own: what came before does not change the result', () => {
    const [first, second] = shortClips as [Clip, Clip];
    recognizer.decode(readPcmWav(second.file));
    const again = recognizer.decode(readPcmWav(first.file));
    assert.equal(again.text, generic.get(first)!.text);
    assert.equal(again.score, generic.get(first)!.score);
  });

  it('recognizes most words of espeak-ng speech', () => {
    const sentences = ['the train to boston leaves at seven in the morning', 'remember to lock the door when you leave the house'];
    const heard = sentences.map((text, i) => recognizer.decode(readPcmWav(speak(text, scratch, `espeak-${i}`))).text);
    const wer = wordErrorRate(sentences, heard);
    assert.ok(wer < 0.25, `WER ${(wer * 100).toFixed(1)}%: heard ${JSON.stringify(heard)}`);
  });

  it('gives empty text for an empty utterance', () => {
    const hypothesis = recognizer.decode(new Int16Array(0));
    assert.equal(hypothesis.text, '');
    assert.deepEqual(hypothesis.words, []);
  });

  describe('with a domain language model', () => {
    let domainLm: string;
    before(() => {
      const builder = new LanguageModelBuilder();
      for (const clip of clips) builder.add(clip.reference.split(' '));
      domainLm = path.join(scratch, 'domain.arpa');
      writeFileSync(domainLm, builder.toArpa());
    });

    it('interpolated with the generic model, recognizes the domain better', () => {
      const adapted = new Recognizer({ ...baseModelPaths(), domainLanguageModel: { path: domainLm, weight: 0.5 } });
      try {
        const references = shortClips.map((clip) => clip.reference);
        const before = wordErrorRate(references, shortClips.map((clip) => generic.get(clip)!.text));
        const after = wordErrorRate(references, shortClips.map((clip) => adapted.decode(readPcmWav(clip.file)).text));
        assert.ok(after < before && after <= 0.15, `WER generic ${(before * 100).toFixed(1)}%, with the domain model ${(after * 100).toFixed(1)}%`);
      } finally {
        adapted.free();
      }
    });

    it('recognizes the same words from the binary form training compiles as from the ARPA text', async () => {
      assert.deepEqual(await compileDomainModel(scratch), { compiled: true });
      const texts = (languageModel: string) => {
        const recognizer = new Recognizer({ ...baseModelPaths(), domainLanguageModel: { path: languageModel, weight: 0.5 } });
        try {
          return shortClips.map((clip) => recognizer.decode(readPcmWav(clip.file)).text);
        } finally {
          recognizer.free();
        }
      };
      assert.deepEqual(texts(path.join(scratch, 'domain.lm.bin')), texts(domainLm));
    });

    it('decodes two models at once, on one thread or two, as each model alone does', async () => {
      const domainModel = { ...baseModelPaths(), domainLanguageModel: { path: domainLm, weight: 0.5 } };
      const alone = new Recognizer(domainModel);
      let domainTexts: string[];
      try {
        domainTexts = shortClips.map((clip) => alone.decode(readPcmWav(clip.file)).text);
      } finally {
        alone.free();
      }
      const files = shortClips.map((clip) => clip.file);
      for (const concurrency of [1, 2]) {
        const seen: string[] = [];
        const [generic1, domain] = await decodeJobs(
          [
            { model: baseModelPaths(), files },
            { model: domainModel, files },
          ],
          { concurrency, workerScript: decodeWorkerScript(), onResult: (_, job, index) => seen.push(`${job}:${index}`) },
        );
        const texts = (results: typeof generic1) => results!.map((result) => ('hypothesis' in result ? result.hypothesis.text : result.error));
        assert.deepEqual(texts(generic1), shortClips.map((clip) => generic.get(clip)!.text), `${concurrency} thread(s)`);
        assert.deepEqual(texts(domain), domainTexts, `${concurrency} thread(s)`);
        assert.deepEqual(seen.sort(), ['0:0', '0:1', '0:2', '1:0', '1:1', '1:2']);
      }
    });

    it('stops the other thread and names the file when one model does not load', async () => {
      const files = shortClips.map((clip) => clip.file);
      await assert.rejects(
        decodeJobs(
          [
            { model: baseModelPaths(), files },
            { model: { ...baseModelPaths(), dictionary: '/nonexistent/cmudict.dict' }, files },
          ],
          { concurrency: 2, workerScript: decodeWorkerScript() },
        ),
        /dictionary \/nonexistent\/cmudict\.dict/,
      );
    });

    it('refuses a weight outside 0..1', () => {
      assert.throws(() => new Recognizer({ ...baseModelPaths(), domainLanguageModel: { path: domainLm, weight: 1.5 } }), /between 0 and 1, not 1\.5/);
    });
  });

  describe('DecodePool', () => {
    it('decodes files on two worker threads with the same results as serial decoding', async () => {
      const notWav = path.join(scratch, 'notes.wav');
      writeFileSync(notWav, 'these are notes, not audio');
      const files = [...shortClips.map((clip) => clip.file), notWav];
      const seen: number[] = [];
      const results = await decodeFiles(files, baseModelPaths(), { concurrency: 2, workerScript: decodeWorkerScript(), onResult: (_, index) => seen.push(index) });

      assert.deepEqual(results.map((result) => result.file), files);
      shortClips.forEach((clip, i) => {
        const result = results[i]!;
        assert.ok('hypothesis' in result, JSON.stringify(result));
        assert.equal(result.hypothesis.text, generic.get(clip)!.text);
        assert.equal(result.hypothesis.score, generic.get(clip)!.score);
      });
      const failed = results[3]!;
      assert.ok('error' in failed && /notes\.wav: not a RIFF file/.test(failed.error), JSON.stringify(failed));
      assert.deepEqual([...seen].sort(), [0, 1, 2, 3]);
    });

    it('rejects every file when the model does not load, naming the missing file', async () => {
      const pool = new DecodePool({ ...baseModelPaths(), dictionary: '/nonexistent/cmudict.dict' }, { concurrency: 1, workerScript: decodeWorkerScript() });
      try {
        await assert.rejects(pool.decode([shortClips[0]!.file]), /dictionary \/nonexistent\/cmudict\.dict/);
      } finally {
        await pool.close();
      }
    });

    it('stops handing out files on abort', async () => {
      const pool = new DecodePool(baseModelPaths(), { concurrency: 1, workerScript: decodeWorkerScript() });
      try {
        const controller = new AbortController();
        const decoding = pool.decode(
          shortClips.map((clip) => clip.file),
          { signal: controller.signal, onResult: () => controller.abort(new Error('enough')) },
        );
        await assert.rejects(decoding, /enough/);
      } finally {
        await pool.close();
      }
    });
  });

  describe('errors', () => {
    it('names a missing model file and how to install the model', () => {
      assert.throws(
        () => new Recognizer({ ...baseModelPaths(), acousticModel: '/nonexistent/en-us' }),
        (error: Error) => /acoustic model directory \/nonexistent\/en-us/.test(error.message) && /npm run setup/.test(error.message) && /pocketsphinx-en-us/.test(error.message),
      );
    });

    it('names the missing libraries, how to install them and where else to look', () => {
      assert.throws(
        () => findLibraries(['/nonexistent']),
        (error: Error) => /libpocketsphinx\.so\.3/.test(error.message) && /apt-get install pocketsphinx/.test(error.message) && error.message.includes(LIBRARY_DIRECTORY_ENV),
      );
      assert.deepEqual(libraryDirectories({ [LIBRARY_DIRECTORY_ENV]: '/opt/sphinx/lib' }), ['/opt/sphinx/lib']);
      assert.equal(libraryDirectories({}, 'x64')[0], '/usr/lib/x86_64-linux-gnu');
    });

    it('refuses audio that is not 16 kHz mono 16-bit PCM WAV, saying how to convert it', () => {
      const write = (name: string, bytes: Uint8Array) => {
        const file = path.join(scratch, name);
        writeFileSync(file, bytes);
        return file;
      };
      assert.throws(() => readPcmWav(write('text.wav', Buffer.from('this is not audio, only some text'))), /text\.wav: .*not a RIFF file.*sox/);
      assert.throws(() => readPcmWav(write('8k.wav', wavBytes({ sampleRate: 8000 }))), /8k\.wav: 8000 Hz; the local engine decodes 16 kHz mono 16-bit PCM only\. Convert it with: sox/);
      assert.throws(() => readPcmWav(write('cd.wav', wavBytes({ sampleRate: 44100, channels: 2 }))), /2 channels, 44100 Hz/);
    });

    it('cannot decode after free()', () => {
      const freed = new Recognizer(baseModelPaths());
      freed.free();
      freed.free();
      assert.throws(() => freed.decode(new Int16Array(16000)), /freed/);
    });
  });
});
