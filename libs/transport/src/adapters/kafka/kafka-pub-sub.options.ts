import type { KafkaConfig } from 'kafkajs';
import type { KafkaLogger, KafkaLogLevel } from './kafka-log.creator';

export interface KafkaPubSubOptions {
  /** Bootstrap brokers as `host:port` (parse `KAFKA_BROKERS` with `parseKafkaBrokers`). */
  readonly brokers: readonly string[];
  /** Names this process in broker logs, quotas and ACLs (default `event-systems`). */
  readonly clientId?: string;
  /** TLS settings passed to kafkajs as is (`true` for the system's CAs). */
  readonly ssl?: KafkaConfig['ssl'];
  /** SASL credentials passed to kafkajs as is. */
  readonly sasl?: KafkaConfig['sasl'];

  /**
   * Partitions of a topic the adapter creates on first publish or subscribe (default 3): the
   * most members of one group that can work at once. Existing topics are left as they are.
   */
  readonly partitions?: number;
  /**
   * Replicas of a topic the adapter creates (default 1, right for one broker). Set it to 3 on
   * a production cluster: with one replica, losing a broker loses its partitions' events.
   */
  readonly replicationFactor?: number;

  /**
   * Wait before redelivering an event whose handler threw on delivery `attempt`. Default:
   * 100 ms doubling per attempt, capped at 5 s. Its partition is paused meanwhile (later
   * events of its keys wait) while the member's other partitions go on.
   */
  readonly redeliveryDelayMs?: (attempt: number) => number;
  /**
   * A member that sends no heartbeat for this long is dropped from its group and its
   * partitions go to the others (default 30 s): the time to recover from a crashed process.
   * Brokers accept 6 s to 300 s by default.
   */
  readonly sessionTimeout?: number;
  /** How often a member heartbeats (default 3 s): how soon an idle member notices a rebalance. */
  readonly heartbeatInterval?: number;
  /**
   * How long the group waits for its members to rejoin a rebalance (default 60 s); a member
   * busy in a handler rejoins when that handler ends, so this is also the longest a handler
   * may run while a rebalance waits (as Java's `max.poll.interval.ms`). A handler running
   * longer stops heartbeating and its member is dropped.
   */
  readonly rebalanceTimeout?: number;
  /**
   * How long a fetch waits on the broker for new events (default 500 ms, Java's default).
   * Delivery is immediate either way; this bounds how long closing an idle member takes.
   */
  readonly maxWaitTimeInMs?: number;
  /**
   * How long `subscribe` waits for the group to take the new member in (default 90 s). A
   * rebalance waits for every member to finish its running handler, so this follows
   * `rebalanceTimeout`.
   */
  readonly joinTimeoutMs?: number;
  /**
   * Offsets are committed only for events whose handler succeeded: at the end of every
   * fetched batch, on close and on rebalance, and within a batch whenever this many events
   * were handled since the last commit (default 1000) or `autoCommitInterval` passed. Commits
   * within a batch run while the next events are handled, one at a time, and count events
   * resolved every 100 handled or 50 ms; so a crash redelivers about that many handled events
   * per partition, plus up to 100 and those handled during the commit in flight (handlers are
   * idempotent anyway). 1 commits as often as the broker answers.
   */
  readonly autoCommitThreshold?: number;
  /** Also commit within a batch once this many ms passed since the last commit (default 1 s). */
  readonly autoCommitInterval?: number;
  /**
   * Wait before restarting a member whose kafkajs consumer crashed on an error kafkajs does
   * not retry itself (default 5 s); retriable crashes are restarted by kafkajs at once.
   */
  readonly crashRestartDelayMs?: number;

  /**
   * How long `publish` waits for the brokers' acknowledgement (default 30 s). Past it the
   * publish rejects: an event not sent yet is dropped from the queue; one already sent may
   * still be written, so a retry may duplicate it (consumers are idempotent).
   */
  readonly publishTimeoutMs?: number;
  /**
   * Publishes waiting while a produce request is in flight go out together in the next one,
   * up to about this many bytes (default 512 KiB, under the brokers' 1 MiB batch limit). A
   * single `publish` larger than this still goes out whole, in a request of its own.
   */
  readonly maxRequestBytes?: number;

  /**
   * Told of each message the adapter moved to `<topic>.dlq` itself because it held no valid
   * event (poison), with the topic it came from: the transport module counts them in
   * `events_dead_lettered_total` beside the dead letters the middleware publishes.
   */
  readonly onPoisonDeadLettered?: (topic: string) => void;
  /** Where adapter and kafkajs messages go; default Nest's `Logger`. */
  readonly logger?: KafkaLogger;
  /** The least severe kafkajs message passed to `logger` (default `warn`). */
  readonly logLevel?: KafkaLogLevel;
}

export const KAFKA_PUB_SUB_DEFAULTS = {
  clientId: 'event-systems',
  partitions: 3,
  replicationFactor: 1,
  sessionTimeout: 30_000,
  heartbeatInterval: 3000,
  rebalanceTimeout: 60_000,
  maxWaitTimeInMs: 500,
  joinTimeoutMs: 90_000,
  autoCommitThreshold: 1000,
  autoCommitInterval: 1000,
  crashRestartDelayMs: 5000,
  publishTimeoutMs: 30_000,
  maxRequestBytes: 512 * 1024,
  logLevel: 'warn',
} as const;

/**
 * Longer than the in-memory and Redis defaults: every redelivery on Kafka costs a seek, an
 * offset commit and a fetch, and a handler failing on a broken dependency should not spin.
 */
export function defaultKafkaRedeliveryDelayMs(attempt: number): number {
  return Math.min(100 * 2 ** (attempt - 1), 5000);
}
