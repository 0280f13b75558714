/**
 * Delivery attempts per (partition, offset) of one member, for `DeliveryContext.attempt`.
 * Kafka keeps no delivery count: a redelivery is this member seeking back to an offset it
 * failed. The count is therefore per member: a member that takes over a partition starts
 * again at 1 (the event is redelivered all the same). An entry lives from the first failure
 * until the event succeeds or its partition leaves the member.
 *
 * It also remembers the poison messages of a batch it already dead-lettered, so that when
 * the handler then fails on the batch and the whole batch is fetched again, they are not
 * dead-lettered a second time. Those marks live until the batch succeeds, or the partition
 * leaves the member (the member that takes over may dead-letter them again: at-least-once).
 */
export class DeliveryAttempts {
  private readonly failed = new Map<number, Map<string, number>>();
  private readonly deadLettered = new Map<number, Set<string>>();

  /** The attempt that is about to run: 1 + the failures recorded for this offset. */
  current(partition: number, offset: string): number {
    return (this.failed.get(partition)?.get(offset) ?? 0) + 1;
  }

  recordFailure(partition: number, offset: string): void {
    let offsets = this.failed.get(partition);
    if (!offsets) {
      offsets = new Map();
      this.failed.set(partition, offsets);
    }
    offsets.set(offset, (offsets.get(offset) ?? 0) + 1);
  }

  /** The message at `offset` is done with: handled, or dead-lettered in a batch that succeeded. */
  recordSuccess(partition: number, offset: string): void {
    const offsets = this.failed.get(partition);
    if (offsets?.delete(offset) && offsets.size === 0) this.failed.delete(partition);
    const marks = this.deadLettered.get(partition);
    if (marks?.delete(offset) && marks.size === 0) this.deadLettered.delete(partition);
  }

  recordDeadLettered(partition: number, offset: string): void {
    let marks = this.deadLettered.get(partition);
    if (!marks) {
      marks = new Set();
      this.deadLettered.set(partition, marks);
    }
    marks.add(offset);
  }

  wasDeadLettered(partition: number, offset: string): boolean {
    return this.deadLettered.get(partition)?.has(offset) ?? false;
  }

  /** After a rebalance: forgets partitions this member no longer holds. */
  keepOnly(partitions: readonly number[]): void {
    for (const partition of this.failed.keys()) {
      if (!partitions.includes(partition)) this.failed.delete(partition);
    }
    for (const partition of this.deadLettered.keys()) {
      if (!partitions.includes(partition)) this.deadLettered.delete(partition);
    }
  }
}
