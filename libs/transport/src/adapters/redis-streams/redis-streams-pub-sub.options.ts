import type { Redis } from 'ioredis';
import type { TransportLogger } from '../../ports/transport-logger.port';

export interface RedisStreamsPubSubOptions {
  /**
   * `redis://` URL (the adapter opens and closes its own connections), or an ioredis instance
   * the caller owns: it carries publishes and acknowledgements and is never closed by the
   * adapter; each subscription blocks on a `duplicate()` of it instead.
   */
  readonly connection: string | Redis;
  /** Prepended to the topic to name its stream (default `events:`, so `events:user_events`). */
  readonly keyPrefix?: string;
  /**
   * Entries a stream keeps (default 100,000; `Infinity` never trims). A stream written to is
   * trimmed back to it within `trimIntervalMs`, but never past an entry some consumer group
   * has not acknowledged: while a group is behind, its stream keeps its whole backlog. A
   * stream no group reads is simply cut to `maxLen`.
   */
  readonly maxLen?: number;
  /** How soon after a write a stream longer than `maxLen` is trimmed (default 1 s). */
  readonly trimIntervalMs?: number;
  /**
   * How long one `XREADGROUP` waits for new entries (default 5 s). Short enough that a live
   * member refreshes its idle time well before `forgetIdleConsumersAfterMs`; closing never
   * waits for it (the blocked read is interrupted).
   */
  readonly blockMs?: number;
  /**
   * How often each member looks for entries abandoned by others, i.e. pending longer than
   * `minIdleTimeMs` or handed over by a closing member (default 1 s). One cheap `XAUTOCLAIM`.
   */
  readonly claimIntervalMs?: number;
  /**
   * How long an entry must have been pending without a sign of life before another member
   * takes it (default 30 s): the time to recover the events of a crashed process. Members
   * refresh the entries they hold every `minIdleTimeMs / 3`, so a slow handler keeps its
   * event however long it runs.
   */
  readonly minIdleTimeMs?: number;
  /**
   * Wait before redelivering an event whose handler threw on delivery `attempt`. Default:
   * 10 ms doubling per attempt, capped at 1 s (in-process retries with real backoff belong in
   * the `retry` middleware), as with the in-memory adapter.
   */
  readonly redeliveryDelayMs?: (attempt: number) => number;
  /**
   * Consumers (closed or crashed subscriptions) with nothing pending that have not been seen
   * for this long are removed from their group (default 1 h), so `XINFO CONSUMERS` does not
   * grow with every restart. Must exceed `blockMs` by far.
   */
  readonly forgetIdleConsumersAfterMs?: number;
  /** Where handler and connection failures are reported; default Nest's `Logger`. */
  /**
   * Told of each message the adapter moved to `<topic>.dlq` itself because it held no valid
   * event (poison), with the topic it came from: the transport module counts them in
   * `events_dead_lettered_total` beside the dead letters the middleware publishes.
   */
  readonly onPoisonDeadLettered?: (topic: string) => void;
  readonly logger?: TransportLogger;
}

export const REDIS_STREAMS_DEFAULTS = {
  keyPrefix: 'events:',
  maxLen: 100_000,
  trimIntervalMs: 1000,
  blockMs: 5000,
  claimIntervalMs: 1000,
  minIdleTimeMs: 30_000,
  forgetIdleConsumersAfterMs: 3_600_000,
} as const;

export function defaultRedisStreamsRedeliveryDelayMs(attempt: number): number {
  return Math.min(10 * 2 ** (attempt - 1), 1000);
}
