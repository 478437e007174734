import type { ParseArgsConfig } from 'node:util';
import type { SpeechClient } from '../core/api/client';
import type { ListOptions } from '../core/api/collection';
import { parseEntityUri } from '../core/api/ids';
import type { EntityError } from '../core/api/schemas';
import { isFinalStatus, waitForStatus } from '../core/api/wait';
import { runningProgress } from '../core/present/running-progress';
import { connectionHelp } from './connection';
import { EXIT } from './failure';
import { printFields, printJson, printTable, type Column } from './output';
import { seconds } from './progress';
import { numberOption, runServiceCommand, stringOption, type ServiceContext } from './service-command';
import { UsageError } from './usage-error';

/** What every entity has, as far as these commands show it. */
export interface Entity {
  self: string;
  displayName: string;
  locale: string;
  status?: string;
  description?: string;
  createdDateTime?: string;
  lastActionDateTime?: string;
  customProperties?: Record<string, string>;
  properties?: unknown;
}

interface Collection<T> {
  list(options?: ListOptions): AsyncGenerator<T>;
  get(id: string, signal?: AbortSignal): Promise<T>;
  poll(id: string, signal?: AbortSignal): Promise<{ entity: T; retryAfterMs?: number }>;
  delete(id: string, signal?: AbortSignal): Promise<void>;
}

/** One kind of entity (datasets, models, evaluations, endpoints): what differs between them. */
export interface EntitySpec<T extends Entity> {
  /** The command's name, e.g. `datasets`. */
  name: string;
  /** For messages, e.g. `dataset`. */
  singular: string;
  collection(client: SpeechClient): Collection<T>;
  /** Columns of `list` after ID and NAME. */
  columns: Column<T>[];
  /** Lines of `show` after the common ones. */
  fields(entity: T): [string, string | number | undefined][];
  createOptions: NonNullable<ParseArgsConfig['options']>;
  /** The options of `create`, as the help lists them. */
  createHelp: string;
  create(context: ServiceContext): Promise<T>;
}

export const idOf = (entity: { self: string }): string => parseEntityUri(entity.self)?.id ?? entity.self;

/** `custom-speech <entities> list|show|create|delete|wait …` for one kind of entity. */
export function entityCommand<T extends Entity>(spec: EntitySpec<T>): (args: string[]) => Promise<number> {
  const help = `Usage: custom-speech ${spec.name} <action> [options]

Actions:
  list [--filter F] [--top N]   The ${spec.name}; F is the service's filter, e.g. "status eq 'Failed'"
  show <id>                     One ${spec.singular}
  create [options]              Create a ${spec.singular} (below); --wait waits until it is Succeeded or Failed
  delete <id>                   Delete a ${spec.singular}
  wait <id>                     Wait until the ${spec.singular} is Succeeded or Failed

Create options:
${spec.createHelp}
  --wait                        Wait for the result (exit 1 when it failed)

Options:
  --json                        Machine-readable output on stdout (progress stays on stderr)
  -h, --help                    Show this help

${connectionHelp}

Exit code: 0 done, 1 the ${spec.singular} is Failed, 2 usage, connection or service error, 130 cancelled.`;
  const options = { filter: { type: 'string' }, top: { type: 'string' }, wait: { type: 'boolean' }, ...spec.createOptions } as const;
  return (args) => {
    // The action comes first; help works without one, and without a connection.
    const [action, ...rest] = args;
    if (action === undefined || action === '--help' || action === '-h') {
      process.stdout.write(help + '\n');
      return Promise.resolve(action === undefined ? EXIT.usage : EXIT.ok);
    }
    const actions: Record<string, (context: ServiceContext) => Promise<number>> = {
      list: (context) => list(spec, context),
      // Showing a Failed entity is no failure of `show`: only create --wait and wait exit 1 for it.
      show: async (context) => (show(spec, context, await spec.collection(context.client).get(onlyId(context, spec), context.signal)), EXIT.ok),
      create: (context) => create(spec, context),
      delete: (context) => remove(spec, context),
      wait: async (context) => show(spec, context, await waitFor(spec, context, onlyId(context, spec))),
    };
    const run = actions[action];
    if (!run) {
      process.stderr.write(`custom-speech ${spec.name}: unknown action '${action}' (list, show, create, delete, wait)\nRun 'custom-speech ${spec.name} --help' for usage.\n`);
      return Promise.resolve(EXIT.usage);
    }
    return runServiceCommand(`${spec.name} ${action}`, rest, help, options, run);
  };
}

function onlyId(context: ServiceContext, spec: { singular: string }): string {
  if (context.positionals.length !== 1) throw new UsageError(`name one ${spec.singular} id`);
  return context.positionals[0]!;
}

async function list<T extends Entity>(spec: EntitySpec<T>, context: ServiceContext): Promise<number> {
  if (context.positionals.length) throw new UsageError(`list takes no arguments, not '${context.positionals[0]}'`);
  const top = numberOption(context.values, 'top', (n) => Number.isInteger(n) && n > 0, 'a whole number above 0');
  const items: T[] = [];
  for await (const entity of spec.collection(context.client).list({ filter: stringOption(context.values, 'filter'), top: top === undefined ? undefined : Math.min(top, 100), signal: context.signal })) {
    items.push(entity);
    if (top !== undefined && items.length >= top) break;
  }
  if (context.json) printJson(items);
  else if (items.length === 0) process.stderr.write(`No ${spec.name}.\n`);
  else printTable(items, [{ title: 'ID', value: idOf }, { title: 'NAME', value: (e) => e.displayName }, ...spec.columns]);
  return EXIT.ok;
}

async function create<T extends Entity>(spec: EntitySpec<T>, context: ServiceContext): Promise<number> {
  if (context.positionals.length) throw new UsageError(`create takes options only, not '${context.positionals[0]}'`);
  let entity = await spec.create(context);
  context.progress.note(`Created ${spec.singular} ${idOf(entity)}.`);
  if (context.values.wait && !isFinalStatus(entity.status)) entity = await waitFor(spec, context, idOf(entity));
  return show(spec, context, entity);
}

async function remove<T extends Entity>(spec: EntitySpec<T>, context: ServiceContext): Promise<number> {
  const id = onlyId(context, spec);
  await spec.collection(context.client).delete(id, context.signal);
  if (context.json) printJson({ deleted: id });
  else process.stdout.write(`Deleted ${spec.singular} ${id}.\n`);
  return EXIT.ok;
}

function waitFor<T extends Entity>(spec: EntitySpec<T>, context: ServiceContext, id: string): Promise<T> {
  const collection = spec.collection(context.client);
  return waitForStatus((signal) => collection.poll(id, signal), {
    signal: context.signal,
    onProgress: (entity, elapsedMs) => {
      const done = runningProgress(entity);
      context.progress.update(`${spec.singular} ${id}: ${entity.status ?? 'pending'}${done ? ` ${done.percent}` : ''} (${seconds(elapsedMs)})`, entity.status);
    },
  });
}

/** Prints the entity; exit code 1 when it is Failed. */
function show<T extends Entity>(spec: EntitySpec<T>, context: ServiceContext, entity: T): number {
  const error = (entity.properties as { error?: EntityError } | undefined)?.error;
  if (context.json) printJson(entity);
  else {
    printFields([
      ['id', idOf(entity)],
      ['name', entity.displayName],
      ['status', entity.status],
      ['locale', entity.locale],
      ...spec.fields(entity),
      ['description', entity.description],
      ['created', entity.createdDateTime],
      ['last action', entity.lastActionDateTime],
      ['error', error ? `${error.code ?? ''}${error.code && error.message ? ': ' : ''}${error.message ?? ''}` : undefined],
      ...Object.entries(entity.customProperties ?? {}).map(([name, value]): [string, string] => [`tag ${name}`, value]),
    ]);
  }
  return entity.status === 'Failed' ? EXIT.failed : EXIT.ok;
}
