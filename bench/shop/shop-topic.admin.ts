import { type Admin, Kafka, logLevel } from 'kafkajs';
import { ShopTopics } from '../../apps/shop/src/events/shop-topics.enum';

const TOPIC = ShopTopics.SHOP_EVENTS;
/** The adapter's default (KafkaPubSub `partitions`), for a topic that does not exist yet. */
const DEFAULT_PARTITIONS = 3;

/**
 * `shop_events` on Kafka, seen from outside the app (kafkajs admin, as bench/transport uses
 * it). The topic is the shop's own, shared with tests and earlier runs, so the bench empties
 * it (deletes and recreates it with the partitions it had) before loading and again at the
 * end: the replay must read this run's events only, and tests that replay the topic after
 * the bench must not read its 100,000.
 */
export class ShopTopicAdmin {
  private constructor(private readonly admin: Admin) {}

  static async connect(brokers: string): Promise<ShopTopicAdmin> {
    const kafka = new Kafka({
      clientId: 'bench-shop',
      brokers: brokers.split(',').map((broker) => broker.trim()),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    return new ShopTopicAdmin(admin);
  }

  /** Members of `group` right now: another process's projector would take partitions. */
  async members(group: string): Promise<number> {
    const { groups } = await this.admin.describeGroups([group]);
    return groups[0]?.members.length ?? 0;
  }

  /** Deletes and recreates the topic empty; deletion is asynchronous, so creation retries. */
  async empty(timeoutMs: number): Promise<void> {
    let partitions = DEFAULT_PARTITIONS;
    if ((await this.admin.listTopics()).includes(TOPIC)) {
      partitions = (await this.admin.fetchTopicOffsets(TOPIC)).length;
      await this.admin.deleteTopics({ topics: [TOPIC], timeout: timeoutMs });
    }
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      try {
        await this.admin.createTopics({
          waitForLeaders: true,
          topics: [{ topic: TOPIC, numPartitions: partitions }],
        });
        if ((await this.admin.fetchTopicOffsets(TOPIC)).every(({ high }) => high === '0')) return;
      } catch (error) {
        // "marked for deletion" while the brokers finish deleting it: try again.
        if (performance.now() > deadline) throw error;
      }
      if (performance.now() > deadline) {
        throw new Error(`${TOPIC} was not empty ${timeoutMs} ms after deleting it`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** The consumer groups whose id starts with `prefix` (the replay's, made per run). */
  async groupsStartingWith(prefix: string): Promise<string[]> {
    const { groups } = await this.admin.listGroups();
    return groups.map(({ groupId }) => groupId).filter((id) => id.startsWith(prefix));
  }

  /** Deletes groups the bench made or moved (ones with members stay, with a warning). */
  async deleteGroups(groups: readonly string[]): Promise<void> {
    if (groups.length === 0) return;
    await this.admin.deleteGroups([...groups]).catch((error: unknown) => {
      console.error(`bench: could not delete groups ${groups.join(', ')}: ${String(error)}`);
    });
  }

  close(): Promise<void> {
    return this.admin.disconnect();
  }
}
