/**
 * `text` with every occurrence of each secret replaced: a second line of defence for text that goes
 * to a log or a message and might, through some other process or service, contain a key.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    // Short strings would blank out ordinary words: keys are long.
    if (secret && secret.length >= 8) result = result.split(secret).join('***');
  }
  return result;
}
