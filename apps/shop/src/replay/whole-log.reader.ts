import type { EventEnvelope } from '@app/envelope';
import type { EventSubscriber } from '@app/transport';

export interface WholeLogProgress {
  /** Events handled so far. */
  readonly handled: number;
  /** Events of the log not handled yet, as the bus counts its group's lag. */
  readonly left: number;
}

export interface WholeLogOptions {
  /** How often to ask the bus how far the group got (and report progress), in ms. */
  readonly pollMs: number;
  readonly onProgress?: (progress: WholeLogProgress) => void;
}

/**
 * Reads `topic` from its oldest retained event as the fresh consumer group `group`, until
 * the group has nothing left (its lag is 0), then leaves. Partitions are read at once, each
 * in its order; `handle` gets each fetched batch. A failing `handle` ends the read with its
 * error (the subscription would otherwise redeliver the batch forever).
 */
export async function readWholeLog(
  subscriber: EventSubscriber,
  topic: string,
  group: string,
  handle: (events: readonly EventEnvelope[]) => Promise<void>,
  { pollMs, onProgress }: WholeLogOptions,
): Promise<number> {
  let handled = 0;
  let failure: { readonly error: unknown } | undefined;
  const subscription = await subscriber.subscribeBatch(
    topic,
    async (deliveries) => {
      if (failure) throw new Error('the read has failed already');
      try {
        await handle(deliveries.map(({ event }) => event));
      } catch (error) {
        failure ??= { error };
        throw error;
      }
      handled += deliveries.length;
    },
    // Batches as large as a Kafka fetch of a partition (~1 MiB): the replay writes a batch
    // in a few statements, so the fewer batches, the fewer writes.
    { group, concurrency: 8, maxBatchSize: 2000 },
  );
  try {
    for (;;) {
      const left = await subscriber.groupLag(topic, group);
      onProgress?.({ handled, left });
      if (failure) throw failure.error;
      if (left === 0) return handled;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    await subscription.close();
  }
}
