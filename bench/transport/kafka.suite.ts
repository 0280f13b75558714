import { fromKafkaMessage, toKafkaMessage } from '@app/envelope';
import { KafkaPubSub } from '@app/transport/adapters/kafka';
import { Kafka, type KafkaMessage, logLevel, type Message, Partitioners } from 'kafkajs';
import { deepStrictEqual } from 'node:assert/strict';
import type { BenchConfig } from './config';
import { BENCH_EVENT_TYPE, type BenchEvent } from './events';
import {
  type Consumption,
  DeliveryCounter,
  type Measurement,
  timePublish,
  withTimeout,
} from './measure';
import {
  benchLogger,
  cleanUp,
  type Contender,
  resourceName,
  type RoundInput,
  type Suite,
} from './suite';

/**
 * KafkaPubSub next to kafkajs doing the same work: an idempotent producer (acks=all, Java's
 * murmur2 partitioner) sending the same binary-mode CloudEvents messages, and a consumer
 * (eachBatch, as many partitions at once as the adapter's `concurrency`) that decodes each
 * message into an envelope as the adapter does; a second one, in another group, reads only
 * each message's JSON and type header. Every round uses fresh topics of `kafkaPartitions`
 * partitions, created (untimed) before publishing, and fresh groups.
 */
export async function kafkaSuite(config: BenchConfig): Promise<Suite> {
  assertSameWire();
  const kafka = new Kafka({
    clientId: 'bench-transport-raw',
    brokers: [...config.kafkaBrokers],
    logLevel: logLevel.WARN,
  });
  const admin = kafka.admin();
  const topics: string[] = [];
  const groups: string[] = [];
  const createTopic = async (topic: string): Promise<void> => {
    topics.push(topic);
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: config.kafkaPartitions, replicationFactor: 1 }],
    });
  };
  await withTimeout(admin.connect(), 30_000, 'kafka admin connect');

  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  const pubsub = new KafkaPubSub({
    brokers: config.kafkaBrokers,
    clientId: 'bench-transport-adapter',
    partitions: config.kafkaPartitions,
    logger: benchLogger,
  });
  await withTimeout(
    Promise.all([producer.connect(), pubsub.connect()]),
    30_000,
    'kafka producers connect',
  );
  const concurrency = config.kafkaPartitions;

  const raw: Contender = {
    description:
      `kafkajs idempotent producer.send (acks=all) + consumer eachBatch (partitionsConsumedConcurrently ${concurrency}) ` +
      'decoding each message with fromKafkaMessage, then again parsing the JSON only',
    async round(input: RoundInput): Promise<Measurement> {
      const topic = resourceName('kafka', 'raw', input.round);
      await createTopic(topic);
      const publish = await timePublish(
        `kafkajs producer to ${topic}`,
        input.batches,
        input.timeoutMs,
        (batch) => producer.send({ topic, acks: -1, messages: batch.map(toRawMessage) }),
      );
      const consume = await rawConsume(topic, 'envelope', isBenchEnvelope, input);
      const consumeJsonOnly = await rawConsume(topic, 'json', isBenchJson, input);
      return { publish, consume, consumeJsonOnly };
    },
  };

  /** A kafkajs consumer in a fresh group reading the topic from the start, timed. */
  const rawConsume = async (
    topic: string,
    decoding: string,
    isBench: (message: KafkaMessage) => boolean,
    input: RoundInput,
  ): Promise<Consumption> => {
    const groupId = `${topic}_${decoding}`;
    groups.push(groupId);
    const counter = new DeliveryCounter(input.events.length);
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    try {
      await withTimeout(
        (async () => {
          await consumer.connect();
          await consumer.subscribe({ topics: [topic], fromBeginning: true });
          await consumer.run({
            partitionsConsumedConcurrently: concurrency,
            eachBatch: async (payload) => {
              for (const message of payload.batch.messages) {
                if (isBench(message)) counter.hit();
                payload.resolveOffset(message.offset);
              }
              await payload.heartbeat();
            },
          });
        })(),
        input.timeoutMs,
        `kafkajs consumer (${decoding}) of ${topic} start`,
      );
      return await counter.finished(`kafkajs consumer (${decoding}) of ${topic}`, input.timeoutMs);
    } finally {
      await consumer.disconnect();
    }
  };

  const adapter: Contender = {
    description: `KafkaPubSub.publish + subscribe (concurrency ${concurrency})`,
    async round(input: RoundInput): Promise<Measurement> {
      const topic = resourceName('kafka', 'adapter', input.round);
      // Created here (untimed) like the raw topic; the adapter's own creation on first
      // publish then finds it, at the cost of one CreateTopics round trip inside the timing.
      await createTopic(topic);
      const publish = await timePublish(
        `KafkaPubSub to ${topic}`,
        input.batches,
        input.timeoutMs,
        (batch) => pubsub.publish(topic, batch),
      );
      const group = `${topic}_group`;
      groups.push(group);
      const counter = new DeliveryCounter(input.events.length);
      const subscription = await withTimeout(
        pubsub.subscribe(
          topic,
          async (event) => {
            if (event.type === BENCH_EVENT_TYPE) counter.hit();
          },
          { group, concurrency },
        ),
        input.timeoutMs,
        `KafkaPubSub subscription to ${topic}`,
      );
      try {
        const consume = await counter.finished(
          `KafkaPubSub subscription to ${topic}`,
          input.timeoutMs,
        );
        return { publish, consume };
      } finally {
        await subscription.close();
      }
    },
  };

  return {
    name: 'KafkaPubSub',
    adapter,
    raw,
    close: () =>
      cleanUp('kafka', [
        () => pubsub.close(),
        () => producer.disconnect(),
        () => (groups.length > 0 ? admin.deleteGroups(groups) : Promise.resolve()),
        () => (topics.length > 0 ? admin.deleteTopics({ topics }) : Promise.resolve()),
        () => admin.disconnect(),
      ]),
  };
}

/**
 * The CloudEvents Kafka binding's binary mode written by hand, as a producer without our
 * envelope library would: `ce_*` headers, `content-type`, the JSON data as the value, the
 * partition key as the message key, `time` as the timestamp.
 */
function toRawMessage(event: BenchEvent): Message {
  const headers: Record<string, string> = {
    'content-type': event.datacontenttype,
    ce_specversion: event.specversion,
    ce_id: event.id,
    ce_source: event.source,
    ce_type: event.type,
    ce_time: event.time,
    ce_correlationid: event.correlationid,
    ce_partitionkey: event.partitionkey,
  };
  if (event.subject !== undefined) headers.ce_subject = event.subject;
  if (event.causationid !== undefined) headers.ce_causationid = event.causationid;
  return {
    key: event.partitionkey,
    value: Buffer.from(JSON.stringify(event.data)),
    headers,
    timestamp: String(Date.parse(event.time)),
  };
}

/**
 * The same work as the adapter's consumer: the message decoded into a validated envelope,
 * with the same function the adapter uses (benchmarked alone by `npm run bench:envelope`),
 * so that the ratio measures what the adapter adds around it.
 */
function isBenchEnvelope(message: KafkaMessage): boolean {
  return fromKafkaMessage(message).type === BENCH_EVENT_TYPE;
}

/** What a raw consumer does at the least: parse the data and check the event type. */
function isBenchJson(message: KafkaMessage): boolean {
  const type = message.headers?.ce_type;
  const data: unknown = JSON.parse(message.value?.toString() ?? 'null');
  return data !== null && String(type) === BENCH_EVENT_TYPE;
}

/** The raw producer must put the same bytes on the wire as the adapter, or the race is unfair. */
function assertSameWire(): void {
  const sample: BenchEvent = {
    specversion: '1.0',
    id: 'b6a1d1c2-0000-4000-8000-000000000001',
    source: '/bench/transport',
    type: BENCH_EVENT_TYPE,
    subject: 'user-1',
    time: '2026-11-23T12:00:00.000Z',
    datacontenttype: 'application/json',
    correlationid: 'b6a1d1c2-0000-4000-8000-000000000001',
    partitionkey: 'user-1',
    data: { seq: 1, user: 'user-1', pad: 'xx' },
  };
  const sorted = (message: Message) => ({
    ...message,
    headers: Object.fromEntries(
      Object.entries(message.headers ?? {}).sort(([a], [b]) => a.localeCompare(b)),
    ),
  });
  deepStrictEqual(sorted(toRawMessage(sample)), sorted(toKafkaMessage(sample)));
}
