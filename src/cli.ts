import { version } from '../package.json';

/** `custom-speech`: the command line. Each command lives in src/cli/; this file only dispatches. */

const usage = `Usage: custom-speech <command> [options]

Workspace (customspeech.json):
  upload [names...]         Upload the manifest's datasets (unchanged ones are skipped)
  train [names...]          Train its model recipes (a recipe trained before is reused)
  test [names...]           Run its test plans and print WER; --fail-if-wer-above X and
                            --fail-if-worse-than MODEL make it a CI gate (exit 1)

Entities:
  datasets <action>         list | show <id> | create | delete <id> | wait <id>
  models <action>           the same for custom models
  evaluations <action>      the same for evaluations (tests)
  endpoints <action>        the same for endpoints
  All take --json for machine-readable output.

Files:
  lint <files|folders...>   Check dataset files against the service's rules (exit 1 on errors)
  score --ref R --hyp H     Word, sentence and character error rates, alignments, significance
  report --score S          The evaluation report (HTML, JSON, CSV, trn, pra) of a score.json or
  report --evaluation ID    of an evaluation: why B beats A, and which data to add next
  serve [--data D]          Run the local engine: the Custom Speech REST API on 127.0.0.1

Connection (workspace and entity commands):
  --region R | --endpoint URL   Azure AI Speech (or CUSTOM_SPEECH_REGION / CUSTOM_SPEECH_ENDPOINT)
  --url URL                     A running local engine (or CUSTOM_SPEECH_URL)
  neither                       A local engine started for the command (data as 'serve' keeps it)
  The key comes from the environment variable CUSTOM_SPEECH_KEY only.

Exit codes: 0 ok, 1 a gate or check failed or an entity is Failed, 2 usage, connection or
service error, 130 cancelled.

Run 'custom-speech <command> --help' for the options of a command.`;

// Loaded when run: `lint` on a big file must not wait for the engine's modules (`serve`) to load.
const commands: Record<string, (args: string[]) => Promise<number>> = {
  lint: async (args) => (await import('./cli/lint-command')).runLint(args),
  score: async (args) => (await import('./cli/score-command')).runScore(args),
  report: async (args) => (await import('./cli/report-command')).runReport(args),
  serve: async (args) => (await import('./cli/serve-command')).runServe(args),
  upload: async (args) => (await import('./cli/upload-command')).runUpload(args),
  train: async (args) => (await import('./cli/train-command')).runTrain(args),
  test: async (args) => (await import('./cli/test-command')).runTestCommand(args),
  datasets: async (args) => (await import('./cli/entities/datasets')).runDatasets(args),
  models: async (args) => (await import('./cli/entities/models')).runModels(args),
  evaluations: async (args) => (await import('./cli/entities/evaluations')).runEvaluations(args),
  endpoints: async (args) => (await import('./cli/entities/endpoints')).runEndpoints(args),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`custom-speech: unknown command '${name}'\n\n${usage}\n`);
    return 2;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`custom-speech: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
