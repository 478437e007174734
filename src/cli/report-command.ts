import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { buildReport } from '../core/report/build-report';
import { evaluationReportInput, EvaluationResultsError, type EvaluationReportOptions } from '../core/report/evaluation-input';
import { reportCsv } from '../core/report/export/report-csv';
import { reportHtml } from '../core/report/export/report-html';
import { reportJson } from '../core/report/export/report-json';
import { reportPra, reportTrn } from '../core/report/export/report-sclite';
import { ScoreFileError } from '../core/report/parse-score';
import type { ExportFormat } from '../core/report/protocol';
import { loadReportAssets, ReportAssetsMissingError } from '../core/report/report-assets';
import type { ReportInput, ReportModel } from '../core/report/report-model';
import { scoreFileReportInput } from '../core/report/score-file-input';
import { readCorpus } from '../core/scoring/readers';
import { ScoringInputError } from '../core/scoring/types';
import { connectionHelp, connectionOptions } from './connection';
import { EXIT } from './failure';
import { runServiceCommand } from './service-command';
import { UsageError } from './usage-error';

const formats: readonly ExportFormat[] = ['html', 'json', 'csv', 'trn', 'pra'];

const help = `Usage: custom-speech report (--score <score.json> | --evaluation <id>) [options]

Writes the evaluation report: WER, SER and CER per model, B against A with its significance, per
speaker and per utterance with alignments, the most frequent errors, and which data to add next.
The HTML file is self-contained: open it in a browser, attach it to a review.

Input (one of):
  --score <file>            A stored score: 'custom-speech score --format json' output, or an
                            evaluation's score.json
  --evaluation <id>         An evaluation of the service: the local engine's stored score.json, or
                            (Azure) each model's transcription results scored against the test
                            dataset's transcript, downloaded from the service

With --evaluation:
  --results <source>        auto (default: score.json when there is one, else the transcriptions),
                            score-file, or transcriptions
  --ref <file>              The reference transcript (<audio file><TAB><text>, or trn) to score the
                            transcriptions against, instead of the test dataset's

Options:
  --out <file>              Where to write (default report.<format>; '-' for stdout)
  --format <format>         html (default), json (the report model), csv (one row per utterance
                            and model), trn (normalized hypotheses of one model), pra (alignments)
  --system <A|B>            The model whose hypotheses --format trn writes (default A)
  --title <text>            The report's title (default: the evaluation's name or the file's)
  -h, --help                Show this help

${connectionHelp}

Exit code: 0 written, 2 usage error, bad input, missing front end, results that cannot be read
(an evaluation not Succeeded, a transcription gone or malformed), or connection or service error.`;

const options = {
  score: { type: 'string' },
  evaluation: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string', default: 'html' },
  system: { type: 'string', default: 'A' },
  title: { type: 'string' },
  results: { type: 'string', default: 'auto' },
  ref: { type: 'string' },
} as const;

const resultSources: readonly NonNullable<EvaluationReportOptions['results']>[] = ['auto', 'score-file', 'transcriptions'];

interface ReportOptions {
  format: ExportFormat;
  out: string;
  system: number;
  title: string | undefined;
}

export async function runReport(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({ args, strict: true, options: { ...connectionOptions, ...options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(help + '\n');
    return EXIT.ok;
  }
  const format = values.format as ExportFormat;
  if (!formats.includes(format)) return usageError(`--format must be one of ${formats.join(', ')}, not '${values.format}'`);
  const system = ['A', 'B'].indexOf(values.system!.toUpperCase());
  if (system < 0) return usageError(`--system must be A or B, not '${values.system}'`);
  if (!values.score === !values.evaluation) return usageError('give --score <file> or --evaluation <id> (one of them)');
  const report: ReportOptions = { format, out: values.out ?? `report.${format}`, system, title: values.title };

  if (values.evaluation) {
    const id = values.evaluation;
    const results = values.results as EvaluationReportOptions['results'] & string;
    if (!resultSources.includes(results)) return usageError(`--results must be one of ${resultSources.join(', ')}, not '${values.results}'`);
    if (values.ref && results === 'score-file') return usageError('--ref is the reference for the transcriptions, not for --results score-file');
    // The service wrapper parses again: it owns connecting, Ctrl+C and the error messages.
    return runServiceCommand('report', args, help, options, async ({ client, connection, signal }) => {
      try {
        const reference = values.ref ? await readCorpus(values.ref) : undefined;
        return await write(await evaluationReportInput(client, id, connection.description, { signal, results, ...(reference ? { reference } : {}) }), report);
      } catch (error) {
        if (error instanceof EvaluationResultsError || error instanceof ScoringInputError) return failure(error.message);
        throw error;
      }
    });
  }
  if (values.ref || values.results !== 'auto') return usageError('--ref and --results go with --evaluation');
  if (['connection', 'region', 'endpoint', 'url', 'data'].some((name) => values[name as keyof typeof values] !== undefined)) {
    return usageError('the connection options go with --evaluation, not --score');
  }
  try {
    return await write(await scoreFileReportInput(values.score!), report);
  } catch (error) {
    if (error instanceof ScoreFileError || error instanceof ReportAssetsMissingError || error instanceof UsageError) return failure(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return failure(`cannot read ${(error as NodeJS.ErrnoException).path ?? values.score}: no such file`);
    throw error;
  }
}

async function write(input: ReportInput, options: ReportOptions): Promise<number> {
  if (options.title) input = { ...input, meta: { ...input.meta, title: options.title } };
  const model = buildReport(input);
  if (options.format === 'trn' && !model.systems[options.system]) throw new UsageError(`--system B: the score has one model only`);
  const text = await render(model, options);
  if (options.out === '-') process.stdout.write(text);
  else {
    await writeFile(options.out, text);
    process.stderr.write(`custom-speech report: wrote ${options.out}\n`);
  }
  return EXIT.ok;
}

async function render(model: ReportModel, options: ReportOptions): Promise<string> {
  switch (options.format) {
    case 'html':
      // At run time this file is dist/cli.js: the package root is its parent.
      return reportHtml(model, await loadReportAssets(path.resolve(__dirname, '..')));
    case 'json':
      return reportJson(model);
    case 'csv':
      return reportCsv(model);
    case 'trn':
      return reportTrn(model, options.system);
    case 'pra':
      return reportPra(model);
  }
}

function failure(message: string): number {
  process.stderr.write(`custom-speech report: ${message}\n`);
  return EXIT.usage;
}

function usageError(message: string): number {
  return failure(`${message}\nRun 'custom-speech report --help' for usage.`);
}
