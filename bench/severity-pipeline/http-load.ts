import {
  EVENT_STATUSES,
  type EventStatus,
} from '../../apps/severity-pipeline/src/events/event-status';

export interface LoadRequest {
  /** `http://127.0.0.1:<port>` of the API process. */
  readonly apiUrl: string;
  readonly token: string;
  /** Every event of the load has this source; its title carries its sequence number. */
  readonly source: string;
  readonly count: number;
  readonly clients: number;
  /** Requests per second at most; 0: unpaced. */
  readonly rate: number;
  readonly mix: Readonly<Record<EventStatus, number>>;
  readonly timeoutMs: number;
}

/** When the first request went out and the last answer came back (`Date.now()`). */
export interface LoadResult {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly sent: Readonly<Record<EventStatus, number>>;
}

/**
 * A closed-loop load: `clients` loops over fetch's keep-alive pool, each sending its next
 * `POST /api/events` as soon as the previous one is answered (and, with a rate, not before
 * its slot), until `count` were answered. Anything but a 201 stops the load: a benchmark of
 * failures is no benchmark.
 */
export async function runLoad(request: LoadRequest): Promise<LoadResult> {
  const { count, clients, timeoutMs, rate } = request;
  const statuses = statusSchedule(request.mix);
  const sent: Record<EventStatus, number> = { info: 0, warning: 0, error: 0 };
  const startedAt = Date.now();
  const deadline = startedAt + timeoutMs;
  let next = 0;
  const client = async (): Promise<void> => {
    for (let seq = next++; seq < count; seq = next++) {
      if (Date.now() > deadline) throw new Error(`the load took longer than ${timeoutMs} ms`);
      if (rate > 0) await until(startedAt + (seq * 1000) / rate);
      const status = statuses[seq % statuses.length];
      sent[status] += 1;
      await send(request, seq, status, deadline);
    }
  };
  await Promise.all(Array.from({ length: Math.min(clients, count) }, client));
  return { startedAt, endedAt: Date.now(), sent };
}

/**
 * 100 statuses in the mix's shares, spread out (a stride coprime with 100), so that every
 * stretch of the load has about the same mix.
 */
export function statusSchedule(mix: Readonly<Record<EventStatus, number>>): EventStatus[] {
  const ordered = EVENT_STATUSES.flatMap((status) =>
    Array.from({ length: mix[status] }, () => status),
  );
  return ordered.map((_, index) => ordered[(index * 37) % ordered.length]);
}

async function send(
  request: LoadRequest,
  seq: number,
  status: EventStatus,
  deadline: number,
): Promise<void> {
  const response = await fetch(`${request.apiUrl}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${request.token}` },
    body: JSON.stringify({
      title: `bench ${status} ${seq}`,
      message: `event ${seq} of a severity-pipeline benchmark run`,
      status,
      source: request.source,
    }),
    signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
  });
  const text = await response.text();
  if (response.status !== 201) {
    throw new Error(`POST /api/events: HTTP ${response.status}: ${text.slice(0, 500)}`);
  }
}

/** Fetches an access token the way the seed's clients do (`POST /api/token/`). */
export async function fetchToken(apiUrl: string, username: string, password: string) {
  const response = await fetch(`${apiUrl}/api/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { access?: string };
  if (response.status !== 200 || !body.access) {
    throw new Error(`POST /api/token/: HTTP ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.access;
}

function until(time: number): Promise<void> {
  const wait = time - Date.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
}
