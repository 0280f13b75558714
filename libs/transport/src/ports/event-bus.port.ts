import type { EventEnvelope } from '@app/envelope';
import type { BrokerProbe } from './broker-probe.port';

/**
 * Writes events to a topic.
 *
 * `publish` resolves only once the adapter has durably accepted every event (Kafka: acked by
 * the brokers; Redis: XADD returned; in-memory: appended to the partition log), so a caller
 * that awaits it may report success to its own caller. A batch is accepted as a whole or
 * rejected as a whole where the broker allows it; either way a rejection means "retry".
 */
export interface EventPublisher {
  publish(topic: string, events: EventEnvelope | readonly EventEnvelope[]): Promise<void>;
}

/**
 * What a handler learns about one delivery besides the event itself.
 *
 * Adapters fill in what their broker knows; `partition`/`offset` are for logs and metrics,
 * never for business decisions.
 */
export interface DeliveryContext {
  readonly topic: string;
  readonly group: string;
  /**
   * 1 on the first delivery of this event to this group, +1 on every redelivery (a throwing
   * handler, a member that closed without acknowledging). Middleware such as retry counts its
   * own in-process attempts separately.
   */
  readonly attempt: number;
  /** Partition (Kafka), stream shard (Redis) or log partition (in-memory) the event came from. */
  readonly partition: number;
  /** Position inside the partition as the broker spells it: Kafka offset, Redis entry id. */
  readonly offset: string;
  /**
   * Aborted when the subscription starts closing. A handler (or the retry middleware) may use
   * it to stop waiting early; it must then throw, so the event stays unacknowledged and is
   * redelivered to the member that takes over, instead of being lost or dead-lettered.
   */
  readonly signal: AbortSignal;
  /**
   * Told by the retry middleware of each attempt it makes again within this delivery, so
   * that retries show in the metrics. Set by the transport module; absent on contexts
   * built by hand (tests).
   */
  readonly onRetry?: () => void;
}

/**
 * Handles one event. Resolving acknowledges it; throwing leaves it unacknowledged, so the same
 * event is redelivered (at-least-once) and, on adapters with `perKeyOrdering`, holds back the
 * later events of its partition key until it succeeds. Handlers must therefore be idempotent
 * (see the `idempotent` middleware) and poison events need the `deadLetter` middleware.
 */
export type EventHandlerFn = (event: EventEnvelope, context: DeliveryContext) => Promise<void>;

/** One event of a batch, with what the adapter knows about its delivery. */
export interface Delivery {
  readonly event: EventEnvelope;
  /** Its own context: `attempt` and `offset` may differ between the events of one batch. */
  readonly context: DeliveryContext;
}

/**
 * Handles up to `maxBatchSize` events of ONE partition (Kafka partition, in-memory log
 * partition; on Redis Streams, the topic's one stream), in partition order. For consumers
 * whose cost is per call rather than per event: one database transaction, one bulk insert.
 *
 * Resolving acknowledges all of them; throwing acknowledges none: the whole batch is
 * redelivered (each event's `attempt` + 1) after the redelivery delay, and on adapters with
 * `perKeyOrdering` nothing behind it in its partition overtakes it. Handlers must be
 * idempotent, as for `EventHandlerFn`. A handler that wants to set single bad events aside
 * dead-letters them itself (`deadLetterEvent`) and resolves, so one poison event does not
 * hold back the whole batch forever.
 */
export type EventBatchHandlerFn = (deliveries: readonly Delivery[]) => Promise<void>;

/**
 * A message on the broker that carries no CloudEvent at all (Kafka: no `ce_*` header and no
 * `application/cloudevents` content type), as a legacy producer writes it. Text fields are
 * decoded as UTF-8; a header repeated on the message gives its last value (Java's
 * `Headers.lastHeader`).
 */
export interface ForeignMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
  /** Milliseconds since the epoch, as a string (the broker's or the producer's time). */
  readonly timestamp: string;
}

export interface SubscribeOptions {
  /**
   * Consumer group (Kafka group id, Redis Streams group). Members of one group share the
   * topic's partitions; every group receives every event.
   */
  readonly group: string;
  /**
   * How many partitions this member processes at once (default 1). Never more than one event
   * per partition is in flight, whatever this says: that is what keeps per-key order.
   */
  readonly concurrency?: number;
  /**
   * Turns a message that carries no CloudEvent (see `ForeignMessage`), e.g. a bare JSON value
   * from a legacy producer, into an envelope, so a topic can be taken over from producers
   * that predate the envelope. The result is validated like any decoded event. Throwing, or
   * returning an invalid envelope, dead-letters the message with that error, as an
   * undecodable message is. Without it such messages are dead-lettered as poison. A message
   * that does carry CloudEvents markers is never offered: if invalid it stays poison.
   * Called by the Kafka adapter; in-memory topics only ever hold envelopes, and a Redis
   * Streams entry without an `envelope` field stays poison.
   */
  readonly adopt?: (message: ForeignMessage) => EventEnvelope;
}

export interface BatchSubscribeOptions extends SubscribeOptions {
  /**
   * Most events per handler call (default 500). Batches are whatever is at hand, up to this:
   * a handler is never kept waiting for a batch to fill.
   */
  readonly maxBatchSize?: number;
}

/**
 * Receives one event of a tail (see `EventSubscriber.tail`). Nothing is acknowledged: what it
 * returns or throws changes nothing for the event, which is never delivered again. A tail
 * waits for it before handing over its next event, so an async handler still sees the events
 * in order; a slow one delays only its own tail.
 */
export type TailHandlerFn = (event: EventEnvelope) => void | Promise<void>;

/** One member of a consumer group, or one tail. */
export interface Subscription {
  /**
   * Graceful leave: stops taking new events, aborts `DeliveryContext.signal`, waits for the
   * in-flight handlers, then hands this member's partitions (and any unacknowledged event) to
   * the remaining members of the group. Idempotent. A tail stops taking events and waits for
   * its running handler; once `close` resolves its handler is never called again.
   */
  close(): Promise<void>;
}

export interface EventSubscriber {
  /** Resolves once the member has joined its group and will receive events. */
  subscribe(
    topic: string,
    handler: EventHandlerFn,
    options: SubscribeOptions,
  ): Promise<Subscription>;
  /**
   * As `subscribe`, but the handler gets the events in batches (see `EventBatchHandlerFn`).
   * Groups, `concurrency` (partitions processed at once; never two batches of one partition
   * in flight) and close/drain behave as for `subscribe`. On adapters without
   * `perKeyOrdering` (Redis Streams: one stream per topic) `concurrency` batches of the
   * stream may run at once.
   */
  subscribeBatch(
    topic: string,
    handler: EventBatchHandlerFn,
    options: BatchSubscribeOptions,
  ): Promise<Subscription>;
  /**
   * A live view of `topic` for this process alone: every event published (by any instance)
   * after the returned promise resolves, in each partition's order, at most once. No group,
   * no acknowledgement, no redelivery: a handler that throws is logged and the tail goes on;
   * an event published while the tail is being set up may or may not arrive. Groups are not
   * affected. For fan-out to every process (live feeds, cache invalidation), never for work
   * that must happen once. Events that are no valid envelope are logged and skipped.
   */
  tail(topic: string, handler: TailHandlerFn): Promise<Subscription>;
  /**
   * How many events of `topic` consumer group `group` has not acknowledged yet: those not
   * delivered to any member plus those delivered but not acknowledged (handlers running,
   * failed ones awaiting redelivery). 0 once the group has caught up, and for a topic nobody
   * published to. A group that never subscribed counts what it would receive if it joined
   * now: every event still retained, since new groups start at the oldest. Read from the
   * broker, so any process may ask, member of the group or not; it creates neither topic nor
   * group. Each adapter's README section says exactly what it counts (an acknowledgement may
   * show a moment late: Kafka commits on an interval, Redis coalesces XACKs).
   */
  groupLag(topic: string, group: string): Promise<number>;
}

/**
 * What an adapter guarantees. The contract suite (`runPubSubContract`) runs the cases a flag
 * enables and skips the others, so a flag set to `true` is a promise backed by tests.
 */
export interface PubSubFeatures {
  /** Members of one group share the work; separate groups each receive every event. */
  readonly consumerGroups: boolean;
  /**
   * Events with the same `partitionkey` are handled in publish order, and an unacknowledged
   * event holds back the later events of its key (Kafka partitions, in-memory partitions).
   */
  readonly perKeyOrdering: boolean;
  /** A group that subscribes for the first time still receives events published before. */
  readonly newGroupsStartAtOldest: boolean;
  /** Separately created instances (separate processes) see the same topics and groups. */
  readonly sharedAcrossProcesses: boolean;
  /** Accepted events survive a restart of the adapter (and of the broker, if any). */
  readonly persistent: boolean;
  /**
   * An event whose handler was running when its process died is redelivered to another
   * member. No contract case can kill a process; integration suites check this one.
   */
  readonly redeliversOnCrash: boolean;
}

/** A publisher and a subscriber sharing one connection, as every adapter provides. */
export interface PubSub extends EventPublisher, EventSubscriber {
  readonly features: PubSubFeatures;
  /** The broker to ask whether it answers; absent in memory. */
  readonly broker?: BrokerProbe;
  /** Closes every subscription gracefully, then the connection. Idempotent. */
  close(): Promise<void>;
}
