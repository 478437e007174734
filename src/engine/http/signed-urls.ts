import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * File links that work without the key header, like the service's SAS links: the path is signed
 * with an HMAC of the engine's key, so a link can be opened in a browser or by a download tool
 * while nothing else on the machine can read the data without the key.
 */
export function signPath(path: string, key: string): string {
  return createHmac('sha256', key).update(path).digest('base64url');
}

export function isSignedPath(path: string, signature: string | null, key: string): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signPath(path, key));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
