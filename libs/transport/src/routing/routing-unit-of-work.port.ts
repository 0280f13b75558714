import type { EventEnvelope } from '@app/envelope';

/**
 * How the router makes a batch of handled events durable, and so idempotent. For each batch
 * it `begin`s, asks which events were handled before, runs each remaining handler inside
 * `run`, and `commit`s once at the end. An implementation over a SQL store writes what the
 * handlers recorded and the processed-event marks in ONE transaction: an event's effects and
 * its "handled" mark are stored together or not at all, so a redelivered batch changes
 * nothing twice, at the cost of one round trip per batch instead of several per event.
 */
export interface RoutingUnitOfWork {
  /** `events`: the batch, all of `topic`, read by the group `consumer`. */
  begin(consumer: string, topic: string, events: readonly EventEnvelope[]): Promise<RoutingBatch>;
}

export interface RoutingBatch {
  /** Handled by an earlier delivery (or earlier in this batch): skip it. */
  isProcessed(eventId: string): boolean;
  /**
   * Runs one event's handler. Resolving marks the event processed in this batch and keeps
   * what the handler recorded; throwing discards what it recorded.
   */
  run(event: EventEnvelope, work: () => Promise<void>): Promise<void>;
  /** Stores the batch's effects and marks. Rejecting means the whole batch is redelivered. */
  commit(): Promise<void>;
}

export const ROUTING_UNIT_OF_WORK = Symbol('ROUTING_UNIT_OF_WORK');
