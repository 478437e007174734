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

// Each command group is its own bundle, required when run: `lint` in a CI step parses 170 KB instead of
// the 2.5 MB the engine and the service commands need (parsing them alone took 60 ms per run).
type LintBundle = typeof import('./cli/lint-bundle');
type CommandsBundle = typeof import('./cli/commands-bundle');
const lintBundle = (): LintBundle => require('./cli-lint.js') as LintBundle;
const commandsBundle = (): CommandsBundle => require('./cli-commands.js') as CommandsBundle;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  lint: (args) => lintBundle().runLint(args),
  score: (args) => commandsBundle().runScore(args),
  report: (args) => commandsBundle().runReport(args),
  serve: (args) => commandsBundle().runServe(args),
  upload: (args) => commandsBundle().runUpload(args),
  train: (args) => commandsBundle().runTrain(args),
  test: (args) => commandsBundle().runTestCommand(args),
  datasets: (args) => commandsBundle().runDatasets(args),
  models: (args) => commandsBundle().runModels(args),
  evaluations: (args) => commandsBundle().runEvaluations(args),
  endpoints: (args) => commandsBundle().runEndpoints(args),
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
