import type { InboxStore } from '../../ports/inbox-store.port';

export interface InMemoryInboxStoreOptions {
  /**
   * Event ids remembered per consumer (default 100,000), oldest forgotten first. Enough to
   * cover any redelivery window of the in-memory broker while keeping memory bounded.
   */
  readonly maxEntriesPerConsumer?: number;
}

/** The processed-event inbox for the embedded default; lost on restart, like the broker. */
export class InMemoryInboxStore implements InboxStore {
  private readonly processed = new Map<string, Set<string>>();
  private readonly limit: number;

  constructor(options: InMemoryInboxStoreOptions = {}) {
    this.limit = options.maxEntriesPerConsumer ?? 100_000;
  }

  async isProcessed(consumer: string, eventId: string): Promise<boolean> {
    return this.processed.get(consumer)?.has(eventId) ?? false;
  }

  async markProcessed(consumer: string, eventId: string): Promise<void> {
    let ids = this.processed.get(consumer);
    if (!ids) {
      ids = new Set();
      this.processed.set(consumer, ids);
    }
    ids.add(eventId);
    if (ids.size > this.limit) ids.delete(ids.values().next().value as string);
  }
}
