import { type Admin, Kafka, logLevel } from 'kafkajs';
import { EVENTS_STORE_GROUP, EVENTS_TOPIC } from '../../apps/event-manager/src/events/events.topic';

/**
 * Looks at the consumer's group on `events` from outside (kafkajs admin): how many events
 * it has not committed yet, and whether anyone (another session's tests) is in the group,
 * which would take partitions, and so events, away from the consumer being measured.
 */
export class EventsGroupProbe {
  private constructor(private readonly admin: Admin) {}

  static async connect(brokers: string): Promise<EventsGroupProbe> {
    const kafka = new Kafka({
      clientId: 'bench-event-manager',
      brokers: brokers.split(',').map((broker) => broker.trim()),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    return new EventsGroupProbe(admin);
  }

  /** Events on `events` past the group's committed offsets (all of them for a new group). */
  async lag(): Promise<number> {
    if (!(await this.admin.listTopics()).includes(EVENTS_TOPIC)) return 0;
    const [ends, [committed]] = await Promise.all([
      this.admin.fetchTopicOffsets(EVENTS_TOPIC),
      this.admin.fetchOffsets({ groupId: EVENTS_STORE_GROUP, topics: [EVENTS_TOPIC] }),
    ]);
    const committedAt = new Map(
      (committed?.partitions ?? []).map(({ partition, offset }) => [partition, Number(offset)]),
    );
    let lag = 0;
    for (const { partition, high, low } of ends) {
      const from = committedAt.get(partition) ?? -1;
      lag += Math.max(0, Number(high) - (from < 0 ? Number(low) : from));
    }
    return lag;
  }

  async members(): Promise<number> {
    const { groups } = await this.admin.describeGroups([EVENTS_STORE_GROUP]);
    return groups[0]?.members.length ?? 0;
  }

  /** Polls `check` until it holds; fails with `what` and the last value after `timeoutMs`. */
  async waitUntil(
    what: string,
    read: () => Promise<number>,
    check: (value: number) => boolean,
    timeoutMs: number,
  ): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (check(value)) return value;
      if (performance.now() > deadline) {
        throw new Error(`${what}: still not the case after ${timeoutMs} ms (last value ${value})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Deletes a topic and a group the bench made for itself (both may be missing). */
  async deleteTopicAndGroup(topic: string, group: string): Promise<void> {
    await this.admin.deleteGroups([group]).catch(() => undefined);
    await this.admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  }

  close(): Promise<void> {
    return this.admin.disconnect();
  }
}
