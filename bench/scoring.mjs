import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, data, measure, rng, words } from './common.mjs';

// Scoring: 100,000 utterances (about 1.5 M reference words) with our scorer and with NIST sclite on
// the same trn files, then one 10,000-word utterance pair (linear memory). The texts are already
// lowercase words, so both scorers see the same tokens and must report the same totals.
export function benchScoring() {
  const scoring = path.join(data, 'scoring');
  mkdirSync(scoring, { recursive: true });
  function writeScoringCorpus(name, utterances, wordsPer, seed) {
    const random = rng(seed);
    // Letters only: digits would be written out as words by the normalization, and sclite would not.
    const suffix = (i) => (i < words.length ? '' : String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + (Math.floor(i / 26) % 26)));
    const vocabulary = Array.from({ length: 3000 }, (_, i) => words[i % words.length] + suffix(i));
    const pick = () => vocabulary[Math.floor(random() * random() * vocabulary.length)];
    const ref = [];
    const hyp = [];
    for (let u = 0; u < utterances; u++) {
      const n = wordsPer(random);
      const said = Array.from({ length: n }, pick);
      const heard = [];
      for (const word of said) {
        const p = random();
        if (p < 0.03) continue; // deleted
        heard.push(p < 0.08 ? pick() : word); // substituted
        if (p > 0.98) heard.push(pick()); // inserted
      }
      const id = `spk${String(u % 40).padStart(2, '0')}_utt${String(u).padStart(6, '0')}`;
      ref.push(`${said.join(' ')} (${id})`);
      hyp.push(`${heard.join(' ')} (${id})`);
    }
    const files = { ref: path.join(scoring, `${name}-ref.trn`), hyp: path.join(scoring, `${name}-hyp.trn`) };
    writeFileSync(files.ref, ref.join('\n') + '\n');
    writeFileSync(files.hyp, hyp.join('\n') + '\n');
    return files;
  }
  const corpus = writeScoringCorpus('100k', 100_000, (random) => 5 + Math.floor(random() * 21), 11);
  const referenceWords = readFileSync(corpus.ref, 'utf8').split(/\s+/).filter((w) => w && !w.startsWith('(')).length;
  const scoreRows = [];
  const scored = (name, tool, command, args) => {
    const m = measure(command, args);
    scoreRows.push({ benchmark: name, tool, seconds: m.seconds.toFixed(2), 'peak MB': m.peakMb.toFixed(0), status: m.status });
    return { ...m, output: readFileSync(path.join(data, 'output.txt'), 'utf8') };
  };
  const sclite100k = scored(`score 100k utterances (${(referenceWords / 1e6).toFixed(2)} M words)`, 'sclite -o sum', 'sctk', ['sclite', '-r', corpus.ref, 'trn', '-h', corpus.hyp, 'trn', '-i', 'rm', '-o', 'sum', 'stdout']);
  const ours100k = scored(`score 100k utterances (${(referenceWords / 1e6).toFixed(2)} M words)`, 'custom-speech score', process.execPath, [cli, 'score', '--ref', corpus.ref, '--hyp', corpus.hyp]);
  scored(`score 100k utterances (${(referenceWords / 1e6).toFixed(2)} M words)`, 'custom-speech score --no-normalize', process.execPath, [cli, 'score', '--ref', corpus.ref, '--hyp', corpus.hyp, '--no-normalize']);
  const long = writeScoringCorpus('long', 1, () => 10_000, 12);
  const scliteLong = scored('score one 10,000-word pair', 'sclite -o sum', 'sctk', ['sclite', '-r', long.ref, 'trn', '-h', long.hyp, 'trn', '-i', 'rm', '-o', 'sum', 'stdout']);
  const oursLong = scored('score one 10,000-word pair', 'custom-speech score', process.execPath, [cli, 'score', '--ref', long.ref, '--hyp', long.hyp]);
  // Same totals: sclite's "Sum/Avg" row (Corr Sub Del Ins Err percentages) against ours.
  const scliteErr = (output) => output.match(/Sum\/Avg\s*\|\s*\d+\s+\d+\s*\|\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/)?.[5];
  const oursWer = (output) => output.match(/WER ([\d.]+)%/)?.[1];
  for (const [name, sclite, ours] of [['100k', sclite100k, ours100k], ['long', scliteLong, oursLong]]) {
    console.log(`scoring ${name}: WER sclite ${scliteErr(sclite.output)}%, ours ${oursWer(ours.output)}%; time ratio ours/sclite ${(ours.seconds / sclite.seconds).toFixed(2)} (target < 1)`);
  }
  console.table(scoreRows);
}
