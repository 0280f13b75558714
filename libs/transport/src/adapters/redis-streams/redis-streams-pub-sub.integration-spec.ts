import { hostname } from 'node:os';
import { controlService } from '@app/platform/testing/control-service';
import type { EventEnvelope } from '@app/envelope';
import { requireService } from '@app/platform/testing/require-service';
import { Redis } from 'ioredis';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { DeliveryContext, PubSub } from '../../ports/event-bus.port';
import type { TransportLogger } from '../../ports/transport-logger.port';
import { deferred } from '../../testing/deferred';
import { runPubSubContract } from '../../testing/pub-sub.contract';
import { silentLogger } from '../../testing/silent.logger';
import { testEvent } from '../../testing/test-event';
import { uniqueName } from '../../testing/unique-name';
import { waitFor } from '../../testing/wait-for';
import { parseReadReply } from './stream-reply.parser';
// Through the public entry point, so the path an app imports from is what is tested.
import {
  REDIS_STREAMS_PUB_SUB_FEATURES,
  RedisStreamsPubSub,
  type RedisStreamsPubSubOptions,
} from '@app/transport/adapters/redis-streams';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Every key of this run lives under it, so runs never see each other's streams. */
const KEY_PREFIX = `${uniqueName('it_events')}:`;
const TIMEOUT_MS = 30_000;

beforeAll(() => requireService('redis', REDIS_URL));

// Default timings on purpose (30 s minIdleTimeMs): the contract's take-over case then proves
// that a closing member hands its entries over at once rather than after the idle time.
runPubSubContract(
  'Redis Streams',
  async () =>
    new RedisStreamsPubSub({ connection: REDIS_URL, keyPrefix: KEY_PREFIX, logger: silentLogger }),
  REDIS_STREAMS_PUB_SUB_FEATURES,
  {
    timeoutMs: TIMEOUT_MS,
    // A clean restart: Redis's AOF is fsynced once a second, so a SIGKILL may lose the last
    // second of writes by design (appendfsync everysec); that is Redis's durability contract.
    restartBroker: () => controlService('redis', 'restart'),
  },
);

describe('RedisStreamsPubSub on Redis', () => {
  let raw: Redis;
  const opened: PubSub[] = [];
  const open = (options: Partial<RedisStreamsPubSubOptions> = {}): RedisStreamsPubSub => {
    const pubsub = new RedisStreamsPubSub({
      connection: REDIS_URL,
      keyPrefix: KEY_PREFIX,
      logger: silentLogger,
      ...options,
    });
    opened.push(pubsub);
    return pubsub;
  };
  const keyOf = (topic: string) => `${KEY_PREFIX}${topic}`;
  const pendingCount = async (topic: string, group: string) => {
    const [count] = (await raw.call('XPENDING', keyOf(topic), group)) as [number];
    return count;
  };
  /** A group that reads `count` entries as consumer `gone` and acknowledges `acked` of them. */
  const readWithoutHandling = async (topic: string, group: string, count: number, acked = 0) => {
    await raw.call('XGROUP', 'CREATE', keyOf(topic), group, '0', 'MKSTREAM');
    const reply = await raw.call(
      'XREADGROUP',
      'GROUP',
      group,
      'gone',
      'COUNT',
      count,
      'STREAMS',
      keyOf(topic),
      '>',
    );
    const ids = parseReadReply(reply).map((entry) => entry.id);
    if (acked > 0) await raw.call('XACK', keyOf(topic), group, ...ids.slice(0, acked));
    return ids;
  };

  beforeAll(() => {
    raw = new Redis(REDIS_URL);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((pubsub) => pubsub.close()));
  });
  afterAll(async () => {
    await deleteKeys(raw, `${KEY_PREFIX}*`);
    await raw.quit();
  });

  it('appends each event to its topic stream as CloudEvents JSON in the `envelope` field', async () => {
    const pubsub = open();
    const topic = uniqueName('layout');
    const events = [testEvent(), testEvent()];
    await pubsub.publish(topic, events);

    const entries = (await raw.call('XRANGE', keyOf(topic), '-', '+')) as [string, string[]][];
    expect(entries.map(([, fields]) => fields[0])).toEqual(['envelope', 'envelope']);
    expect(entries.map(([, fields]) => JSON.parse(fields[1]) as unknown)).toEqual(events);
  });

  it('rejects a batch holding an invalid event without writing any of it', async () => {
    const pubsub = open();
    const topic = uniqueName('invalid_batch');
    const invalid = { ...testEvent(), type: 'not upper snake' };

    await expect(pubsub.publish(topic, [testEvent(), invalid])).rejects.toThrow(/type/);
    expect(await raw.exists(keyOf(topic))).toBe(0);
  });

  describe('trimming to maxLen', () => {
    const maxLen = 50;
    const publishMany = async (pubsub: PubSub, topic: string, count: number) => {
      for (let sent = 0; sent < count; sent += 50) {
        await pubsub.publish(
          topic,
          Array.from({ length: Math.min(50, count - sent) }, () => testEvent()),
        );
      }
    };
    it('cuts a stream no group reads to maxLen soon after publishing', async () => {
      const pubsub = open({ maxLen, trimIntervalMs: 50 });
      const topic = uniqueName('trimmed');
      await publishMany(pubsub, topic, 1000);

      await waitFor(async () => (await raw.xlen(keyOf(topic))) === maxLen, {
        timeoutMs: TIMEOUT_MS,
      });
    });

    it('never trims an entry a group has not read: the group handles every one later', async () => {
      const pubsub = open({ maxLen });
      const [topic, group] = [uniqueName('trim_unread'), uniqueName('group')];
      await raw.call('XGROUP', 'CREATE', keyOf(topic), group, '0', 'MKSTREAM');
      await publishMany(pubsub, topic, 200);

      await expect(pubsub.trim(topic)).resolves.toBe(0);
      expect(await raw.xlen(keyOf(topic))).toBe(200);

      const handled = new Set<string>();
      await pubsub.subscribe(topic, async (event) => void handled.add(event.id), { group });
      await waitFor(async () => handled.size === 200 && (await pendingCount(topic, group)) === 0, {
        timeoutMs: TIMEOUT_MS,
      });
      // Every group has acknowledged everything: back to maxLen.
      await expect(pubsub.trim(topic)).resolves.toBe(150);
      expect(await raw.xlen(keyOf(topic))).toBe(maxLen);
    });

    it('keeps what the slowest group still holds pending, trimming only what all acknowledged', async () => {
      const pubsub = open({ maxLen });
      const topic = uniqueName('trim_pending');
      await publishMany(pubsub, topic, 200);
      const done = await readWithoutHandling(topic, uniqueName('done'), 200, 200);
      const slow = await readWithoutHandling(topic, uniqueName('slow'), 120, 100);

      await expect(pubsub.trim(topic)).resolves.toBe(100);

      const [[oldest]] = (await raw.call('XRANGE', keyOf(topic), '-', '+', 'COUNT', 1)) as [
        [string],
      ];
      expect(oldest).toBe(slow[100]);
      expect(await raw.xlen(keyOf(topic))).toBe(100);
      expect(done).toHaveLength(200);
    });

    it('keeps the whole backlog of a group that read part of it and acknowledged all it read', async () => {
      const pubsub = open({ maxLen });
      const topic = uniqueName('trim_lagging');
      await publishMany(pubsub, topic, 200);
      const read = await readWithoutHandling(topic, uniqueName('behind'), 30, 30);

      await pubsub.trim(topic);

      // 170 not read yet, more than maxLen: trimmed up to the last entry the group read.
      const [[oldest]] = (await raw.call('XRANGE', keyOf(topic), '-', '+', 'COUNT', 1)) as [
        [string],
      ];
      expect(oldest).toBe(read[29]);
      expect(await raw.xlen(keyOf(topic))).toBe(171);
    });
  });

  it(
    'claims the entries of a consumer that died holding them, as redeliveries',
    async () => {
      const pubsub = open({ minIdleTimeMs: 200, claimIntervalMs: 50 });
      const [topic, group] = [uniqueName('dead_consumer'), uniqueName('group')];
      const events = Array.from({ length: 5 }, () => testEvent());
      await raw.call('XGROUP', 'CREATE', keyOf(topic), group, '0', 'MKSTREAM');
      await pubsub.publish(topic, events);
      // A consumer of another process reads three entries and dies before acknowledging them.
      await raw.call(
        'XREADGROUP',
        'GROUP',
        group,
        'dead-consumer',
        'COUNT',
        3,
        'STREAMS',
        keyOf(topic),
        '>',
      );
      expect(await pendingCount(topic, group)).toBe(3);

      const attempts = new Map<string, number>();
      await pubsub.subscribe(
        topic,
        async (event, context) => {
          attempts.set(event.id, context.attempt);
        },
        { group, concurrency: 2 },
      );

      await waitFor(() => attempts.size === events.length, { timeoutMs: TIMEOUT_MS });
      expect(events.map((event) => attempts.get(event.id))).toEqual([2, 2, 2, 1, 1]);
      await waitFor(async () => (await pendingCount(topic, group)) === 0, {
        timeoutMs: TIMEOUT_MS,
      });
    },
    TIMEOUT_MS * 2,
  );

  it(
    'claims a dead consumer’s entries as batches, as redeliveries (subscribeBatch)',
    async () => {
      const pubsub = open({ minIdleTimeMs: 200, claimIntervalMs: 50 });
      const [topic, group] = [uniqueName('dead_consumer_batch'), uniqueName('group')];
      const events = Array.from({ length: 5 }, () => testEvent());
      await raw.call('XGROUP', 'CREATE', keyOf(topic), group, '0', 'MKSTREAM');
      await pubsub.publish(topic, events);
      await raw.call(
        'XREADGROUP',
        'GROUP',
        group,
        'dead',
        'COUNT',
        3,
        'STREAMS',
        keyOf(topic),
        '>',
      );

      const batches: { ids: string[]; attempts: number[] }[] = [];
      await pubsub.subscribeBatch(
        topic,
        async (deliveries) => {
          batches.push({
            ids: deliveries.map((d) => d.event.id),
            attempts: deliveries.map((d) => d.context.attempt),
          });
        },
        { group, maxBatchSize: 10 },
      );

      const handled = () => batches.flatMap((batch) => batch.ids);
      await waitFor(() => handled().length === events.length, { timeoutMs: TIMEOUT_MS });
      const claimed = batches.find((batch) => batch.ids.includes(events[0].id));
      expect(claimed).toEqual({ ids: events.slice(0, 3).map((e) => e.id), attempts: [2, 2, 2] });
      await waitFor(async () => (await pendingCount(topic, group)) === 0, {
        timeoutMs: TIMEOUT_MS,
      });
    },
    TIMEOUT_MS * 2,
  );

  it('acknowledges a batch, and what per-event handlers finish together, with one XACK', async () => {
    const injected = new Redis(REDIS_URL);
    const calls = jest.spyOn(injected, 'call');
    const xacks = () =>
      calls.mock.calls.filter(([command]) => command === 'XACK').map((call) => call.length - 3);
    const pubsub = open({ connection: injected });
    try {
      const [perEvent, batched] = [uniqueName('xack_events'), uniqueName('xack_batches')];
      await pubsub.publish(
        perEvent,
        Array.from({ length: 100 }, () => testEvent()),
      );
      await pubsub.publish(
        batched,
        Array.from({ length: 100 }, () => testEvent()),
      );

      let handled = 0;
      const allAcknowledged = (topic: string) =>
        waitFor(async () => handled === 200 || (handled === 100 && topic === perEvent), {
          timeoutMs: TIMEOUT_MS,
        }).then(() =>
          waitFor(async () => (await pendingCount(topic, 'g')) === 0, { timeoutMs: TIMEOUT_MS }),
        );
      await pubsub.subscribe(perEvent, async () => void (handled += 1), {
        group: 'g',
        concurrency: 100,
      });
      await allAcknowledged(perEvent);
      expect(xacks()).toEqual([100]);

      calls.mockClear();
      await pubsub.subscribeBatch(
        batched,
        async (deliveries) => void (handled += deliveries.length),
        {
          group: 'g',
          concurrency: 2,
          maxBatchSize: 50,
        },
      );
      await allAcknowledged(batched);
      // Two batches of 50 from one read: each one XACK, or both in one.
      expect(xacks().reduce((sum, ids) => sum + ids, 0)).toBe(100);
      expect(xacks().length).toBeLessThanOrEqual(2);
    } finally {
      // Before the injected connection goes: closing the consumers needs it.
      await pubsub.close();
      await injected.quit();
    }
  });

  it(
    'redelivers the event of a member whose process was killed in the handler',
    async () => {
      const [topic, group] = [uniqueName('killed'), uniqueName('group')];
      const minIdleTimeMs = 500;
      const child = startCrashingMember(topic, group, minIdleTimeMs);
      try {
        await waitFor(() => child.output().includes('joined'), {
          timeoutMs: TIMEOUT_MS,
          message: `the child member did not join: ${child.errors()}`,
        });
        const publisher = open();
        const event = testEvent();
        await publisher.publish(topic, event);
        await waitFor(() => child.output().includes(`handling ${event.id}`), {
          timeoutMs: TIMEOUT_MS,
        });
        child.process.kill('SIGKILL');

        const survivor = open({ minIdleTimeMs, claimIntervalMs: 50 });
        const recovered: { event: EventEnvelope; context: DeliveryContext }[] = [];
        await survivor.subscribe(
          topic,
          async (received, context) => void recovered.push({ event: received, context }),
          { group },
        );
        await waitFor(() => recovered.length === 1, { timeoutMs: TIMEOUT_MS });
        expect(recovered[0].event).toEqual(event);
        expect(recovered[0].context.attempt).toBe(2);
        await waitFor(async () => (await pendingCount(topic, group)) === 0, {
          timeoutMs: TIMEOUT_MS,
        });
      } finally {
        child.process.kill('SIGKILL');
      }
    },
    TIMEOUT_MS * 2,
  );

  it(
    'recovers an event from a member whose process lost Redis mid-handler',
    async () => {
      const [topic, group] = [uniqueName('crash'), uniqueName('group')];
      const doomedConnection = new Redis(REDIS_URL);
      const doomed = open({ connection: doomedConnection, minIdleTimeMs: 300 });
      const started = deferred();
      await doomed.subscribe(
        topic,
        async (_event, context) => {
          started.resolve();
          // Hangs like a stuck process; only the close at the end of the case lets it go.
          await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
          throw new Error('aborted');
        },
        { group },
      );
      const event = testEvent();
      await doomed.publish(topic, event);
      await started.promise;
      // The "process" stops talking to Redis: no keep-alive, no acknowledgement, ever.
      doomedConnection.disconnect();

      const survivor = open({ minIdleTimeMs: 300, claimIntervalMs: 50 });
      const recovered: DeliveryContext[] = [];
      await survivor.subscribe(
        topic,
        async (received, context) => {
          if (received.id === event.id) recovered.push(context);
        },
        { group },
      );

      await waitFor(() => recovered.length === 1, { timeoutMs: TIMEOUT_MS });
      expect(recovered[0].attempt).toBe(2);
      await waitFor(async () => (await pendingCount(topic, group)) === 0, {
        timeoutMs: TIMEOUT_MS,
      });
    },
    TIMEOUT_MS * 2,
  );

  it(
    'keeps a slow handler’s event from the other members while it runs',
    async () => {
      const minIdleTimeMs = 300;
      const pubsub = open({ minIdleTimeMs, claimIntervalMs: 20 });
      const [topic, group] = [uniqueName('slow'), uniqueName('group')];
      const started = deferred();
      const release = deferred();
      const handled: string[] = [];
      await pubsub.subscribe(
        topic,
        async (event) => {
          started.resolve();
          await release.promise;
          handled.push(`slow ${event.id}`);
        },
        { group },
      );
      const event = testEvent();
      await pubsub.publish(topic, event);
      await started.promise;
      // Joins once the slow member holds the event, so only a take-over could give it one.
      await pubsub.subscribe(
        topic,
        async (received) => {
          handled.push(`other ${received.id}`);
        },
        { group },
      );

      // An observation window, not a wait for an outcome: four idle limits pass with the
      // other member looking every 20 ms; it must not take the event meanwhile.
      const until = performance.now() + 4 * minIdleTimeMs;
      try {
        await waitFor(() => performance.now() > until || handled.length > 0, {
          timeoutMs: TIMEOUT_MS,
        });
        expect(handled).toEqual([]);
      } finally {
        release.resolve();
      }
      await waitFor(() => handled.length > 0, { timeoutMs: TIMEOUT_MS });
      expect(handled).toEqual([`slow ${event.id}`]);
    },
    TIMEOUT_MS * 2,
  );

  it(
    'shares a group with another adapter instance, as another process would',
    async () => {
      const [first, second] = [open(), open()];
      const [topic, group] = [uniqueName('two_processes'), uniqueName('group')];
      const handledBy = new Map<string, string[]>();
      const member = (name: string) => async (event: EventEnvelope) => {
        handledBy.set(event.id, [...(handledBy.get(event.id) ?? []), name]);
      };
      await first.subscribe(topic, member('first'), { group, concurrency: 2 });
      await second.subscribe(topic, member('second'), { group, concurrency: 2 });
      const events = Array.from({ length: 200 }, () => testEvent());
      await first.publish(topic, events.slice(0, 100));
      await second.publish(topic, events.slice(100));

      await waitFor(() => handledBy.size === events.length, { timeoutMs: TIMEOUT_MS });
      const handlers = [...handledBy.values()];
      expect(handlers.every((names) => names.length === 1)).toBe(true);
      expect(handlers.some(([name]) => name === 'first')).toBe(true);
      expect(handlers.some(([name]) => name === 'second')).toBe(true);
    },
    TIMEOUT_MS * 2,
  );

  it(
    'hands a closing member’s failed event to the group at once, counting the attempt',
    async () => {
      // Recovery by idle time alone would take a minute here.
      const settings = { minIdleTimeMs: 60_000, claimIntervalMs: 50 };
      const [leaving, staying] = [open(settings), open(settings)];
      const [topic, group] = [uniqueName('hand_over'), uniqueName('group')];
      const started = deferred();
      const leavingSubscription = await leaving.subscribe(
        topic,
        async (_event, context) => {
          started.resolve();
          await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
          throw new Error('closing before acknowledging');
        },
        { group },
      );
      const event = testEvent();
      await leaving.publish(topic, event);
      await started.promise;
      const recovered: DeliveryContext[] = [];
      await staying.subscribe(
        topic,
        async (received, context) => {
          recovered.push(context);
          expect(received).toEqual(event);
        },
        { group },
      );

      await leavingSubscription.close();
      await waitFor(() => recovered.length === 1, { timeoutMs: TIMEOUT_MS });
      expect(recovered[0].attempt).toBe(2);
    },
    TIMEOUT_MS * 2,
  );

  it(
    'moves an entry that is not an event to the dead-letter stream with the failure, and goes on',
    async () => {
      const errors: string[] = [];
      const logger: TransportLogger = { warn: () => undefined, error: (m) => errors.push(m) };
      const deadLettered: string[] = [];
      const pubsub = open({ logger, onPoisonDeadLettered: (from) => void deadLettered.push(from) });
      const [topic, group] = [uniqueName('foreign'), uniqueName('group')];
      const received: string[] = [];
      await pubsub.subscribe(topic, async (event) => void received.push(event.id), { group });
      const notAnEvent = (await raw.call(
        'XADD',
        keyOf(topic),
        '*',
        'envelope',
        '{"not":"an event"}',
      )) as string;
      await raw.call('XADD', keyOf(topic), '*', 'something', 'else');
      const event = testEvent();
      await pubsub.publish(topic, event);

      await waitFor(() => received.length === 1, { timeoutMs: TIMEOUT_MS });
      expect(received).toEqual([event.id]);
      await waitFor(async () => (await pendingCount(topic, group)) === 0, {
        timeoutMs: TIMEOUT_MS,
      });
      const deadLetters = (await raw.call('XRANGE', keyOf(`${topic}.dlq`), '-', '+')) as [
        string,
        string[],
      ][];
      const [first, second] = deadLetters.map(([, fields]) => fieldsOf(fields));
      expect(first).toMatchObject({
        envelope: '{"not":"an event"}',
        dlqerrortype: 'EnvelopeValidationError',
        dlqtopic: topic,
        dlqgroup: group,
        dlqhandler: 'RedisStreamsPubSub (decoding)',
        dlqattempts: '0',
        dlqdeliveryattempt: '1',
        dlqoffset: notAnEvent,
      });
      expect(second).toMatchObject({
        something: 'else',
        dlqerror: expect.stringContaining('no "envelope" field'),
      });
      expect(errors).toHaveLength(2);
      expect(deadLettered).toEqual([topic, topic]);

      // On the dead-letter stream itself there is nowhere further to go: logged and skipped.
      const dlqGroup = uniqueName('dlq_reader');
      await pubsub.subscribe(`${topic}.dlq`, async (e) => void received.push(e.id), {
        group: dlqGroup,
      });
      await waitFor(() => errors.length === 4, { timeoutMs: TIMEOUT_MS });
      await waitFor(async () => (await pendingCount(`${topic}.dlq`, dlqGroup)) === 0, {
        timeoutMs: TIMEOUT_MS,
      });
      expect(received).toEqual([event.id]);
      expect(errors[3]).toContain('skipping it');
    },
    TIMEOUT_MS * 2,
  );

  describe('tails', () => {
    it(
      'a tail gets the event published the moment it resolved, before its first read',
      async () => {
        const [publisher, subscriber] = [open(), open()];
        const topic = uniqueName('tail_race');
        await publisher.publish(topic, testEvent());
        const tails = Array.from({ length: 6 }, () => ({
          marker: testEvent(),
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
      'skips entries that hold no event, leaving them where they are, and goes on',
      async () => {
        const pubsub = open();
        const topic = uniqueName('tail_poison');
        const received: EventEnvelope[] = [];
        await pubsub.tail(topic, (event) => void received.push(event));
        await raw.call('XADD', keyOf(topic), '*', 'foreign', 'field');
        await raw.call('XADD', keyOf(topic), '*', 'envelope', '{"not": "an event"}');
        const healthy = testEvent();
        await pubsub.publish(topic, healthy);

        await waitFor(() => received.length === 1, { timeoutMs: TIMEOUT_MS });
        expect(received).toEqual([healthy]);
        expect(await raw.xlen(keyOf(topic))).toBe(3);
        expect(await raw.exists(keyOf(`${topic}.dlq`))).toBe(0);
      },
      TIMEOUT_MS * 2,
    );

    it(
      'closing an idle tail interrupts its blocking read instead of waiting it out',
      async () => {
        // A read that blocks far longer than this case may take.
        const pubsub = open({ blockMs: TIMEOUT_MS * 4 });
        const topic = uniqueName('tail_idle');
        const subscription = await pubsub.tail(topic, () => undefined);
        // `flags=b`: blocked in a command, here its XREAD. Only this process's tails: other
        // processes (a benchmark, another suite) may tail the same Redis meanwhile.
        const ours = `name=stream-reader:tail-${hostname()}-${process.pid}-`;
        const blockedTailReaders = async () =>
          String(await raw.call('CLIENT', 'LIST'))
            .split('\n')
            .filter((line) => line.includes(ours) && /flags=\w*b/.test(line));
        await waitFor(async () => (await blockedTailReaders()).length > 0, {
          timeoutMs: TIMEOUT_MS,
        });

        await subscription.close();
        expect(await blockedTailReaders()).toEqual([]);
      },
      TIMEOUT_MS,
    );
  });

  describe('groupLag', () => {
    /** A group created at `0` whose consumer of another process read `count` and stopped. */
    const redisLag = async (topic: string, group: string): Promise<unknown> => {
      const groups = (await raw.call('XINFO', 'GROUPS', keyOf(topic))) as unknown[][];
      const info = groups.find((fields) => fields[1] === group) ?? [];
      return info[info.indexOf('lag') + 1];
    };

    it(
      'adds the pending entries to the undelivered ones, which count no entry trimmed away',
      async () => {
        const pubsub = open();
        const [topic, group] = [uniqueName('lag_trimmed'), uniqueName('group')];
        await pubsub.publish(
          topic,
          Array.from({ length: 10 }, () => testEvent()),
        );
        await readWithoutHandling(topic, group, 2);
        await raw.call('XTRIM', keyOf(topic), 'MAXLEN', 3);

        // Redis still counts the 5 trimmed entries the group never read; it will never get them.
        expect(await redisLag(topic, group)).toBe(8);
        await expect(pubsub.groupLag(topic, group)).resolves.toBe(3 + 2);
      },
      TIMEOUT_MS,
    );

    it(
      'counts every retained entry as undelivered where Redis cannot tell (an XDEL ahead)',
      async () => {
        const pubsub = open();
        const [topic, group] = [uniqueName('lag_xdel'), uniqueName('group')];
        await pubsub.publish(
          topic,
          Array.from({ length: 5 }, () => testEvent()),
        );
        await readWithoutHandling(topic, group, 2);
        const [[newest]] = (await raw.call('XREVRANGE', keyOf(topic), '+', '-', 'COUNT', 1)) as [
          [string],
        ];
        await raw.call('XDEL', keyOf(topic), newest);

        expect(await redisLag(topic, group)).toBeNull();
        // An upper bound: 4 retained + 2 pending, where 2 undelivered + 2 pending is the truth.
        await expect(pubsub.groupLag(topic, group)).resolves.toBe(4 + 2);
      },
      TIMEOUT_MS,
    );

    it('a group not created yet lags by the whole stream, and asking creates none', async () => {
      const pubsub = open();
      const [topic, group] = [uniqueName('lag_no_group'), uniqueName('group')];
      await pubsub.publish(topic, [testEvent(), testEvent()]);
      await expect(pubsub.groupLag(topic, group)).resolves.toBe(2);
      expect(await raw.call('XINFO', 'GROUPS', keyOf(topic))).toEqual([]);
    });
  });

  it('removes a consumer that closed with nothing pending from its group', async () => {
    const pubsub = open();
    const [topic, group] = [uniqueName('tidy'), uniqueName('group')];
    let handled = 0;
    const subscription = await pubsub.subscribe(topic, async () => void (handled += 1), { group });
    await pubsub.publish(topic, testEvent());
    // Handled, not only "nothing pending": an entry not read yet is not pending either, and
    // one read while closing is handed over, which rightly keeps its consumer in the group.
    await waitFor(async () => handled === 1 && (await pendingCount(topic, group)) === 0, {
      timeoutMs: TIMEOUT_MS,
    });
    const consumers = async () =>
      ((await raw.call('XINFO', 'CONSUMERS', keyOf(topic), group)) as unknown[]).length;
    await waitFor(async () => (await consumers()) === 1, { timeoutMs: TIMEOUT_MS });

    await subscription.close();
    expect(await consumers()).toBe(0);
  });

  it('runs on an injected ioredis instance and leaves it open', async () => {
    const injected = new Redis(REDIS_URL);
    try {
      const pubsub = open({ connection: injected });
      const [topic, group] = [uniqueName('injected'), uniqueName('group')];
      const received: string[] = [];
      await pubsub.subscribe(topic, async (event) => void received.push(event.id), { group });
      const event = testEvent();
      await pubsub.publish(topic, event);
      await waitFor(() => received.length === 1, { timeoutMs: TIMEOUT_MS });

      await pubsub.close();
      expect(await injected.ping()).toBe('PONG');
    } finally {
      await injected.quit();
    }
  });

  it('refuses an injected instance with a key prefix of its own', () => {
    const prefixed = new Redis(REDIS_URL, { keyPrefix: 'app:', lazyConnect: true });
    expect(() => new RedisStreamsPubSub({ connection: prefixed })).toThrow(/keyPrefix/);
    prefixed.disconnect();
  });
});

/** The fixture member in a child process (ts-node, as the jest run compiles TS itself). */
function startCrashingMember(topic: string, group: string, minIdleTimeMs: number) {
  const fixture = join(__dirname, 'redis-streams-crashing-member.fixture.ts');
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', fixture],
    {
      env: {
        ...process.env,
        TS_NODE_TRANSPILE_ONLY: 'true',
        REDIS_URL,
        CRASH_KEY_PREFIX: KEY_PREFIX,
        CRASH_TOPIC: topic,
        CRASH_GROUP: group,
        CRASH_MIN_IDLE_MS: String(minIdleTimeMs),
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

function fieldsOf(flat: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
  return fields;
}

/** Removes this run's keys (UNLINK: freed in the background), so the dev Redis stays tidy. */
async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
