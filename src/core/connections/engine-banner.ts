/**
 * The line `custom-speech serve` prints once it listens, and how a parent process reads the URL back
 * from it; the exit code that says why it did not. One place for the format, so the CLI and the
 * extension cannot drift apart.
 */

/**
 * `custom-speech serve` exits with this code, its reason as the last line of its error output, when
 * another engine holds its data folder: starting it again will not help until that one stops.
 */
export const FOLDER_IN_USE_EXIT_CODE = 3;

export function engineBanner(url: string, dataDir: string): string {
  return `Custom Speech local engine listening on ${url} (data in ${dataDir})`;
}

/** The engine's URL (e.g. `http://127.0.0.1:5123`) when `line` is the banner. */
export function urlFromEngineBanner(line: string): string | undefined {
  return /local engine listening on (http:\/\/\S+)/.exec(line)?.[1];
}
