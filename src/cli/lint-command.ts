import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fileKinds, guessKindFromName, isFileKind, type FileKind } from '../core/lint/kinds';
import { lintFile } from '../core/lint/lint-file';
import type { Problem, Severity } from '../core/lint/problem';

const help = `Usage: custom-speech lint <files|folders...> [options]

Checks transcript, pronunciation, related-text and structured-text files with the same rules as the
editor. Folders are searched recursively for files whose name tells their kind (trans*.txt, *.tsv,
pron*.txt, related*.txt, *.md …); name files explicitly with --kind to lint any name.

Options:
  --locale <locale>     Dataset locale (default en-US)
  --kind <kind>         Kind of the named files: ${fileKinds.join(', ')}
  --format <text|json>  Output format (default text)
  --rule <code=level>   Override a rule: level is error, warning, info, hint or off (repeatable)
  --no-audio            Skip the checks of the audio files beside transcripts (text rules only)
  -h, --help            Show this help

Exit code: 0 no errors, 1 errors found, 2 usage error or unreadable input.`;

interface Target {
  file: string;
  kind: FileKind;
}

export async function runLint(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        locale: { type: 'string', default: 'en-US' },
        kind: { type: 'string' },
        format: { type: 'string', default: 'text' },
        rule: { type: 'string', multiple: true, default: [] },
        'no-audio': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(help + '\n');
    return 0;
  }
  if (positionals.length === 0) return usageError('name at least one file or folder');
  if (values.format !== 'text' && values.format !== 'json') return usageError(`--format must be text or json, not '${values.format}'`);
  if (values.kind !== undefined && !isFileKind(values.kind)) return usageError(`--kind must be one of ${fileKinds.join(', ')}, not '${values.kind}'`);
  const severities = parseRuleOverrides(values.rule ?? []);
  if (typeof severities === 'string') return usageError(severities);

  const targets: Target[] = [];
  const unreadable: string[] = [];
  for (const input of positionals) {
    try {
      await collectTargets(input, values.kind as FileKind | undefined, targets, true);
    } catch (error) {
      unreadable.push(`${input}: ${(error as Error).message}`);
    }
  }

  const output = values.format === 'json' ? new JsonOutput() : new TextOutput();
  const totals = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const target of targets) {
    output.beginFile(target);
    try {
      await lintFile(target.file, target.kind, {
        locale: values.locale!,
        severities,
        onProblem: (problem) => {
          totals[problem.severity]++;
          output.problem(target, problem);
        },
      }, { blockingReads: true, checkAudio: !values['no-audio'] });
    } catch (error) {
      unreadable.push(`${target.file}: ${(error as Error).message}`);
    }
    output.endFile();
  }
  output.finish(totals, targets.length, unreadable);
  stdout.flush();
  for (const message of unreadable) process.stderr.write(`custom-speech lint: ${message}\n`);
  if (unreadable.length) return 2;
  return totals.error > 0 ? 1 : 0;
}

async function collectTargets(input: string, kind: FileKind | undefined, into: Target[], named: boolean): Promise<void> {
  const info = await stat(input);
  if (info.isDirectory()) {
    const entries = await readdir(input, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = path.join(input, entry.name);
      if (entry.isDirectory() || entry.isFile()) await collectTargets(child, kind, into, false);
    }
    return;
  }
  const fileKind = named ? (kind ?? guessKindFromName(input)) : guessKindFromName(input);
  if (fileKind) into.push({ file: input, kind: fileKind });
  else if (named) throw new Error(`cannot tell what kind of dataset file this is from its name; pass --kind (${fileKinds.join(', ')})`);
}

function parseRuleOverrides(rules: string[]): Record<string, Severity | 'off'> | string {
  const levels = ['error', 'warning', 'info', 'hint', 'off'];
  const out: Record<string, Severity | 'off'> = {};
  for (const rule of rules) {
    const [code, level] = rule.split('=');
    if (!code || !level || !levels.includes(level)) return `--rule takes code=level with level one of ${levels.join(', ')}, not '${rule}'`;
    out[code] = level as Severity | 'off';
  }
  return out;
}

function usageError(message: string): number {
  process.stderr.write(`custom-speech lint: ${message}\nRun 'custom-speech lint --help' for usage.\n`);
  return 2;
}

type Totals = Record<Severity, number>;

/** Batches output: one write per problem costs more than linting the line on big files. */
class BufferedStdout {
  private pending = '';
  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= 1 << 16) this.flush();
  }
  flush(): void {
    if (this.pending) process.stdout.write(this.pending);
    this.pending = '';
  }
}

const stdout = new BufferedStdout();

interface Output {
  beginFile(target: Target): void;
  problem(target: Target, problem: Problem): void;
  endFile(): void;
  finish(totals: Totals, files: number, unreadable: string[]): void;
}

/** `file:line:col: severity code: message` — the format terminals and VS Code's problem matchers link. */
class TextOutput implements Output {
  beginFile(): void {}
  problem(target: Target, p: Problem): void {
    stdout.write(`${target.file}:${p.range.line + 1}:${p.range.start + 1}: ${p.severity} ${p.code}: ${p.message}\n`);
  }
  endFile(): void {}
  finish(totals: Totals, files: number): void {
    const parts = [`${totals.error} error${totals.error === 1 ? '' : 's'}`, `${totals.warning} warning${totals.warning === 1 ? '' : 's'}`];
    if (totals.info) parts.push(`${totals.info} info`);
    stdout.write(`${files} file${files === 1 ? '' : 's'} checked: ${parts.join(', ')}\n`);
  }
}

/**
 * One JSON document, written as problems are found so memory stays flat on huge files:
 * `{version, files: [{path, kind, problems: [...]}], summary}`. Lines and columns are 1-based.
 */
class JsonOutput implements Output {
  private firstFile = true;
  private firstProblem = true;
  constructor() {
    stdout.write('{"version":1,"files":[');
  }
  beginFile(target: Target): void {
    stdout.write(`${this.firstFile ? '' : ','}\n{"path":${JSON.stringify(target.file)},"kind":"${target.kind}","problems":[`);
    this.firstFile = false;
    this.firstProblem = true;
  }
  problem(_target: Target, p: Problem): void {
    const endLine = (p.range.endLine ?? p.range.line) + 1;
    const record = { code: p.code, severity: p.severity, message: p.message, line: p.range.line + 1, column: p.range.start + 1, endLine, endColumn: p.range.end + 1, ...(p.fix ? { fix: p.fix.title } : {}) };
    stdout.write(`${this.firstProblem ? '' : ','}\n${JSON.stringify(record)}`);
    this.firstProblem = false;
  }
  endFile(): void {
    stdout.write(']}');
  }
  finish(totals: Totals, files: number, unreadable: string[]): void {
    stdout.write(`\n],"summary":${JSON.stringify({ files, errors: totals.error, warnings: totals.warning, infos: totals.info, hints: totals.hint, unreadable })}}\n`);
  }
}
