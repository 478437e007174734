/**
 * The line `custom-speech serve` prints once it listens, and how a parent process reads the URL back
 * from it. One place for the format, so the CLI and the extension cannot drift apart.
 */
export function engineBanner(url: string, dataDir: string): string {
  return `Custom Speech local engine listening on ${url} (data in ${dataDir})`;
}

/** The engine's URL (e.g. `http://127.0.0.1:5123`) when `line` is the banner. */
export function urlFromEngineBanner(line: string): string | undefined {
  return /local engine listening on (http:\/\/\S+)/.exec(line)?.[1];
}
