import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatScoreCsv } from '../core/scoring/format/csv';
import { formatPra, formatTrn } from '../core/scoring/format/sclite';
import { formatScoreText } from '../core/scoring/format/text';
import { SYSTEM_NAMES, toScoreJson, type ScoreRun } from '../core/scoring/report';
import { scoreFiles } from '../core/scoring/score-files';
import { DEFAULT_SPEAKER_PATTERN } from '../core/scoring/speakers';
import { ScoringInputError, type CorpusFormat } from '../core/scoring/types';

const formats = ['text', 'json', 'csv', 'pra', 'trn'] as const;
type OutputFormat = (typeof formats)[number];
const corpusFormats: readonly CorpusFormat[] = ['transcript', 'trn', 'azure-json'];

const help = `Usage: custom-speech score --ref REF --hyp HYP [--hyp2 HYP2] [options]

Scores recognition hypotheses against reference transcripts: WER, SER and CER over the whole set,
per speaker and per utterance, with confusion pairs; with --hyp2, whether B is significantly better
than A (paired bootstrap). Inputs are Custom Speech transcript files (audio<TAB>text), sclite trn
files (text (id)) or Azure transcription JSON (a file or a folder of them); utterances are matched
by id (the audio file name without folder and extension).

Options:
  --ref <path>              Reference transcripts (human-labeled)
  --hyp <path>              Hypotheses of system A
  --hyp2 <path>             Hypotheses of system B, to compare with A
  --format <format>         Output: text (default), json, csv (per utterance), pra (alignments),
                            trn (normalized hypotheses of A)
  --out <folder>            Also write every output there: summary.txt, score.json, utterances.csv,
                            ref.trn, hyp-a.trn (hyp-b.trn), alignments-a.pra (alignments-b.pra)
  --no-normalize            Compare texts as written (split on white space only)
  --locale <locale>         Locale of the texts, for normalization (default en-US)
  --equivalents <file>      Equivalent spellings, one "variant = canonical" per line (okay = ok)
  --speaker-pattern <re>    Regular expression whose first group is the speaker in an utterance id
                            (default ${DEFAULT_SPEAKER_PATTERN}: up to the first _ or -, as sclite)
  --ref-format, --hyp-format <transcript|trn|azure-json>
                            Input formats, when the name and content do not tell
  --top <n>                 Confusion pairs and words listed in the text summary (default 10)
  -h, --help                Show this help

Exit code: 0 scored, 2 usage error or bad input (the message names the file and line).`;

export async function runScore(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        ref: { type: 'string' },
        hyp: { type: 'string' },
        hyp2: { type: 'string' },
        format: { type: 'string', default: 'text' },
        out: { type: 'string' },
        'no-normalize': { type: 'boolean', default: false },
        locale: { type: 'string', default: 'en-US' },
        equivalents: { type: 'string' },
        'speaker-pattern': { type: 'string' },
        'ref-format': { type: 'string' },
        'hyp-format': { type: 'string' },
        top: { type: 'string', default: '10' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(help + '\n');
    return 0;
  }
  if (!values.ref || !values.hyp) return usageError('--ref and --hyp are required');
  if (!formats.includes(values.format as OutputFormat)) return usageError(`--format must be one of ${formats.join(', ')}, not '${values.format}'`);
  for (const option of ['ref-format', 'hyp-format'] as const) {
    const value = values[option];
    if (value !== undefined && !corpusFormats.includes(value as CorpusFormat)) return usageError(`--${option} must be one of ${corpusFormats.join(', ')}, not '${value}'`);
  }
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 0) return usageError(`--top must be a whole number, not '${values.top}'`);

  try {
    const run = await scoreFiles({
      ref: values.ref,
      hyps: [values.hyp, ...(values.hyp2 ? [values.hyp2] : [])],
      normalize: !values['no-normalize'],
      locale: values.locale!,
      ...(values.equivalents ? { equivalents: values.equivalents } : {}),
      ...(values['speaker-pattern'] ? { speakerPattern: values['speaker-pattern'] } : {}),
      ...(values['ref-format'] ? { refFormat: values['ref-format'] as CorpusFormat } : {}),
      ...(values['hyp-format'] ? { hypFormat: values['hyp-format'] as CorpusFormat } : {}),
    });
    if (values.out) await writeOutputs(values.out, run, top);
    process.stdout.write(render(run, values.format as OutputFormat, top));
    // Every result names its normalization: text and JSON carry it; for the others, stderr says it.
    if (!['text', 'json'].includes(values.format!)) process.stderr.write(`custom-speech score: normalization: ${run.normalizer.description}\n`);
    for (const corpus of [run.reference, ...run.hypotheses]) {
      if (corpus.skipped?.length) process.stderr.write(`custom-speech score: ${corpus.path}: skipped what is not a transcription result: ${corpus.skipped.join(', ')}\n`);
    }
    const missing = run.systems.reduce((sum, system) => sum + system.missingHypotheses.length, 0);
    if (missing) process.stderr.write(`custom-speech score: ${missing.toLocaleString('en-US')} reference utterances have no hypothesis; they count as all deleted.\n`);
    return 0;
  } catch (error) {
    if (error instanceof ScoringInputError) {
      process.stderr.write(`custom-speech score: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** What `--format` prints. */
function render(run: ScoreRun, format: OutputFormat, top: number): string {
  switch (format) {
    case 'text':
      return formatScoreText(run, { top });
    case 'json':
      return JSON.stringify(toScoreJson(run), null, 2) + '\n';
    case 'csv':
      return formatScoreCsv(run);
    case 'pra':
      return run.systems.map((system) => formatPra(run, system)).join('\n');
    case 'trn':
      return formatTrn(run, run.systems[0]!);
  }
}

/** Every output, as files in `folder`: written one at a time, so only one is in memory. */
async function writeOutputs(folder: string, run: ScoreRun, top: number): Promise<void> {
  const files: [string, () => string][] = [
    ['summary.txt', () => render(run, 'text', top)],
    ['score.json', () => render(run, 'json', top)],
    ['utterances.csv', () => render(run, 'csv', top)],
    ['ref.trn', () => formatTrn(run, 'reference')],
  ];
  run.systems.forEach((system, index) => {
    const name = SYSTEM_NAMES[index]!.toLowerCase();
    files.push([`hyp-${name}.trn`, () => formatTrn(run, system)], [`alignments-${name}.pra`, () => formatPra(run, system)]);
  });
  await mkdir(folder, { recursive: true });
  for (const [name, make] of files) await writeFile(path.join(folder, name), make());
}

function usageError(message: string): number {
  process.stderr.write(`custom-speech score: ${message}\nRun 'custom-speech score --help' for usage.\n`);
  return 2;
}
