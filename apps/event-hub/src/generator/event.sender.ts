import type { GeneratedEvent } from './event.factory';

/**
 * What became of one request, as the report counts it: `accepted` (202, gRPC OK), `rejected`
 * (the hub refused the input or the caller: 4xx, INVALID_ARGUMENT, UNAUTHENTICATED), or
 * `failed` (no answer, or the hub's own fault: network, timeout, 5xx, UNAVAILABLE).
 */
export type SendOutcome =
  | { status: 'accepted'; accepted: number; duplicates: number }
  | { status: 'rejected'; message: string }
  | { status: 'failed'; message: string };

/**
 * One protocol's way to hand events to the hub. `send` never rejects: every failure is an
 * outcome the report counts.
 */
export interface EventSender {
  /** One request: a single event, or a batch (REST `/events/batch`, gRPC `SendEvents`). */
  send(events: readonly GeneratedEvent[]): Promise<SendOutcome>;
  close(): Promise<void>;
}

/**
 * Duck-typed, not `instanceof Error`: fetch's errors come from another realm under some
 * runners (jest's VM modules), where that check fails.
 */
export function isErrorLike(value: unknown): value is Pick<Error, 'name' | 'message' | 'cause'> {
  return typeof value === 'object' && value !== null && 'message' in value && 'name' in value;
}

/** How every sender describes an error it did not expect (a socket error, a bug). */
export function describeError(error: unknown): string {
  if (!isErrorLike(error)) return String(error);
  // fetch says only "fetch failed"; the reason (ECONNREFUSED, ...) is its cause.
  const cause = isErrorLike(error.cause) ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
