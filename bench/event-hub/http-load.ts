import { Agent, request } from 'node:http';
import { type LoadResult, runClosedLoop } from './closed-loop';

export interface HttpLoad {
  /** `http://127.0.0.1:<port>` of the server. */
  readonly url: string;
  /** `/events` or `/events/batch`. */
  readonly path: string;
  /** Bodies sent in turn. */
  readonly bodies: readonly Buffer[];
  /** Events one body carries (1, or the batch size). */
  readonly eventsPerBody: number;
  readonly clients: number;
  readonly seconds: number;
}

/**
 * `POST`s the bodies in turn from `clients` keep-alive connections (node:http, one socket per
 * client, kept for the whole load) and expects 202 for every one.
 */
export async function runHttpLoad(load: HttpLoad): Promise<LoadResult> {
  const { hostname, port } = new URL(load.url);
  // One agent per load: no socket the server closed while idle between loads is reused.
  const agent = new Agent({ keepAlive: true, maxSockets: load.clients });
  try {
    return await runClosedLoop({
      clients: load.clients,
      seconds: load.seconds,
      send: async (seq) => {
        const body = load.bodies[seq % load.bodies.length];
        const { status, text } = await post(agent, hostname, Number(port), load.path, body);
        if (status !== 202) {
          throw new Error(`POST ${load.path}: HTTP ${status}: ${text.slice(0, 500)}`);
        }
        return load.eventsPerBody;
      },
    });
  } finally {
    agent.destroy();
  }
}

function post(
  agent: Agent,
  host: string,
  port: number,
  path: string,
  body: Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        host,
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
