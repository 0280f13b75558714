import type { EventEnvelope } from '@app/envelope';
import { Injectable } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import type { Events } from '../events/events.enum';
import type { Topics } from '../events/topics.enum';
import { EventProducer } from '../publish/event-producer';
import type { AdminEventValue } from './admin-event';
import { type AdminRepositories, AdminStore } from './admin.store';
import { OutboxRelay } from './outbox/outbox.relay';

/** What an admin use case may do in its transaction: change state, and say what happened. */
export interface AdminWork extends Pick<AdminRepositories, 'users' | 'roles'> {
  /**
   * Emits an event through the producer's checks (names, registration, value shape). It is
   * written to the outbox in this transaction and published once the transaction commits.
   */
  readonly emit: (topic: Topics, event: Events, value: AdminEventValue) => Promise<void>;
}

/**
 * How long a request waits for its events to reach the bus before it answers anyway: they
 * are committed in the outbox, and the relay keeps trying.
 */
export const PUBLISH_WAIT_MS = 2000;

/**
 * Runs an admin use case as one transaction: its state change and its events (in the
 * outbox) are committed together or not at all, so the admin's state and what the router
 * hears never disagree, whatever fails when. After the commit it asks the relay to publish
 * and waits for that (normally a few milliseconds, at most `PUBLISH_WAIT_MS`), so an answered
 * request has, as a rule, its event on the bus already.
 */
@Injectable()
export class AdminUnitOfWork {
  constructor(
    private readonly store: AdminStore,
    private readonly producer: EventProducer,
    private readonly relay: OutboxRelay,
  ) {}

  async run<T>(work: (tx: AdminWork) => Promise<T>): Promise<T> {
    const result = await this.store.transaction(async ({ users, roles, outbox }) => {
      const emitted: { topic: string; envelope: EventEnvelope }[] = [];
      const emit = async (topic: Topics, event: Events, value: AdminEventValue) => {
        emitted.push({ topic, envelope: await this.producer.prepare(topic, event, value) });
      };
      const done = await work({ users, roles, emit });
      // After the state change, whose statements have locked the rows it touched.
      await outbox.add(emitted);
      return done;
    });
    await this.publishSoon();
    return result;
  }

  private async publishSoon(): Promise<void> {
    const gaveUp = new AbortController();
    await Promise.race([
      this.relay.flush(),
      delay(PUBLISH_WAIT_MS, undefined, { signal: gaveUp.signal }).catch(() => undefined),
    ]);
    gaveUp.abort();
  }
}
