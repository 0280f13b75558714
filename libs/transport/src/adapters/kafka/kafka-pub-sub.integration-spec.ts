import { type EventEnvelope, fromKafkaMessage } from '@app/envelope';
import { requireService } from '@app/platform/testing/require-service';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import type {
  DeliveryContext,
  ForeignMessage,
  PubSub,
  SubscribeOptions,
} from '../../ports/event-bus.port';
import { crashAndRecover } from '@app/platform/testing/control-service';
import { runPubSubContract } from '../../testing/pub-sub.contract';
import { silentLogger } from '../../testing/silent.logger';
import { testEvent } from '../../testing/test-event';
import { uniqueName } from '../../testing/unique-name';
import { kcat, kcatHeaderArgs, kcatHeaders, kcatRead } from '../../testing/kcat';
import { waitFor } from '../../testing/wait-for';
import { partitionForKey } from '../in-memory/key.partitioner';
import { parseKafkaBrokers } from './kafka-brokers.parser';
import { KAFKA_PUB_SUB_FEATURES, KafkaPubSub } from './kafka-pub-sub.adapter';
import type { KafkaPubSubOptions } from './kafka-pub-sub.options';

const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const BROKERS = parseKafkaBrokers(KAFKA_BROKERS);
const TIMEOUT_MS = 30_000;
/** `KAFKA_TEST_LOG=1` shows the adapter's and kafkajs' warnings, to debug a failing case. */
const LOGGER = process.env.KAFKA_TEST_LOG ? console : silentLogger;

/**
 * Shorter group timings than production so that rebalances and take-overs are quick: the
 * contract's take-over case has a member blocked in its handler while another joins, and the
 * join waits `rebalanceTimeout` for it (Kafka's classic group protocol stops the world).
 * 6 s is the brokers' minimum session timeout.
 */
const TEST_OPTIONS: KafkaPubSubOptions = {
  brokers: BROKERS,
  clientId: 'transport-integration-tests',
  logger: LOGGER,
  sessionTimeout: 6000,
  heartbeatInterval: 500,
  rebalanceTimeout: 6000,
  maxWaitTimeInMs: 100,
  redeliveryDelayMs: (attempt) => Math.min(10 * 2 ** (attempt - 1), 200),
};

// Never an unhandled rejection, whatever a case does to the adapter (kafkajs runs a lot in
// the background: fetch loops, heartbeats, restarts).
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  await requireService('kafka', BROKERS[0]);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await deleteTopicsOfThisRun();
  expect(unhandled).toEqual([]);
});

runPubSubContract('Kafka', async () => new KafkaPubSub(TEST_OPTIONS), KAFKA_PUB_SUB_FEATURES, {
  timeoutMs: TIMEOUT_MS,
  stressEvents: 10_000,
  // A crash, not a clean stop: acknowledged events must survive the broker's SIGKILL.
  restartBroker: () => crashAndRecover('kafka'),
});

describe('KafkaPubSub on Kafka', () => {
  let admin: Admin;
  const opened: PubSub[] = [];
  const open = (options: Partial<KafkaPubSubOptions> = {}): KafkaPubSub => {
    const pubsub = new KafkaPubSub({ ...TEST_OPTIONS, ...options });
    opened.push(pubsub);
    return pubsub;
  };

  beforeAll(async () => {
    admin = new Kafka({ brokers: BROKERS, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((pubsub) => pubsub.close()));
  }, TIMEOUT_MS);
  afterAll(async () => {
    await admin.disconnect();
  });

  const collect = async (
    pubsub: PubSub,
    topic: string,
    group: string,
    options: Partial<SubscribeOptions> = {},
  ) => {
    const received: { event: EventEnvelope; context: DeliveryContext }[] = [];
    const subscription = await pubsub.subscribe(
      topic,
      async (event, context) => {
        received.push({ event, context });
      },
      { group, ...options },
    );
    return { received, subscription };
  };

  const committedOffset = async (topic: string, group: string, partition: number) => {
    const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    return offsets.partitions.find((p) => p.partition === partition)?.offset;
  };

  describe('interoperability with kcat (CloudEvents Kafka binding, binary mode)', () => {
    it('hands an event produced by kcat to the handler with all its attributes', async () => {
      const pubsub = open();
      const [topic, group] = [uniqueName('kcat_in'), uniqueName('group')];
      const { received } = await collect(pubsub, topic, group);
      const id = randomUUID();

      await kcat(
        KAFKA_BROKERS,
        [
          ...kcatProduce(topic, 'user-42'),
          ...kcatHeaderArgs({
            ce_specversion: '1.0',
            ce_id: id,
            ce_source: '/scripts/kcat',
            ce_type: 'USER_CREATED',
            ce_time: '2024-05-01T12:00:00Z',
            ce_subject: 'user-42',
            ce_correlationid: 'flow-7',
            ce_causationid: 'cause-3',
            'content-type': 'application/json',
          }),
        ],
        '{"userId": 42, "email": "ada@example.com"}',
      );

      await waitFor(() => received.length === 1, { timeoutMs: TIMEOUT_MS });
      expect(received[0].event).toEqual({
        specversion: '1.0',
        id,
        source: '/scripts/kcat',
        type: 'USER_CREATED',
        time: '2024-05-01T12:00:00Z',
        subject: 'user-42',
        datacontenttype: 'application/json',
        data: { userId: 42, email: 'ada@example.com' },
        correlationid: 'flow-7',
        causationid: 'cause-3',
        partitionkey: 'user-42',
      });
      expect(received[0].context).toMatchObject({
        topic,
        group,
        attempt: 1,
        partition: partitionForKey('user-42', 3),
        offset: '0',
      });
    });

    it('writes events kcat reads back: ce_* headers, the partition key as key, JSON data as value', async () => {
      const pubsub = open();
      const topic = uniqueName('kcat_out');
      const event = testEvent({
        subject: 'order-7',
        causationid: 'cause-1',
        partitionkey: 'order-7',
        data: { total: 12.5, items: ['a', 'ä'] },
      });
      await pubsub.publish(topic, event);

      const [message] = await kcatRead(KAFKA_BROKERS, topic);
      expect(message.key).toBe('order-7');
      expect(message.partition).toBe(partitionForKey('order-7', 3));
      expect(JSON.parse(message.payload ?? '')).toEqual(event.data);
      expect(kcatHeaders(message)).toEqual({
        ce_specversion: '1.0',
        ce_id: event.id,
        ce_source: event.source,
        ce_type: event.type,
        ce_time: event.time,
        ce_subject: 'order-7',
        ce_correlationid: event.correlationid,
        ce_causationid: 'cause-1',
        ce_partitionkey: 'order-7',
        'content-type': 'application/json',
      });
      expect(message.ts).toBe(Date.parse(event.time));
      // And what kcat saw decodes to the very event that was published.
      expect(
        fromKafkaMessage({
          key: message.key,
          value: message.payload,
          headers: kcatHeaders(message),
          timestamp: String(message.ts),
        }),
      ).toEqual(event);
    });
  });

  it('moves a message that is no CloudEvent to <topic>.dlq with the reason, then handles the next one', async () => {
    const pubsub = open();
    const [topic, group] = [uniqueName('poison'), uniqueName('group')];
    const { received } = await collect(pubsub, topic, group);
    await kcat(
      KAFKA_BROKERS,
      [...kcatProduce(topic, 'same-key'), ...kcatHeaderArgs({ 'trace-id': 'abc123' })],
      'not a cloud event',
    );
    // Same key, so same partition, behind the poison message: it gets through only if the
    // poison message did not block the partition.
    const healthy = testEvent({ partitionkey: 'same-key' });
    await pubsub.publish(topic, healthy);

    await waitFor(() => received.length === 1, { timeoutMs: TIMEOUT_MS });
    expect(received[0].event).toEqual(healthy);
    expect(received[0].context.offset).toBe('1');

    const deadLetters = await kcatRead(KAFKA_BROKERS, `${topic}.dlq`);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0].payload).toBe('not a cloud event');
    expect(deadLetters[0].key).toBe('same-key');
    const headers = kcatHeaders(deadLetters[0]);
    expect(headers).toMatchObject({
      'trace-id': 'abc123',
      ce_dlqerrortype: 'EnvelopeValidationError',
      ce_dlqtopic: topic,
      ce_dlqgroup: group,
      ce_dlqpartition: String(partitionForKey('same-key', 3)),
      ce_dlqoffset: '0',
      ce_dlqattempts: '0',
      ce_dlqdeliveryattempt: '1',
    });
    expect(headers.ce_dlqerror).toMatch(/"specversion".*required/);
    expect(Date.parse(headers.ce_dlqfailedat)).not.toBeNaN();
    // The original offset stays committed past the poison message: nothing is redelivered.
    await waitFor(
      async () => (await committedOffset(topic, group, received[0].context.partition)) === '2',
      {
        timeoutMs: TIMEOUT_MS,
      },
    );
  });

  describe('adopting messages that carry no CloudEvent (SubscribeOptions.adopt)', () => {
    /** As a legacy producer's record might be adopted: data as is, id from the position. */
    const adoptJson = (message: ForeignMessage): EventEnvelope => {
      const data = JSON.parse(message.value?.toString('utf8') ?? 'null') as unknown;
      if (typeof data !== 'object' || data === null || !('name' in data)) {
        throw new TypeError('a legacy event needs a "name"');
      }
      return {
        specversion: '1.0',
        id: `${message.topic}-${message.partition}-${message.offset}`,
        source: '/legacy-producer',
        type: 'LEGACY_EVENT',
        time: new Date(Number(message.timestamp)).toISOString(),
        datacontenttype: 'application/json',
        data,
        correlationid: `${message.topic}-${message.partition}-${message.offset}`,
        partitionkey: message.key ?? 'legacy',
      };
    };

    it('hands a headerless JSON message produced by kcat to the handler as the envelope adopt made', async () => {
      const pubsub = open();
      const [topic, group] = [uniqueName('adopt'), uniqueName('group')];
      const received: { event: EventEnvelope; context: DeliveryContext }[] = [];
      await pubsub.subscribeBatch(topic, async (deliveries) => void received.push(...deliveries), {
        group,
        adopt: adoptJson,
      });
      await kcat(KAFKA_BROKERS, kcatProduce(topic, 'users'), '{"name": "Test", "source": "users"}');

      await waitFor(() => received.length === 1, { timeoutMs: TIMEOUT_MS });
      const partition = partitionForKey('users', 3);
      expect(received[0].event).toMatchObject({
        id: `${topic}-${partition}-0`,
        type: 'LEGACY_EVENT',
        data: { name: 'Test', source: 'users' },
        partitionkey: 'users',
      });
      expect(received[0].context).toMatchObject({ partition, offset: '0', attempt: 1 });
      expect(Date.parse(received[0].event.time)).not.toBeNaN();
    });

    it('moves a headerless message adopt refused to <topic>.dlq with the error, then goes on', async () => {
      const pubsub = open();
      const [topic, group] = [uniqueName('adopt_refused'), uniqueName('group')];
      const { received } = await collect(pubsub, topic, group, { adopt: adoptJson });
      await kcat(KAFKA_BROKERS, kcatProduce(topic, 'same-key'), '{"source": "users"}');
      const healthy = testEvent({ partitionkey: 'same-key' });
      await pubsub.publish(topic, healthy);

      await waitFor(() => received.length === 1, { timeoutMs: TIMEOUT_MS });
      expect(received[0].event).toEqual(healthy);
      const deadLetters = await kcatRead(KAFKA_BROKERS, `${topic}.dlq`);
      expect(deadLetters).toHaveLength(1);
      expect(deadLetters[0].payload).toBe('{"source": "users"}');
      expect(kcatHeaders(deadLetters[0])).toMatchObject({
        ce_dlqerror: 'a legacy event needs a "name"',
        ce_dlqerrortype: 'TypeError',
        ce_dlqhandler: 'KafkaPubSub (adopt)',
        ce_dlqtopic: topic,
        ce_dlqoffset: '0',
      });
    });
  });

  it('commits an offset only after its handler succeeded: a new member gets what a closed one failed', async () => {
    const [topic, group] = [uniqueName('commit'), uniqueName('group')];
    const failing = open();
    const attempts: number[] = [];
    const subscription = await failing.subscribe(
      topic,
      async (_event, context) => {
        attempts.push(context.attempt);
        throw new Error('fails every time');
      },
      { group },
    );
    const event = testEvent();
    await failing.publish(topic, event);
    await waitFor(() => attempts.length >= 2, { timeoutMs: TIMEOUT_MS });
    await subscription.close();
    expect(attempts.slice(0, 2)).toEqual([1, 2]);
    const partition = partitionForKey(event.partitionkey, 3);
    // Never moved past the event (-1: nothing committed yet; 0: sought back to it).
    expect(['-1', '0']).toContain(await committedOffset(topic, group, partition));

    const { received } = await collect(open(), topic, group);
    await waitFor(() => received.length === 1, { timeoutMs: TIMEOUT_MS });
    expect(received[0].event).toEqual(event);
    await waitFor(async () => (await committedOffset(topic, group, partition)) === '1', {
      timeoutMs: TIMEOUT_MS,
    });
  });

  it(
    'redelivers the event of a member whose process was killed in the handler',
    async () => {
      const [topic, group] = [uniqueName('crash'), uniqueName('group')];
      const publisher = open();
      // Created here first: the child and this process must agree on the partition count.
      await (
        await publisher.subscribe(topic, async () => undefined, { group: uniqueName('x') })
      ).close();
      const child = startCrashingMember(topic, group);
      try {
        await waitFor(() => child.output().includes('joined'), {
          timeoutMs: TIMEOUT_MS,
          message: `the child member did not join: ${child.errors()}`,
        });
        const event = testEvent();
        await publisher.publish(topic, event);
        await waitFor(() => child.output().includes(`handling ${event.id}`), {
          timeoutMs: TIMEOUT_MS,
        });
        child.process.kill('SIGKILL');

        const { received } = await collect(open(), topic, group);
        await waitFor(() => received.length === 1, { timeoutMs: TIMEOUT_MS });
        expect(received[0].event).toEqual(event);
      } finally {
        child.process.kill('SIGKILL');
      }
    },
    TIMEOUT_MS * 2,
  );

  describe('groupLag', () => {
    /** Two keys that land in different partitions of a 3-partition topic. */
    const keysApart = (): [string, string] => {
      const first = 'lag-a';
      let second = 'lag-b';
      for (let i = 0; partitionForKey(second, 3) === partitionForKey(first, 3); i++) {
        second = `lag-b-${i}`;
      }
      return [first, second];
    };

    it(
      'sums high watermark minus committed offset; a partition never committed counts from its low watermark',
      async () => {
        const pubsub = open();
        const [topic, group] = [uniqueName('lag_offsets'), uniqueName('group')];
        const [a, b] = keysApart();
        const events = (key: string, count: number) =>
          Array.from({ length: count }, () => testEvent({ partitionkey: key }));
        await pubsub.publish(topic, [...events(a, 4), ...events(b, 3)]);
        const [partitionA, partitionB] = [partitionForKey(a, 3), partitionForKey(b, 3)];
        // Committed 3 of 4 in A; nothing committed in B, whose first record retention removed.
        await admin.setOffsets({
          groupId: group,
          topic,
          partitions: [{ partition: partitionA, offset: '3' }],
        });
        await admin.deleteTopicRecords({
          topic,
          partitions: [{ partition: partitionB, offset: '1' }],
        });

        await expect(pubsub.groupLag(topic, group)).resolves.toBe(1 + 2);
      },
      TIMEOUT_MS,
    );

    it('asking about a topic that does not exist creates none', async () => {
      const pubsub = open();
      const topic = uniqueName('lag_missing');
      await expect(pubsub.groupLag(topic, uniqueName('group'))).resolves.toBe(0);
      expect(await admin.listTopics()).not.toContain(topic);
    });
  });

  it('creates a topic on first use with the configured number of partitions', async () => {
    const pubsub = open({ partitions: 5 });
    const topic = uniqueName('partitions');
    await pubsub.publish(topic, testEvent());
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0].partitions).toHaveLength(5);
  });

  it('says which topic it could not create and why', async () => {
    const pubsub = open({ replicationFactor: 99 });
    const topic = uniqueName('unreplicable');
    await expect(pubsub.publish(topic, testEvent())).rejects.toThrow(
      `could not create topic "${topic}" (3 partitions, replication factor 99): ` +
        'Replication-factor is invalid',
    );
  });

  describe('tails', () => {
    it(
      'a tail gets the event published the moment it resolved, however soon it fetches',
      async () => {
        const [publisher, subscriber] = [open(), open()];
        const topic = uniqueName('tail_race');
        // Warm: the publisher's producer and the topic exist, so each publish below is quick.
        await publisher.publish(topic, testEvent());
        const tails = Array.from({ length: 6 }, (_, i) => ({
          marker: testEvent({ partitionkey: `key-${i}` }),
          received: [] as string[],
        }));
        await Promise.all(
          tails.map(async (tail) => {
            await subscriber.tail(topic, (event) => void tail.received.push(event.id));
            await publisher.publish(topic, tail.marker);
          }),
        );

        await waitFor(() => tails.every((tail) => tail.received.includes(tail.marker.id)), {
          timeoutMs: TIMEOUT_MS,
          message: 'every tail got the event published as it resolved',
        });
      },
      TIMEOUT_MS * 2,
    );

    it(
      'deletes its consumer group on close, leaving none behind',
      async () => {
        const clientId = uniqueName('tail_client');
        const pubsub = open({ clientId });
        const tailGroups = async () =>
          (await admin.listGroups()).groups
            .map((group) => group.groupId)
            .filter((id) => id.startsWith(`${clientId}.tail.`));
        const subscription = await pubsub.tail(uniqueName('tail_group'), () => undefined);
        expect(await tailGroups()).toHaveLength(1);

        await subscription.close();
        expect(await tailGroups()).toEqual([]);
      },
      TIMEOUT_MS * 2,
    );

    it(
      'skips a message that is no CloudEvent and goes on with the next one',
      async () => {
        const pubsub = open();
        const topic = uniqueName('tail_poison');
        const received: EventEnvelope[] = [];
        await pubsub.tail(topic, (event) => void received.push(event));
        await kcat(KAFKA_BROKERS, kcatProduce(topic, 'same-key'), 'not a cloud event');
        const healthy = testEvent({ partitionkey: 'same-key' });
        await pubsub.publish(topic, healthy);

        await waitFor(() => received.length === 1, { timeoutMs: TIMEOUT_MS });
        expect(received).toEqual([healthy]);
      },
      TIMEOUT_MS * 2,
    );
  });

  it('rejects a batch holding an invalid event without writing any of it', async () => {
    const pubsub = open();
    const topic = uniqueName('invalid_batch');
    const invalid = { ...testEvent(), type: 'not upper snake' };
    await expect(pubsub.publish(topic, [testEvent(), invalid])).rejects.toThrow(/"type"/);
    await pubsub.publish(topic, testEvent({ partitionkey: 'marker' }));
    const messages = await kcatRead(KAFKA_BROKERS, topic);
    expect(messages).toHaveLength(1);
    expect(messages[0].key).toBe('marker');
  });
});

/**
 * Kafka keeps a topic until it is deleted: without this, every run would leave some seventy
 * topics (and their partitions' files) on the dev broker. Every name this run made, contract
 * cases included, carries uniqueName's run token (`<prefix>_<run>_<n>`).
 */
async function deleteTopicsOfThisRun(): Promise<void> {
  const run = /^probe_([a-z0-9]+)_\d+$/.exec(uniqueName('probe'))?.[1];
  if (!run) return;
  const admin = new Kafka({ brokers: BROKERS, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.includes(`_${run}_`));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: TIMEOUT_MS });
  } finally {
    await admin.disconnect();
  }
}

/**
 * kcat arguments producing to `topic` with `key`, partitioned like Java clients and we do:
 * librdkafka's default partitioner is CRC32-based, so without this flag a key may land in
 * another partition than the same key published by the adapter.
 */
function kcatProduce(topic: string, key: string): string[] {
  return ['-P', '-t', topic, '-k', key, '-X', 'partitioner=murmur2_random'];
}

/** The fixture member in a child process (ts-node, as the jest run compiles TS itself). */
function startCrashingMember(topic: string, group: string) {
  const fixture = join(__dirname, 'kafka-crashing-member.fixture.ts');
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', fixture],
    {
      env: {
        ...process.env,
        TS_NODE_TRANSPILE_ONLY: 'true',
        KAFKA_BROKERS,
        CRASH_TOPIC: topic,
        CRASH_GROUP: group,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { process: child, output: () => stdout, errors: () => stderr };
}
