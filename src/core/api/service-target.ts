/** Which Speech to Text service a connection talks to. */
export type ServiceTarget =
  /** An Azure AI Speech resource by region, e.g. `westeurope`. */
  | { kind: 'azure-region'; region: string }
  /** An Azure resource's own endpoint, e.g. `https://my-speech.cognitiveservices.azure.com` (custom domain, sovereign clouds). */
  | { kind: 'azure-endpoint'; endpoint: string }
  /** The local engine, e.g. `http://127.0.0.1:5123`. */
  | { kind: 'local'; url: string };

/** The API root of `target`: the URL every path (`/datasets`, …) is appended to. */
export function apiRootOf(target: ServiceTarget): string {
  switch (target.kind) {
    case 'azure-region': {
      const region = target.region.trim().toLowerCase();
      if (!/^[a-z0-9]+$/.test(region)) throw new Error(`'${target.region}' is not an Azure region name (like westeurope or eastus2).`);
      return `https://${region}.api.cognitive.microsoft.com/speechtotext`;
    }
    case 'azure-endpoint':
      return withApiPath(parseUrl(target.endpoint, 'endpoint'), true);
    case 'local':
      return withApiPath(parseUrl(target.url, 'local engine URL'), false);
  }
}

function parseUrl(text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(`The ${what} '${text}' is not a URL (like https://my-speech.cognitiveservices.azure.com).`);
  }
  if (url.search || url.hash) throw new Error(`The ${what} must not have a query or fragment: '${url.origin}${url.pathname}'.`);
  return url;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function withApiPath(url: URL, requireHttps: boolean): string {
  if (requireHttps && url.protocol !== 'https:') throw new Error(`The endpoint must use https, not ${url.protocol.replace(':', '')}: keys are not sent in the clear.`);
  if (!requireHttps && url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new Error(`The local engine URL must be http on this machine (127.0.0.1, localhost, [::1]) or https, not '${url.origin}': keys are not sent in the clear.`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path.endsWith('/speechtotext') ? path : `${path}/speechtotext`}`;
}
