import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { manifestSchema, MANIFEST_FILE_NAME, type Manifest } from './manifest-schema';

/** A manifest problem, with where it is: a 1-based line when known, and the JSON path. */
export interface ManifestProblem {
  line?: number;
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
  constructor(
    readonly file: string,
    readonly problems: ManifestProblem[],
  ) {
    super(problems.map((p) => `${file}${p.line ? `:${p.line}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n'));
  }
}

export interface LoadedManifest {
  file: string;
  /** The folder paths are relative to. */
  folder: string;
  manifest: Manifest;
  /** Problems that do not stop it from being used. */
  warnings: ManifestProblem[];
}

/** Reads and checks `file` (or `folder/customspeech.json`); throws a ManifestError naming every problem. */
export async function loadManifest(fileOrFolder: string): Promise<LoadedManifest> {
  const file = fileOrFolder.endsWith('.json') ? fileOrFolder : path.join(fileOrFolder, MANIFEST_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ManifestError(file, [{ path: '', severity: 'error', message: code === 'ENOENT' ? `there is no ${MANIFEST_FILE_NAME} here; create one to describe the workspace's datasets, models and tests.` : `cannot be read (${code ?? String(error)}).` }]);
  }
  const { manifest, problems } = parseManifest(text);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!manifest || errors.length) throw new ManifestError(file, errors);
  return { file, folder: path.dirname(file), manifest, warnings: problems.filter((p) => p.severity === 'warning') };
}

/** Parses manifest text: the manifest when it can be used, and every problem found. */
export function parseManifest(text: string): { manifest?: Manifest; problems: ManifestProblem[] } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { problems: [{ line: syntaxErrorLine(text, error), path: '', severity: 'error', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => {
        const jsonPath = issue.path.map(String);
        const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
        return { line: lineOfPath(text, jsonPath), path: formatPath(jsonPath), severity: 'error' as const, message: missing ? `is required (${issue.expected}).` : issue.message };
      }),
    };
  }
  const problems = crossReferenceProblems(parsed.data).map((p) => ({ ...p, line: lineOfPath(text, p.jsonPath), path: formatPath(p.jsonPath) }));
  return { manifest: parsed.data, problems: problems.map(({ jsonPath: _, ...rest }) => rest) };
}

const TEST_KINDS = new Set(['Acoustic', 'AudioFiles']);

/** What the schema cannot say: references between entries, and test data used for training. */
function crossReferenceProblems(manifest: Manifest): (Omit<ManifestProblem, 'path'> & { jsonPath: string[] })[] {
  const problems: (Omit<ManifestProblem, 'path'> & { jsonPath: string[] })[] = [];
  const datasetNames = Object.keys(manifest.datasets);
  for (const [modelName, model] of Object.entries(manifest.models)) {
    model.datasets.forEach((dataset, i) => {
      const entry = manifest.datasets[dataset];
      if (!entry) problems.push({ jsonPath: ['models', modelName, 'datasets', String(i)], severity: 'error', message: `there is no dataset '${dataset}'${suggest(dataset, datasetNames)}.` });
      else if (entry.kind === 'AudioFiles') problems.push({ jsonPath: ['models', modelName, 'datasets', String(i)], severity: 'error', message: `'${dataset}' is AudioFiles (audio without transcripts): it can test a model, not train one.` });
    });
  }
  for (const [testName, test] of Object.entries(manifest.tests)) {
    const dataset = manifest.datasets[test.dataset];
    if (!dataset) problems.push({ jsonPath: ['tests', testName, 'dataset'], severity: 'error', message: `there is no dataset '${test.dataset}'${suggest(test.dataset, datasetNames)}.` });
    else if (!TEST_KINDS.has(dataset.kind)) problems.push({ jsonPath: ['tests', testName, 'dataset'], severity: 'error', message: `'${test.dataset}' is ${dataset.kind}; a test dataset is Acoustic (audio and transcripts) or AudioFiles (audio only).` });
    test.models.forEach((model, i) => {
      if (model === 'base') return;
      const recipe = manifest.models[model];
      if (!recipe) {
        problems.push({ jsonPath: ['tests', testName, 'models', String(i)], severity: 'error', message: `there is no model '${model}'${suggest(model, Object.keys(manifest.models))}; use a model of this manifest or "base".` });
      } else if (recipe.datasets.includes(test.dataset)) {
        problems.push({ jsonPath: ['tests', testName, 'dataset'], severity: 'warning', message: `'${model}' is trained with '${test.dataset}': its results on it will look better than they are. Test with audio the model never saw.` });
      }
    });
    if (test.models.length === 2 && test.models[0] === test.models[1]) problems.push({ jsonPath: ['tests', testName, 'models'], severity: 'error', message: 'the two models are the same.' });
  }
  return problems;
}

function suggest(wrong: string, names: string[]): string {
  const close = names.find((name) => name.toLowerCase() === wrong.toLowerCase() || name.toLowerCase().startsWith(wrong.toLowerCase().slice(0, 3)));
  return close ? ` (did you mean '${close}'?)` : names.length ? ` (there are: ${names.slice(0, 6).join(', ')})` : '';
}

function formatPath(jsonPath: string[]): string {
  return jsonPath.map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/** The line of a JSON syntax error, from the position V8 reports. */
function syntaxErrorLine(text: string, error: unknown): number | undefined {
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  return position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
}

/**
 * The line where `jsonPath` appears in `text`: each key is searched in turn after the previous one,
 * which finds the right place in the manifests people write (keys in order, one per line).
 */
function lineOfPath(text: string, jsonPath: string[]): number | undefined {
  let at = 0;
  for (const part of jsonPath) {
    if (/^\d+$/.test(part)) continue;
    const found = text.indexOf(JSON.stringify(part), at);
    if (found < 0) break;
    at = found;
  }
  return at === 0 ? undefined : text.slice(0, at).split('\n').length;
}
