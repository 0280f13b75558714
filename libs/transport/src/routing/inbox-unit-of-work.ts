import type { EventEnvelope } from '@app/envelope';
import type { InboxStore } from '../ports/inbox-store.port';
import type { RoutingBatch, RoutingUnitOfWork } from './routing-unit-of-work.port';

/**
 * The unit of work for handlers whose effects are their own business (they write or call
 * something themselves): idempotency through the inbox store, one check per event before the
 * batch and a mark as soon as each handler succeeded (as the `idempotent` middleware does),
 * so a crash right after a handler's side effect does not repeat it. Apps whose handlers record rows in
 * the app's SQL store provide a transactional unit of work instead.
 */
export class InboxUnitOfWork implements RoutingUnitOfWork {
  constructor(private readonly inbox: InboxStore) {}

  async begin(
    consumer: string,
    _topic: string,
    events: readonly EventEnvelope[],
  ): Promise<RoutingBatch> {
    const eventIds = events.map((event) => event.id);
    const processed = new Set<string>();
    const checks = await Promise.all(eventIds.map((id) => this.inbox.isProcessed(consumer, id)));
    eventIds.forEach((id, index) => checks[index] && processed.add(id));
    return {
      isProcessed: (id) => processed.has(id),
      run: async ({ id }, work) => {
        await work();
        await this.inbox.markProcessed(consumer, id);
        processed.add(id);
      },
      commit: () => Promise.resolve(),
    };
  }
}
