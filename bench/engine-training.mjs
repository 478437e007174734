// The local engine's training and evaluation speed: a custom model trained from 10 MB of related
// text, and an evaluation (base model vs custom model) of synthetic speech, next to the reference
// decoder, pocketsphinx_continuous, decoding the same files one after another in the same run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import yazl from 'yazl';
import { data, domainText, spokenUtterances } from './common.mjs';
import { idOf, startEngineProcess } from './engine-process.mjs';

const EVALUATION_RUNS = 3;

export async function benchEngineTraining() {
  const folder = path.join(data, 'engine-training');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  // 10 MB of domain text.
  const related = path.join(folder, 'related.txt');
  writeFileSync(related, domainText(10e6));
  // 24 test utterances of the same domain, in four voices.
  const audio = path.join(folder, 'audio');
  mkdirSync(audio);
  const utterances = spokenUtterances(audio, 24, 31);
  const audioSeconds = utterances.reduce((sum, u) => sum + u.seconds, 0);
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(utterances.map((u) => `${u.name}\t${u.said}\n`).join('')), 'trans.txt');
  for (const u of utterances) zip.addFile(u.file, u.name);
  zip.end();
  const zipPath = path.join(folder, 'test.zip');
  const chunks = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk);
  writeFileSync(zipPath, Buffer.concat(chunks));

  const engine = await startEngineProcess(path.join(folder, 'engine'));
  const { call, settle } = engine;
  const dataset = async (kind, file) => {
    const created = await call('POST', '/datasets', { kind, displayName: path.basename(file), locale: 'en-US', contentUrl: pathToFileURL(file).href });
    const done = await settle(`/datasets/${idOf(created.self)}`);
    if (done.status !== 'Succeeded') throw new Error(`${file}: ${JSON.stringify(done.properties)}`);
    return created.self;
  };
  const language = await dataset('Language', related);
  // The same test set imported three times: each evaluation decodes both models (the hypotheses of
  // a model are kept per dataset), and the median of three tames this host's swings.
  const tests = [];
  for (let i = 0; i < EVALUATION_RUNS; i++) tests.push(await dataset('Acoustic', zipPath));
  const test = tests[0];
  const trainStarted = performance.now();
  const model = await call('POST', '/models', { displayName: 'bench', locale: 'en-US', datasets: [{ self: language }] });
  const trained = await settle(`/models/${idOf(model.self)}`);
  const trainSeconds = (performance.now() - trainStarted) / 1000;
  if (trained.status !== 'Succeeded') throw new Error(JSON.stringify(trained.properties));
  const base = (await call('GET', '/models/base')).values[0];
  const runs = [];
  for (const [i, dataset] of tests.entries()) {
    const started = performance.now();
    const evaluation = await call('POST', '/evaluations', { displayName: `bench ${i}`, locale: 'en-US', model1: { self: base.self }, model2: { self: model.self }, dataset: { self: dataset } });
    const settled = await settle(`/evaluations/${idOf(evaluation.self)}`);
    if (settled.status !== 'Succeeded') throw new Error(JSON.stringify(settled.properties));
    runs.push({ seconds: (performance.now() - started) / 1000, evaluated: settled });
  }
  const evaluated = runs[0].evaluated;
  // The runs in the order they ran (the median is taken from a sorted copy).
  const evalTimes = runs.map((run) => run.seconds);
  const evalSeconds = [...evalTimes].sort((a, b) => a - b)[Math.floor(evalTimes.length / 2)];
  // The next comparison with the same baseline on the same test set, as model after model is tried:
  // the base model's decodes are reused, only the new model is decoded.
  const second = await call('POST', '/models', { displayName: 'bench 2', locale: 'en-US', datasets: [{ self: language }], properties: { customModelWeightPercent: 50 } });
  if ((await settle(`/models/${idOf(second.self)}`)).status !== 'Succeeded') throw new Error('the second model did not train');
  const againStarted = performance.now();
  const again = await call('POST', '/evaluations', { displayName: 'bench 2', locale: 'en-US', model1: { self: base.self }, model2: { self: second.self }, dataset: { self: test } });
  const evaluatedAgain = await settle(`/evaluations/${idOf(again.self)}`);
  const againSeconds = (performance.now() - againStarted) / 1000;
  const peakMb = engine.peakMb();
  await engine.stop();

  // The reference: pocketsphinx_continuous with the base model, the same files, one after another.
  const refStarted = performance.now();
  for (const u of utterances) spawnSync('pocketsphinx_continuous', ['-infile', u.file, '-logfn', '/dev/null'], { encoding: 'utf8' });
  const refSeconds = (performance.now() - refStarted) / 1000;
  rmSync(folder, { recursive: true, force: true });

  const p = evaluated.properties;
  console.table([
    { benchmark: 'train from 10 MB of related text', tool: 'engine (LM + dictionary)', seconds: trainSeconds.toFixed(1), 'x real time': '', result: `${trained.status}` },
    { benchmark: `evaluate ${audioSeconds.toFixed(0)} s of audio with 2 models (median of ${EVALUATION_RUNS})`, tool: 'engine, 2 worker threads', seconds: evalSeconds.toFixed(1), 'x real time': ((2 * audioSeconds) / evalSeconds).toFixed(1), result: `WER base ${(p.wordErrorRate1 * 100).toFixed(1)}%, custom ${(p.wordErrorRate2 * 100).toFixed(1)}%; runs in order ${evalTimes.map((t) => `${((2 * audioSeconds) / t).toFixed(1)}x`).join(' ')}` },
    { benchmark: `evaluate a second custom model against the base`, tool: 'engine, base decodes reused', seconds: againSeconds.toFixed(1), 'x real time': ((2 * audioSeconds) / againSeconds).toFixed(1), result: `WER base ${(evaluatedAgain.properties.wordErrorRate1 * 100).toFixed(1)}%, custom ${(evaluatedAgain.properties.wordErrorRate2 * 100).toFixed(1)}%` },
    { benchmark: `decode the same ${audioSeconds.toFixed(0)} s once`, tool: 'pocketsphinx_continuous, one file at a time', seconds: refSeconds.toFixed(1), 'x real time': (audioSeconds / refSeconds).toFixed(1), result: '' },
  ]);
  console.log(`engine peak memory ${peakMb.toFixed(0)} MB (worker threads included)`);
}
