import { version } from '../package.json';

/** `custom-speech`: the command line. Each command lives in src/cli/; this file only dispatches. */

const usage = `Usage: custom-speech <command> [options]

Commands:
  lint <files|folders...>   Check dataset files against the service's rules (exit 1 on errors)
  score --ref R --hyp H     Word, sentence and character error rates, alignments, significance
  serve [--data D]          Run the local engine: the Custom Speech REST API on 127.0.0.1

Run 'custom-speech <command> --help' for the options of a command.`;

// Loaded when run: `lint` on a big file must not wait for the engine's modules (`serve`) to load.
const commands: Record<string, (args: string[]) => Promise<number>> = {
  lint: async (args) => (await import('./cli/lint-command')).runLint(args),
  score: async (args) => (await import('./cli/score-command')).runScore(args),
  serve: async (args) => (await import('./cli/serve-command')).runServe(args),
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
