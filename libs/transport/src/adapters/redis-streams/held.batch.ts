import type { StreamEntry } from './stream-reply.parser';

/**
 * Where a batch of entries pending to this consumer stands. `queued`: delivered (or
 * redelivered) and waiting for a work slot, i.e. delivery `attempt` has not run yet;
 * `running`: its handler is running; `retrying`: its handler failed and it waits for the
 * redelivery delay; `handled`: its handler succeeded and its acknowledgement is on its way.
 */
export type HeldState = 'queued' | 'running' | 'retrying' | 'handled';

/** One entry this consumer holds (pending to it in the group), and the batch it travels in. */
export interface HeldEntry {
  readonly entry: StreamEntry;
  /** The group's delivery count for the delivery this consumer holds (`context.attempt`). */
  attempt: number;
  batch: HeldBatch;
}

/**
 * Entries handed to the handler in one call (one entry for a per-event `subscribe`), in
 * stream order. Acknowledged, failed and redelivered together.
 */
export interface HeldBatch {
  entries: HeldEntry[];
  state: HeldState;
  retryTimer: NodeJS.Timeout | undefined;
}

/** Entries read or claimed together, cut into batches of at most `maxBatchSize`. */
export function toBatches(
  delivered: readonly { readonly entry: StreamEntry; readonly attempt: number }[],
  maxBatchSize: number,
): HeldBatch[] {
  const batches: HeldBatch[] = [];
  for (let start = 0; start < delivered.length; start += maxBatchSize) {
    const batch: HeldBatch = { entries: [], state: 'queued', retryTimer: undefined };
    for (const { entry, attempt } of delivered.slice(start, start + maxBatchSize)) {
      batch.entries.push({ entry, attempt, batch });
    }
    batches.push(batch);
  }
  return batches;
}

/** A batch of its own for `held`, taken out of the batch it came with. */
export function splitOff(held: HeldEntry, state: HeldState): HeldBatch {
  const from = held.batch;
  from.entries = from.entries.filter((other) => other !== held);
  const batch: HeldBatch = { entries: [held], state, retryTimer: undefined };
  held.batch = batch;
  return batch;
}
