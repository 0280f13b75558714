import { type EventEnvelope, validateEnvelope } from '@app/envelope';
import type { EntityManager } from '@mikro-orm/core';
import { OutboxEventSchema } from './outbox-event.entity';

/** An event waiting in the outbox, as the relay reads it. */
export interface PendingEvent {
  readonly seq: number;
  readonly topic: string;
  readonly envelope: EventEnvelope;
}

/** The `admin_outbox` table, bound to one EntityManager (see `UsersRepository`). */
export class OutboxRepository {
  constructor(private readonly em: EntityManager) {}

  /** Appends events, in this order, to be published after the transaction commits. */
  async add(events: readonly { topic: string; envelope: EventEnvelope }[]): Promise<void> {
    if (events.length === 0) return;
    const createdAt = new Date();
    await this.em.insertMany(
      OutboxEventSchema,
      // A copy: MikroORM writes to the objects it stores, and envelopes are frozen.
      events.map(({ topic, envelope }) => ({ topic, envelope: { ...envelope }, createdAt })),
    );
  }

  /** The oldest `limit` events not published yet, oldest first. */
  async oldest(limit: number): Promise<PendingEvent[]> {
    const rows = await this.em.find(
      OutboxEventSchema,
      {},
      { orderBy: { seq: 'ASC' }, limit, disableIdentityMap: true },
    );
    // Checked again after the JSON round trip. A row that is no valid event stops the relay
    // (with the reason in the log) rather than being skipped, which would lose an event or
    // reorder its entity's stream.
    return rows.map(({ seq, topic, envelope }) => ({
      seq,
      topic,
      envelope: validateEnvelope(envelope),
    }));
  }

  async remove(seqs: readonly number[]): Promise<void> {
    if (seqs.length > 0) await this.em.nativeDelete(OutboxEventSchema, { seq: { $in: [...seqs] } });
  }
}
