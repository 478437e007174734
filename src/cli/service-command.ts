import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { SpeechClient } from '../core/api/client';
import { connect, connectionOptions, type Connection } from './connection';
import { describeFailure, EXIT, redact } from './failure';
import { Progress } from './progress';
import { UsageError } from './usage-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed option values, read through the helpers below. */
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface ServiceContext {
  values: Values;
  positionals: string[];
  client: SpeechClient;
  connection: Connection;
  /** Aborted on Ctrl+C. */
  signal: AbortSignal;
  progress: Progress;
  /** `--json`: machine-readable results on stdout. */
  json: boolean;
}

/**
 * The one wrapper of every command that talks to a service: options (its own, the connection's,
 * --json, --help), the connection, Ctrl+C as cancellation, errors to exit codes — with the key
 * masked in anything written. The handler returns its exit code.
 */
export async function runServiceCommand(command: string, args: string[], help: string, options: Options, handler: (context: ServiceContext) => Promise<number>): Promise<number> {
  const progress = new Progress();
  const fail = (error: unknown, key?: string) => {
    progress.clear();
    const { message, code } = describeFailure(command, error);
    process.stderr.write(redact(`custom-speech ${command}: ${message}\n`, key ?? process.env.CUSTOM_SPEECH_KEY));
    return code;
  };
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { ...connectionOptions, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...options } });
  } catch (error) {
    return fail(new UsageError((error as Error).message));
  }
  const values = parsed.values as Values;
  if (values.help) {
    process.stdout.write(help + '\n');
    return EXIT.ok;
  }

  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(EXIT.cancelled);
    progress.note('Cancelling… (Ctrl+C again to quit at once)');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  let connection: Connection | undefined;
  let code: number;
  try {
    connection = await connect(values as Parameters<typeof connect>[0]);
    code = await handler({ values, positionals: parsed.positionals, client: connection.client, connection, signal: controller.signal, progress, json: values.json === true });
  } catch (error) {
    code = fail(controller.signal.aborted ? controller.signal.reason : error, connection?.key);
  } finally {
    progress.clear();
  }
  if (code === EXIT.cancelled) {
    // An engine started here would wait for its jobs before stopping; it resumes them next time.
    process.exit(EXIT.cancelled);
  }
  try {
    await connection?.close();
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  return code;
}

export function stringOption(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredOption(values: Values, name: string): string {
  const value = stringOption(values, name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

export function listOption(values: Values, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

export function numberOption(values: Values, name: string, check: (n: number) => boolean, what: string): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) throw new UsageError(`--${name} must be ${what}, not '${text}'`);
  return value;
}
