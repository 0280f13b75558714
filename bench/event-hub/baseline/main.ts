/*
 * The baseline the event-hub benchmark compares the hub with (issue 16, "Throughput"): the
 * least a REST ingest onto a Redis stream can do. node:http and ioredis, no framework, no
 * validation: each `POST /events` body is parsed, wrapped in an entry of the hub's size and
 * shape (the CloudEvents JSON the hub writes to the `envelope` field), appended with one
 * `XADD MAXLEN ~` and answered 202 with its id; `POST /events/batch` does the same for each
 * event of `{"events": [...]}` in one MULTI/EXEC, as the hub's Redis adapter appends a
 * batch. `GET /health` answers 200 once Redis does.
 *
 * Environment: PORT, HOST, REDIS_URL, EVENTS_STREAM, EVENTS_STREAM_MAX_LEN (as the hub's).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Redis } from 'ioredis';

const port = Number(process.env.PORT ?? 8100);
const host = process.env.HOST ?? '127.0.0.1';
const stream = process.env.EVENTS_STREAM ?? 'events_baseline';
const maxLen = Number(process.env.EVENTS_STREAM_MAX_LEN ?? 1_000_000);
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

/** The event as the hub's envelope carries it, without checking a field. */
interface RawEvent {
  readonly user_id?: unknown;
  readonly event_type?: unknown;
  readonly amount?: unknown;
  readonly timestamp?: unknown;
  readonly idempotency_key?: unknown;
}

/** An entry like the hub's: the same attributes in the same order, so the same size. */
function envelopeOf(event: RawEvent, id: string, time: string): string {
  const type = typeof event.event_type === 'string' ? event.event_type.toUpperCase() : '';
  return JSON.stringify({
    specversion: '1.0',
    id,
    source: '/event-hub',
    type,
    subject: event.user_id,
    time,
    datacontenttype: 'application/json',
    correlationid: id,
    partitionkey: event.user_id,
    data: event,
  });
}

async function ingestOne(body: unknown): Promise<unknown> {
  const id = randomUUID();
  const entry = envelopeOf(body as RawEvent, id, new Date().toISOString());
  await redis.call('XADD', stream, 'MAXLEN', '~', maxLen, '*', 'envelope', entry);
  return { id, duplicate: false };
}

async function ingestBatch(body: unknown): Promise<unknown> {
  const events = (Array.isArray(body) ? body : (body as { events?: unknown }).events) as
    RawEvent[] | undefined;
  if (!Array.isArray(events)) throw new SyntaxError('expected {"events": [...]}');
  const time = new Date().toISOString();
  const ids = events.map(() => randomUUID());
  const transaction = redis.multi();
  events.forEach((event, index) => {
    const entry = envelopeOf(event, ids[index], time);
    transaction.call('XADD', stream, 'MAXLEN', '~', maxLen, '*', 'envelope', entry);
  });
  const results = await transaction.exec();
  const failure = results?.find(([error]) => error !== null)?.[0];
  if (!results || failure) throw failure ?? new Error('MULTI aborted');
  return { accepted: ids.length, ids, duplicates: 0 };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method === 'GET' && request.url === '/health') {
    await redis.ping();
    return answer(response, 200, { status: 'ok' });
  }
  const ingest =
    request.method !== 'POST'
      ? undefined
      : request.url === '/events'
        ? ingestOne
        : request.url === '/events/batch'
          ? ingestBatch
          : undefined;
  if (!ingest) return answer(response, 404, { message: 'not found' });
  let body: unknown;
  try {
    body = JSON.parse(await readBody(request));
  } catch (error) {
    return answer(response, 400, { message: String(error) });
  }
  answer(response, 202, await ingest(body));
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    if (!response.headersSent) answer(response, 500, { message: String(error) });
    else response.destroy();
  });
});
server.listen(port, host);

process.once('SIGTERM', () => {
  server.close();
  server.closeIdleConnections();
  redis.disconnect();
});
