import type { EventEnvelope } from '@app/envelope';
import { errorMessage } from '../../internal/error-message';
import type { Delivery, DeliveryContext, EventBatchHandlerFn } from '../../ports/event-bus.port';
import type { TransportLogger } from '../../ports/transport-logger.port';
import type { GroupMember } from './group.member';
import type { PartitionLog } from './partition.log';

export interface ConsumerGroupSettings {
  /** Wait before redelivering an event whose handler threw on delivery `attempt`. */
  readonly redeliveryDelayMs: (attempt: number) => number;
  readonly logger: TransportLogger;
}

/** The group's position in one partition, shared by whichever member owns it. */
interface PartitionCursor {
  /** Next offset to deliver: everything before it is acknowledged. */
  committed: number;
  /**
   * Failed deliveries of `committed + i` at index i (the next delivery's attempt is this + 1).
   * Every delivery starts at `committed`, so the failed ones cover a prefix of what follows.
   */
  failures: number[];
  owner: GroupMember | undefined;
  /** A handler is running on a batch from `committed`; nothing else of this partition may start. */
  busy: boolean;
  /** Set while waiting to redeliver a failed event; the partition is held meanwhile. */
  retryTimer: NodeJS.Timeout | undefined;
}

/**
 * One consumer group on one topic: its committed offset per partition, the partitions'
 * assignment across members, and dispatch. State lives per partition rather than per member,
 * so a partition can change hands at any time: the new owner simply waits until the old
 * owner's in-flight batch settles, then continues from the committed offset. That is what
 * makes a rebalance lose nothing and never run two events of one key at once.
 */
export class ConsumerGroup {
  private readonly members: GroupMember[] = [];
  private readonly cursors: PartitionCursor[];
  private pumpScheduled = false;
  private nextStart = 0;
  private disposed = false;

  constructor(
    private readonly topic: string,
    readonly name: string,
    private readonly logs: readonly PartitionLog<string>[],
    private readonly settings: ConsumerGroupSettings,
    private readonly onCommit: (partition: number) => void,
  ) {
    // A new group starts at the oldest retained event, like Kafka's `earliest` reset.
    this.cursors = logs.map((log) => ({
      committed: log.startOffset,
      failures: [],
      owner: undefined,
      busy: false,
      retryTimer: undefined,
    }));
  }

  committedOffset(partition: number): number {
    return this.cursors[partition].committed;
  }

  join(member: GroupMember): void {
    this.members.push(member);
    this.rebalance();
  }

  /** Removes the member at once, then waits for its in-flight handlers. */
  async leave(member: GroupMember): Promise<void> {
    const index = this.members.indexOf(member);
    if (index >= 0) this.members.splice(index, 1);
    member.stop();
    this.rebalance();
    await member.slots.whenIdle();
  }

  notifyAppended(): void {
    this.schedulePump();
  }

  dispose(): void {
    this.disposed = true;
    for (const cursor of this.cursors) clearTimeout(cursor.retryTimer);
  }

  /** Round-robin by join order: partition p goes to member p mod n. */
  private rebalance(): void {
    const count = this.members.length;
    this.cursors.forEach((cursor, partition) => {
      cursor.owner = count > 0 ? this.members[partition % count] : undefined;
    });
    this.schedulePump();
  }

  /** Coalesces the many triggers of one tick (a 10k-event burst) into one dispatch pass. */
  private schedulePump(): void {
    if (this.pumpScheduled || this.disposed) return;
    this.pumpScheduled = true;
    queueMicrotask(() => this.pump());
  }

  /** Starts every deliverable partition, beginning at a rotating one so none starves. */
  private pump(): void {
    this.pumpScheduled = false;
    const count = this.cursors.length;
    const start = this.nextStart;
    this.nextStart = (start + 1) % count;
    for (let i = 0; i < count; i++) this.tryDeliver((start + i) % count);
  }

  private tryDeliver(partition: number): void {
    const cursor = this.cursors[partition];
    const owner = cursor.owner;
    if (this.disposed || cursor.busy || cursor.retryTimer) return;
    if (!owner?.slots.hasCapacity) return;
    this.skipTrimmed(partition, cursor);
    const wires = this.logs[partition].readFrom(cursor.committed, owner.maxBatchSize);
    if (wires.length === 0) return;
    cursor.busy = true;
    owner.slots.acquire();
    void this.deliver(partition, cursor, owner, wires);
  }

  /** Only a retention cap can trim unread events; the group then resumes at the oldest kept. */
  private skipTrimmed(partition: number, cursor: PartitionCursor): void {
    const start = this.logs[partition].startOffset;
    if (cursor.committed >= start) return;
    this.settings.logger.warn(
      `group "${this.name}" on topic "${this.topic}" partition ${partition} skipped ` +
        `${start - cursor.committed} events dropped by the retention limit`,
    );
    cursor.failures = cursor.failures.slice(start - cursor.committed);
    cursor.committed = start;
  }

  private async deliver(
    partition: number,
    cursor: PartitionCursor,
    member: GroupMember,
    wires: readonly string[],
  ): Promise<void> {
    const first = cursor.committed;
    const outcome = await invoke(
      member.handler,
      wires.map((wire, i) => ({
        wire,
        topic: this.topic,
        group: this.name,
        attempt: (cursor.failures[i] ?? 0) + 1,
        partition,
        offset: String(first + i),
        signal: member.signal,
      })),
    );
    cursor.busy = false;
    if (outcome.ok) this.commit(partition, cursor, first + wires.length);
    else this.scheduleRedelivery(partition, cursor, wires.length, outcome);
    // Settle the cursor before the member counts as idle, so a closed member's last
    // acknowledgement is committed by the time its close() resolves.
    member.slots.release();
    this.schedulePump();
  }

  private commit(partition: number, cursor: PartitionCursor, next: number): void {
    cursor.failures = cursor.failures.slice(next - cursor.committed);
    cursor.committed = Math.max(cursor.committed, next);
    this.onCommit(partition);
  }

  private scheduleRedelivery(
    partition: number,
    cursor: PartitionCursor,
    count: number,
    { eventId, error }: HandlerFailure,
  ): void {
    for (let i = 0; i < count; i++) cursor.failures[i] = (cursor.failures[i] ?? 0) + 1;
    if (this.disposed) return;
    // The delay follows the batch's oldest event, the one that has failed most often.
    const attempt = cursor.failures[0];
    const delayMs = this.settings.redeliveryDelayMs(attempt);
    const what =
      count === 1
        ? `event ${eventId} (topic "${this.topic}" partition ${partition} offset ${cursor.committed}, `
        : `a batch of ${count} events from event ${eventId} (topic "${this.topic}" partition ` +
          `${partition} offsets ${cursor.committed}-${cursor.committed + count - 1}, `;
    this.settings.logger.warn(
      `handler of group "${this.name}" failed on ${what}attempt ${attempt}); redelivering in ` +
        `${delayMs} ms: ${errorMessage(error)}`,
    );
    cursor.retryTimer = setTimeout(() => {
      cursor.retryTimer = undefined;
      this.schedulePump();
    }, delayMs);
    cursor.retryTimer.unref();
  }
}

interface HandlerFailure {
  readonly ok: false;
  readonly eventId: string;
  readonly error: unknown;
}

/** An event as the log holds it (serialized), with its delivery context. */
interface PendingDelivery extends DeliveryContext {
  readonly wire: string;
}

/** Runs the handler; never rejects, so no handler error becomes an unhandled rejection. */
async function invoke(
  handler: EventBatchHandlerFn,
  pending: readonly PendingDelivery[],
): Promise<{ readonly ok: true } | HandlerFailure> {
  let eventId = '?';
  try {
    const deliveries: Delivery[] = pending.map(({ wire, ...context }) => ({
      event: JSON.parse(wire) as EventEnvelope,
      context,
    }));
    eventId = deliveries[0].event.id;
    await handler(deliveries);
    return { ok: true };
  } catch (error) {
    return { ok: false, eventId, error };
  }
}
