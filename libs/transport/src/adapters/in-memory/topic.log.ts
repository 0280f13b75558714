import { ConsumerGroup, type ConsumerGroupSettings } from './consumer-group.coordinator';
import { partitionForKey } from './key.partitioner';
import { PartitionLog } from './partition.log';
import type { TopicTail } from './topic.tail';

/** An event as the log stores it: its partition key and its serialized envelope. */
export interface LogRecord {
  readonly key: string;
  readonly wire: string;
}

/**
 * A topic: N partition logs and the consumer groups reading them. Owns retention: an event is
 * forgotten once every known group has committed past it (unless `retention.consumed`), or
 * once the optional cap is exceeded. Until the first group appears, everything is kept so
 * that group can read it all.
 */
export class TopicLog {
  private readonly partitions: PartitionLog<string>[];
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly tails = new Set<TopicTail>();

  constructor(
    readonly name: string,
    partitionCount: number,
    private readonly retention: { readonly maxPerPartition: number; readonly consumed: boolean },
    private readonly settings: ConsumerGroupSettings,
  ) {
    this.partitions = Array.from({ length: partitionCount }, () => new PartitionLog<string>());
  }

  /** Events currently held in memory, over all partitions. */
  get retained(): number {
    return this.partitions.reduce((sum, log) => sum + log.size, 0);
  }

  append(records: readonly LogRecord[]): void {
    for (const record of records) {
      const partition = partitionForKey(record.key, this.partitions.length);
      const log = this.partitions[partition];
      log.append(record.wire);
      if (log.size > this.retention.maxPerPartition) {
        log.trimBefore(log.endOffset - this.retention.maxPerPartition);
      }
    }
    for (const group of this.groups.values()) group.notifyAppended();
    if (this.tails.size > 0) {
      const wires = records.map((record) => record.wire);
      for (const tail of this.tails) tail.offer(wires);
    }
  }

  /**
   * Hands `tail` every event appended from now on. Tails hold no offsets, so they neither
   * keep events in the log nor see what was retained before they came.
   */
  addTail(tail: TopicTail): void {
    this.tails.add(tail);
  }

  removeTail(tail: TopicTail): void {
    this.tails.delete(tail);
  }

  group(name: string): ConsumerGroup {
    let group = this.groups.get(name);
    if (!group) {
      group = new ConsumerGroup(this.name, name, this.partitions, this.settings, (partition) =>
        this.trim(partition),
      );
      this.groups.set(name, group);
    }
    return group;
  }

  /**
   * Events `name` has not acknowledged: in each partition, from its committed offset (or the
   * oldest retained event, if that is later) to the end. A group not known here starts at
   * the oldest retained event, so it lags by everything retained. Creates no group: one
   * made just to be asked would hold back retention forever.
   */
  groupLag(name: string): number {
    const group = this.groups.get(name);
    return this.partitions.reduce((lag, log, partition) => {
      const from = Math.max(log.startOffset, group?.committedOffset(partition) ?? 0);
      return lag + log.endOffset - from;
    }, 0);
  }

  dispose(): void {
    for (const group of this.groups.values()) group.dispose();
  }

  private trim(partition: number): void {
    if (this.retention.consumed) return;
    let lowest = Number.POSITIVE_INFINITY;
    for (const group of this.groups.values()) {
      lowest = Math.min(lowest, group.committedOffset(partition));
    }
    this.partitions[partition].trimBefore(lowest);
  }
}
