/**
 * undici, loaded the first time a request is made: it takes about 100 ms to load, which the
 * extension's activation (linting a file needs no network) should not pay.
 */
export function undici(): typeof import('undici') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('undici') as typeof import('undici');
}
