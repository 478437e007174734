import { execFile } from 'node:child_process';
import * as path from 'node:path';

/**
 * The CMU Sphinx programs training runs: sphinx_fe and sphinx_lm_convert (sphinxbase-utils) and
 * pocketsphinx_mdef_convert (pocketsphinx) are on PATH; sphinxtrain's programs (bw, map_adapt,
 * mllr_solve, mllr_transform) live in a directory of their own.
 */

/** Where Debian's sphinxtrain installs its programs; another directory with the same programs may be set here. */
export const SPHINXTRAIN_DIRECTORY_ENV = 'CUSTOM_SPEECH_SPHINXTRAIN_DIR';
const DEBIAN_SPHINXTRAIN_DIRECTORY = '/usr/lib/sphinxtrain';

/** What to install when a program is missing. */
const PACKAGE_OF: Record<string, string> = {
  sphinx_fe: 'sphinxbase-utils',
  sphinx_lm_convert: 'sphinxbase-utils',
  pocketsphinx_mdef_convert: 'pocketsphinx',
};

/** The path of one of sphinxtrain's programs. */
export function sphinxtrainProgram(name: string): string {
  return path.join(process.env[SPHINXTRAIN_DIRECTORY_ENV] ?? DEBIAN_SPHINXTRAIN_DIRECTORY, name);
}

export interface ToolOptions {
  /** Stops the program (SIGKILL) and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** A program still running after this long is stopped and reported as hung. */
  timeoutMilliseconds: number;
}

/**
 * Runs a program without a shell and resolves with its output (both streams: the Sphinx tools log to
 * stderr and write results to stdout). A failure names the program and quotes the end of its log.
 */
export function runTool(program: string, args: readonly string[], options: ToolOptions): Promise<string> {
  const name = path.basename(program);
  return new Promise((resolve, reject) => {
    execFile(program, args, { maxBuffer: 256 << 20, timeout: options.timeoutMilliseconds, killSignal: 'SIGKILL', signal: options.signal }, (error, stdout, stderr) => {
      if (!error) return resolve(`${stdout}\n${stderr}`);
      if (options.signal?.aborted) return reject(options.signal.reason);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        return reject(new Error(`${name} is missing (${program}). Install the Debian/Ubuntu package ${PACKAGE_OF[name] ?? 'sphinxtrain'}, or run \`npm run setup\`.`));
      }
      const how = error.killed ? `was stopped after ${Number((options.timeoutMilliseconds / 1000).toFixed(1))} s (it seemed to hang)` : `failed (exit code ${String(code ?? error.signal)})`;
      reject(new Error(`${name} ${how}: ${logTail(`${stdout}\n${stderr}`)}`));
    });
  });
}

/** The last lines that say what went wrong: errors and warnings first, else the last lines of the log. */
export function logTail(log: string, count = 6): string {
  const lines = log.split('\n').map((line) => line.trim()).filter(Boolean);
  const problems = lines.filter((line) => /^(ERROR|FATAL|WARN|SYSTEM_ERROR)/.test(line));
  const tail = (problems.length ? problems : lines).slice(-count);
  return tail.length ? tail.join(' | ') : '(no output)';
}
