import type { Consumer, ConsumerEvents, ConsumerRunConfig } from 'kafkajs';
import { KafkaGroupMember, type KafkaGroupMemberSettings } from './kafka-group.member';

type EventName = ConsumerEvents[keyof ConsumerEvents];

/** The part of a kafkajs consumer the member drives, recording what it is asked to do. */
class FakeConsumer {
  readonly events = {
    GROUP_JOIN: 'consumer.group_join',
    FETCH: 'consumer.fetch',
    CRASH: 'consumer.crash',
  } as const;
  readonly calls: string[] = [];
  private readonly listeners = new Map<string, Set<(event: unknown) => void>>();

  on(name: EventName, listener: (event: unknown) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener);
    this.listeners.set(name, set);
    return () => set.delete(listener);
  }

  emit(name: EventName, payload: object): void {
    for (const listener of this.listeners.get(name) ?? []) {
      listener({ id: 1, type: name, timestamp: Date.now(), payload });
    }
  }

  async connect(): Promise<void> {
    this.calls.push('connect');
  }

  async subscribe(): Promise<void> {
    this.calls.push('subscribe');
  }

  async run(_config: ConsumerRunConfig): Promise<void> {
    this.calls.push('run');
  }

  seek(): void {}

  async disconnect(): Promise<void> {
    this.calls.push('disconnect');
  }
}

const SETTINGS: KafkaGroupMemberSettings = {
  sessionTimeout: 6000,
  heartbeatInterval: 500,
  rebalanceTimeout: 6000,
  maxWaitTimeInMs: 100,
  joinTimeoutMs: 1000,
  autoCommitThreshold: 100,
  autoCommitInterval: 1000,
  crashRestartDelayMs: 5000,
  redeliveryDelayMs: () => 10,
  logger: { warn: () => undefined, error: () => undefined },
};

function member(settings: Partial<KafkaGroupMemberSettings> = {}) {
  const consumer = new FakeConsumer();
  const errors: string[] = [];
  const created = new KafkaGroupMember({
    // The fake covers what the member uses of kafkajs' (large, overloaded) Consumer type.
    kafka: { consumer: () => consumer as unknown as Consumer },
    topic: 'orders',
    group: 'billing',
    handler: async () => undefined,
    maxBatchSize: 1,
    concurrency: 1,
    publishRaw: async () => undefined,
    settings: {
      ...SETTINGS,
      logger: { warn: () => undefined, error: (m) => errors.push(m) },
      ...settings,
    },
  });
  return { member: created, consumer, errors };
}

const flush = () => jest.advanceTimersByTimeAsync(0);

describe('KafkaGroupMember', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('starts once the group took it in and it has fetched (a fetch before the join does not count)', async () => {
    const { member: m, consumer } = member();
    let started = false;
    const starting = m.start().then(() => (started = true));
    await flush();
    expect(consumer.calls).toEqual(['connect', 'subscribe', 'run']);
    consumer.emit(consumer.events.FETCH, {});
    await flush();
    expect(started).toBe(false);
    consumer.emit(consumer.events.GROUP_JOIN, { memberAssignment: { orders: [0, 1] } });
    await flush();
    expect(started).toBe(false);
    consumer.emit(consumer.events.FETCH, {});
    await starting;
    expect(started).toBe(true);
    await m.close();
    expect(consumer.calls.at(-1)).toBe('disconnect');
  });

  it('gives up after joinTimeoutMs, saying so, and disconnects', async () => {
    const { member: m, consumer } = member({ joinTimeoutMs: 1000 });
    const starting = m.start().catch((error: Error) => error.message);
    await jest.advanceTimersByTimeAsync(1000);
    expect(await starting).toBe(
      'group "billing" on topic "orders": not taken into the group within 1000 ms ' +
        '(joinTimeoutMs); is the broker reachable, or another member stuck in a handler?',
    );
    expect(consumer.calls).toEqual(['connect', 'subscribe', 'run', 'disconnect']);
  });

  it('stops waiting for the join when closed, disconnecting once', async () => {
    const { member: m, consumer } = member();
    const starting = m.start().catch((error: Error) => error.message);
    await flush();
    await m.close();
    expect(await starting).toMatch(/closed before it joined the group/);
    expect(consumer.calls.filter((call) => call === 'disconnect')).toHaveLength(1);
  });

  it('restarts a consumer kafkajs gave up on, after the delay, until closed', async () => {
    const { member: m, consumer, errors } = member({ crashRestartDelayMs: 5000 });
    const starting = m.start();
    await flush();
    consumer.emit(consumer.events.GROUP_JOIN, { memberAssignment: {} });
    consumer.emit(consumer.events.FETCH, {});
    await starting;

    consumer.emit(consumer.events.CRASH, { error: new Error('retriable'), restart: true });
    consumer.emit(consumer.events.CRASH, { error: new Error('fatal'), restart: false });
    expect(errors).toEqual([
      'group "billing" on topic "orders": the consumer crashed (kafkajs restarts it): retriable',
      'group "billing" on topic "orders": the consumer crashed (restarting it in 5000 ms): fatal',
    ]);
    await jest.advanceTimersByTimeAsync(4999);
    expect(consumer.calls).toEqual(['connect', 'subscribe', 'run']);
    await jest.advanceTimersByTimeAsync(1);
    expect(consumer.calls).toEqual(['connect', 'subscribe', 'run', 'connect', 'run']);

    consumer.emit(consumer.events.CRASH, { error: new Error('fatal again'), restart: false });
    await m.close();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(consumer.calls).toEqual(['connect', 'subscribe', 'run', 'connect', 'run', 'disconnect']);
    consumer.emit(consumer.events.CRASH, { error: new Error('while closing'), restart: false });
    expect(errors).toHaveLength(3);
  });
});
