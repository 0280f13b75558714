import { type Admin, Kafka, logLevel } from 'kafkajs';
import { setTimeout as delay } from 'node:timers/promises';

/** How often the admin polls a condition (group empty, topic gone). */
const POLL_MS = 250;
/** How long another process's router may stay in the groups before the run gives up. */
const MEMBERS_WAIT_MS = 60_000;

/**
 * The router's topics and consumer groups seen from outside (kafkajs admin). A fresh run
 * must not route what earlier runs or tests left on the topics (a new group starts at the
 * oldest event), so the bench deletes the groups and the topics and creates the topics
 * again, empty, before pre-loading: the router then has exactly the run's M events to route.
 */
export class RouterTopics {
  private constructor(
    private readonly admin: Admin,
    readonly topics: readonly string[],
    readonly groups: readonly string[],
  ) {}

  static async connect(
    brokers: string,
    topics: readonly string[],
    groups: readonly string[],
  ): Promise<RouterTopics> {
    const kafka = new Kafka({
      clientId: 'bench-handler-router',
      brokers: brokers.split(',').map((broker) => broker.trim()),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    return new RouterTopics(admin, topics, groups);
  }

  /**
   * Waits until nobody (another session's router) is in the groups, deletes the groups and
   * the topics, and creates the topics again with `partitions` partitions.
   */
  async reset(partitions: number, timeoutMs: number): Promise<void> {
    await this.until(
      'the router groups still have members of another process',
      MEMBERS_WAIT_MS,
      async () => {
        const { groups } = await this.admin.describeGroups([...this.groups]);
        return groups.every((group) => group.members.length === 0);
      },
    );
    await this.admin.deleteGroups([...this.groups]).catch(() => undefined);
    const existing = (await this.admin.listTopics()).filter((t) => this.topics.includes(t));
    if (existing.length > 0) await this.admin.deleteTopics({ topics: existing });
    await this.until('the deleted topics are still listed', timeoutMs, async () => {
      const listed = await this.admin.listTopics();
      return this.topics.every((topic) => !listed.includes(topic));
    });
    for (const topic of this.topics) {
      // false: the topic still exists, its deletion not finished on the broker yet.
      await this.until(`topic ${topic} could not be created again`, timeoutMs, () =>
        this.admin.createTopics({
          waitForLeaders: true,
          topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
        }),
      );
    }
  }

  /** Events on the topics now (sum of every partition's high - low watermark). */
  async eventCount(): Promise<number> {
    let count = 0;
    for (const topic of this.topics) {
      for (const { high, low } of await this.admin.fetchTopicOffsets(topic)) {
        count += Number(high) - Number(low);
      }
    }
    return count;
  }

  close(): Promise<void> {
    return this.admin.disconnect();
  }

  private async until(
    what: string,
    timeoutMs: number,
    check: () => Promise<boolean>,
  ): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!(await check())) {
      if (performance.now() > deadline) throw new Error(`${what} after ${timeoutMs} ms`);
      await delay(POLL_MS);
    }
  }
}
