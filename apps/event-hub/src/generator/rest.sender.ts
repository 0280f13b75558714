import { describeError, type EventSender, isErrorLike, type SendOutcome } from './event.sender';

export interface RestSenderOptions {
  /** The hub's base URL, e.g. http://localhost:8000. */
  url: string;
  /** Sent as `X-API-Key` when set. */
  apiKey?: string;
  /** Every request goes to `POST /events/batch` with `{ events }`, else one `POST /events` each. */
  batch: boolean;
  /** A request not answered by then counts as failed. */
  timeoutMs: number;
}

/** `POST /events` answers `{ id, duplicate }`. */
interface SingleReply {
  duplicate?: unknown;
}

/** `POST /events/batch` answers `{ accepted, ids, duplicates }`. */
interface BatchReply {
  accepted?: unknown;
  duplicates?: unknown;
}

/** Sends events over the hub's REST API with the runtime's fetch (keep-alive connections). */
export function restSender(options: RestSenderOptions): EventSender {
  const base = options.url.replace(/\/+$/, '');
  const endpoint = options.batch ? `${base}/events/batch` : `${base}/events`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.apiKey) headers['x-api-key'] = options.apiKey;

  return {
    async send(events) {
      const body = options.batch ? { events } : events[0];
      let response: Response;
      let text: string;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        // Read the whole body even when it is not used: the connection goes back to the pool.
        text = await response.text();
      } catch (error) {
        const timedOut = isErrorLike(error) && error.name === 'TimeoutError';
        return {
          status: 'failed',
          message: timedOut
            ? `no answer within ${options.timeoutMs} ms`
            : `POST ${endpoint}: ${describeError(error)}`,
        };
      }
      return outcome(response, text, options.batch ? events.length : undefined);
    },
    async close() {},
  };
}

/** `batchSize` is the number of events a batch request carried; undefined for `POST /events`. */
function outcome(response: Response, text: string, batchSize?: number): SendOutcome {
  const reply = parseJson(text);
  if (response.ok) {
    if (batchSize === undefined) {
      const single = (reply ?? {}) as SingleReply;
      return { status: 'accepted', accepted: 1, duplicates: single.duplicate === true ? 1 : 0 };
    }
    const batch = (reply ?? {}) as BatchReply;
    return {
      status: 'accepted',
      accepted: typeof batch.accepted === 'number' ? batch.accepted : batchSize,
      duplicates: typeof batch.duplicates === 'number' ? batch.duplicates : 0,
    };
  }
  const message = `${response.status} ${response.statusText}: ${errorMessage(reply, text)}`;
  return response.status < 500 ? { status: 'rejected', message } : { status: 'failed', message };
}

/** Nest's error body says `message` (a string, or a list from its ValidationPipe). */
function errorMessage(reply: unknown, text: string): string {
  if (reply !== null && typeof reply === 'object' && 'message' in reply) {
    const { message } = reply;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return text.slice(0, 500) || '(empty body)';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
