import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}

/** A fault the test server applies to requests whose path (without query) matches. */
export interface Fault {
  match: (req: RecordedRequest) => boolean;
  /** Answer with this status (and an empty error body) instead of the real answer. */
  status?: number;
  /** The body of that answer instead of an empty error body (what a hostile server says). */
  body?: unknown;
  /** Hold the answer this long (the client should time out first). */
  delayMs?: number;
  /** Apply to this many matching requests, then stop (default: all). */
  times?: number;
}

export type Handler = (req: RecordedRequest) => { status: number; body?: unknown; headers?: Record<string, string> };

/** Loopback HTTP server shared by the Vault and KMS test servers: request log, faults, cleanup. */
export class HttpTestServer {
  readonly requests: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  /** Largest number of requests being answered at the same time. */
  maxInFlight = 0;
  #inFlight = 0;
  #server: Server;
  #url = '';

  constructor(handler: Handler, contentType: string) {
    this.#server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rec: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.requests.push(rec);
        this.#inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
        const fault = this.faults.find((f) => (f.times === undefined || f.times > 0) && f.match(rec));
        if (fault && fault.times !== undefined) fault.times--;
        const answer = fault?.status !== undefined ? { status: fault.status, body: fault.body ?? { errors: [] } } : handler(rec);
        const send = (): void => {
          this.#inFlight--;
          if (res.destroyed) return;
          res.writeHead(answer.status, { 'content-type': contentType, ...answer.headers });
          res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
        };
        const delay = fault?.delayMs ?? this.answerDelayMs;
        if (delay > 0) setTimeout(send, delay).unref();
        else send();
      });
    });
  }

  /** Delay applied to every answer (for concurrency checks). */
  answerDelayMs = 0;

  get url(): string {
    return this.#url;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.faults.length = 0;
    this.maxInFlight = 0;
    this.answerDelayMs = 0;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
