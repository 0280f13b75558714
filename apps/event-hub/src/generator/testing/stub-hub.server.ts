import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the stub received it. */
export interface StubRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** What the stub answers a request with; by default the hub's 202 for the path. */
export type StubAnswer = (request: StubRequest) => { status: number; body?: unknown } | 'hang';

/**
 * A stand-in for the hub's REST ingest (`POST /events`, `POST /events/batch`) that records
 * every request and answers as the real API does, or as a test tells it to (a 5xx, a hang),
 * which the real app cannot be made to do on cue: for the REST sender's tests.
 */
export class StubHubServer {
  readonly requests: StubRequest[] = [];
  answer: StubAnswer = accepted;
  private server?: Server;

  /** Starts listening on a free port of 127.0.0.1 and returns the base URL. */
  async start(): Promise<string> {
    const server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const request: StubRequest = {
          method: incoming.method ?? '',
          path: incoming.url ?? '',
          headers: incoming.headers,
          body: text ? (JSON.parse(text) as unknown) : undefined,
        };
        this.requests.push(request);
        const answer = this.answer(request);
        if (answer === 'hang') return;
        outgoing.writeHead(answer.status, { 'content-type': 'application/json' });
        outgoing.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** The events received, in order, from single and batch requests alike. */
  events(): unknown[] {
    return this.requests.flatMap(({ path, body }) =>
      path === '/events/batch' ? (body as { events: unknown[] }).events : [body],
    );
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

let nextId = 0;

/** The hub's answers to good input: 202 with the new ids. */
export const accepted: StubAnswer = ({ path, body }) => {
  if (path === '/events/batch') {
    const { events } = body as { events: unknown[] };
    return {
      status: 202,
      body: { accepted: events.length, ids: events.map(() => `id-${++nextId}`), duplicates: 0 },
    };
  }
  return { status: 202, body: { id: `id-${++nextId}`, duplicate: false } };
};
