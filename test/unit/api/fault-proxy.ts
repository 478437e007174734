import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback proxy in front of the real engine that injects the faults a real network produces
 * but a real engine cannot on demand: throttling, unavailability, dropped connections, slowness.
 */
export type Fault =
  /** Answers 429 with `Retry-After` without forwarding. */
  | { kind: 'throttle'; retryAfterSeconds: number }
  /** Answers 503 (optionally with `Retry-After`) without forwarding. */
  | { kind: 'unavailable'; retryAfterSeconds?: number }
  /** Answers 502 (a gateway) without forwarding. */
  | { kind: 'bad-gateway' }
  /** Drops the connection before forwarding: the engine never sees the request. */
  | { kind: 'reset-before' }
  /** Forwards, lets the engine act, then drops the connection halfway through the answer. */
  | { kind: 'reset-after' }
  /** Answers with this status and body instead of the engine (a captive portal, a misconfigured gateway). */
  | { kind: 'replace'; status: number; body: string }
  /** Forwards after `delayMs`. */
  | { kind: 'slow'; delayMs: number };

export interface FaultRule {
  method?: string;
  /** Tested against the path (without the query). */
  path: RegExp;
  /** How many matching requests get the fault (then they pass). */
  times: number;
  /** Matching requests to let through before the fault starts. */
  skip?: number;
  fault: Fault;
}

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** What the proxy did with it. */
  outcome: Fault['kind'] | 'forwarded';
  at: number;
}

export class FaultProxy {
  readonly seen: SeenRequest[] = [];
  private rules: FaultRule[] = [];

  private constructor(
    private readonly server: Server,
    private readonly target: URL,
  ) {}

  static async start(targetUrl: string): Promise<FaultProxy> {
    let proxy!: FaultProxy;
    const server = createServer((request, response) => void proxy.handle(request, response));
    proxy = new FaultProxy(server, new URL(targetUrl));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Adds faults; the first matching rule with uses left applies. */
  inject(...rules: FaultRule[]): void {
    this.rules.push(...rules.map((rule) => ({ ...rule })));
  }

  clear(): void {
    this.rules = [];
    this.seen.length = 0;
  }

  requests(method: string, path: RegExp): SeenRequest[] {
    return this.seen.filter((seen) => seen.method === method && path.test(seen.path));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://proxy');
    const matching = this.rules.find((candidate) => candidate.times > 0 && (!candidate.method || candidate.method === request.method) && candidate.path.test(url.pathname));
    let rule = matching;
    if (matching?.skip) {
      matching.skip--;
      rule = undefined;
    } else if (matching) {
      matching.times--;
    }
    const fault = rule?.fault;
    this.seen.push({ method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, outcome: fault?.kind ?? 'forwarded', at: Date.now() });
    const body = await readAll(request);
    switch (fault?.kind) {
      case 'throttle':
        return void response.writeHead(429, { 'Retry-After': String(fault.retryAfterSeconds), 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 'TooManyRequests', message: 'Too many requests.' }));
      case 'unavailable':
        return void response.writeHead(503, { ...(fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) }) }).end('Service Unavailable');
      case 'bad-gateway':
        return void response.writeHead(502, { 'Content-Type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
      case 'replace':
        return void response.writeHead(fault.status, { 'Content-Type': 'text/html' }).end(fault.body);
      case 'reset-before':
        return void request.socket.destroy();
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        break;
    }
    const answer = await this.forward(request, url, body);
    if (fault?.kind === 'reset-after') {
      // Headers and half the body, then the connection goes.
      response.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length + 100) });
      response.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
      setTimeout(() => response.socket?.destroy(), 10);
      return;
    }
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  }

  private forward(request: IncomingMessage, url: URL, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers = { ...request.headers, host: this.target.host };
      const upstream = httpRequest(new URL(url.pathname + url.search, this.target), { method: request.method, headers }, (answer) => {
        void readAll(answer).then((bytes) => {
          const copied: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && name !== 'transfer-encoding' && name !== 'connection') copied[name] = value;
          copied['content-length'] = String(bytes.length);
          resolve({ status: answer.statusCode ?? 502, headers: copied, body: bytes });
        }, reject);
      });
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
