/**
 * Delivery attempts per (partition, offset) of one member, for `DeliveryContext.attempt`.
 * Kafka keeps no delivery count: a redelivery is this member seeking back to an offset it
 * failed. The count is therefore per member: a member that takes over a partition starts
 * again at 1 (the event is redelivered all the same). An entry lives from the first failure
 * until the event succeeds or its partition leaves the member.
 */
export class DeliveryAttempts {
  private readonly failed = new Map<number, Map<string, number>>();

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

  recordSuccess(partition: number, offset: string): void {
    const offsets = this.failed.get(partition);
    if (!offsets?.delete(offset)) return;
    if (offsets.size === 0) this.failed.delete(partition);
  }

  /** After a rebalance: forgets partitions this member no longer holds. */
  keepOnly(partitions: readonly number[]): void {
    for (const partition of this.failed.keys()) {
      if (!partitions.includes(partition)) this.failed.delete(partition);
    }
  }
}
