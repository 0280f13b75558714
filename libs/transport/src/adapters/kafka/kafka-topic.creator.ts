import { type Admin, KafkaJSAggregateError } from 'kafkajs';
import { errorMessage } from '../../internal/error-message';

export interface KafkaTopicSettings {
  readonly partitions: number;
  readonly replicationFactor: number;
}

/**
 * Creates topics on first use with our partition count, instead of leaving it to the
 * brokers' `auto.create.topics.enable` (one partition by default, and off on many clusters).
 * One request per topic per process: concurrent callers share it, and a topic that already
 * exists (created by another process, maybe at the same moment) counts as created. A failed
 * creation is forgotten, so the next caller tries again.
 */
export class KafkaTopicCreator {
  private readonly created = new Map<string, Promise<void>>();

  constructor(
    private readonly admin: () => Promise<Admin>,
    private readonly settings: KafkaTopicSettings,
  ) {}

  ensure(topic: string): Promise<void> {
    let creating = this.created.get(topic);
    if (!creating) {
      creating = this.create(topic);
      this.created.set(topic, creating);
      creating.catch(() => this.created.delete(topic));
    }
    return creating;
  }

  private async create(topic: string): Promise<void> {
    const admin = await this.admin();
    // Resolves `false` when the topic exists already; kafkajs swallows TOPIC_ALREADY_EXISTS.
    // waitForLeaders: the first produce or fetch must not race the partitions' elections.
    const { partitions, replicationFactor } = this.settings;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: partitions, replicationFactor }],
      });
    } catch (error) {
      throw new Error(
        `could not create topic "${topic}" (${partitions} partitions, replication factor ` +
          `${replicationFactor}): ${describeKafkaError(error)}`,
        { cause: error },
      );
    }
  }
}

/** kafkajs reports a failed topic creation as an aggregate; its parts say why. */
function describeKafkaError(error: unknown): string {
  if (error instanceof KafkaJSAggregateError && error.errors.length > 0) {
    return error.errors.map((part) => errorMessage(part)).join('; ');
  }
  return errorMessage(error);
}
