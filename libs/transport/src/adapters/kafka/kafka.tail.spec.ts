import { type EventEnvelope, toKafkaMessage } from '@app/envelope';
import {
  type Admin,
  type Consumer,
  type ConsumerEvents,
  type ConsumerRunConfig,
  type EachMessagePayload,
  KafkaJSDeleteGroupsError,
  KafkaJSProtocolError,
  type KafkaMessage,
} from 'kafkajs';
import { testEvent } from '../../testing/test-event';
import { KafkaTail, type KafkaTailSettings } from './kafka.tail';

type EventName = ConsumerEvents[keyof ConsumerEvents];

/** The part of a kafkajs consumer a tail drives, recording seeks and its run config. */
class FakeConsumer {
  readonly events = {
    GROUP_JOIN: 'consumer.group_join',
    CRASH: 'consumer.crash',
  } as const;
  readonly calls: string[] = [];
  config: ConsumerRunConfig | undefined;
  /** The partitions the group assigns when `run` joins it (none: it never joins). */
  assignment: number[] | undefined = [0, 1];
  private readonly listeners = new Map<string, Set<(event: unknown) => void>>();

  on(name: EventName, listener: (event: unknown) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener);
    this.listeners.set(name, set);
    return () => set.delete(listener);
  }

  /** A (re)join: kafkajs emits it before the first fetch that follows. */
  join(partitions: number[]): void {
    const payload = { memberAssignment: { orders: partitions } };
    for (const listener of this.listeners.get(this.events.GROUP_JOIN) ?? []) {
      listener({ id: 1, type: this.events.GROUP_JOIN, timestamp: Date.now(), payload });
    }
  }

  async connect(): Promise<void> {
    this.calls.push('connect');
  }

  async subscribe(options: { fromBeginning: boolean }): Promise<void> {
    this.calls.push(`subscribe fromBeginning=${options.fromBeginning}`);
  }

  async run(config: ConsumerRunConfig): Promise<void> {
    this.config = config;
    this.calls.push(`run autoCommit=${config.autoCommit}`);
    if (this.assignment) this.join(this.assignment);
  }

  seek({ partition, offset }: { partition: number; offset: string }): void {
    this.calls.push(`seek ${partition}@${offset}`);
  }

  async disconnect(): Promise<void> {
    this.calls.push('disconnect');
  }

  /** Hands the tail one message, as kafkajs' `eachMessage` would. */
  async deliver(partition: number, message: KafkaMessage): Promise<void> {
    const payload = { topic: 'orders', partition, message } as EachMessagePayload;
    await this.config?.eachMessage?.(payload);
  }
}

const SETTINGS: KafkaTailSettings = {
  sessionTimeout: 6000,
  heartbeatInterval: 500,
  rebalanceTimeout: 6000,
  maxWaitTimeInMs: 100,
  joinTimeoutMs: 1000,
  crashRestartDelayMs: 5000,
  logger: { warn: () => undefined, error: () => undefined },
};

function messageAt(offset: string, event: EventEnvelope = testEvent()): KafkaMessage {
  const { key, value, headers } = toKafkaMessage(event);
  return { key: Buffer.from(key), value, headers, offset, attributes: 0, timestamp: '1000' };
}

function groupError(type: string, code: number): KafkaJSDeleteGroupsError {
  const cause = Object.assign(new Error(type), { type, code, retriable: false });
  return new KafkaJSDeleteGroupsError('Error in DeleteGroups', [
    { groupId: 'app.tail.1', errorCode: code, error: new KafkaJSProtocolError(cause) },
  ]);
}

function tail(settings: Partial<KafkaTailSettings> = {}) {
  const consumer = new FakeConsumer();
  const handled: EventEnvelope[] = [];
  const logged: string[] = [];
  const deleted: string[][] = [];
  let deleteGroups = async (ids: string[]): Promise<void> => void deleted.push(ids);
  const admin = {
    fetchTopicOffsets: async () => [
      { partition: 0, offset: '42', high: '42', low: '0' },
      { partition: 1, offset: '0', high: '0', low: '0' },
    ],
    deleteGroups: (ids: string[]) => deleteGroups(ids),
  };
  const created = new KafkaTail({
    // The fakes cover what the tail uses of kafkajs' (large, overloaded) types.
    kafka: { consumer: () => consumer as unknown as Consumer },
    admin: async () => admin as unknown as Admin,
    topic: 'orders',
    groupId: 'app.tail.1',
    handle: async (event) => void handled.push(event),
    settings: {
      ...SETTINGS,
      logger: { warn: (m) => logged.push(m), error: (m) => logged.push(m) },
      ...settings,
    },
  });
  const failDeletes = (next: (ids: string[]) => Promise<void>) => (deleteGroups = next);
  return { tail: created, consumer, handled, logged, deleted, failDeletes };
}

describe('KafkaTail', () => {
  it('starts each partition at the end offset read when asked, sought before it resolves', async () => {
    const { tail: created, consumer } = tail();
    await created.start();
    expect(consumer.calls).toEqual([
      'connect',
      'subscribe fromBeginning=false',
      'run autoCommit=false',
      'seek 0@42',
      'seek 1@0',
    ]);
    await created.close();
  });

  it('hands each event over once and, after a rejoin, goes on right after it', async () => {
    const { tail: created, consumer, handled } = tail();
    await created.start();
    const event = testEvent();
    await consumer.deliver(0, messageAt('42', event));
    expect(handled).toEqual([event]);

    consumer.calls.length = 0;
    consumer.join([0, 1]);
    // Neither back to the start (a repeat) nor to "latest" (a gap).
    expect(consumer.calls).toEqual(['seek 0@43', 'seek 1@0']);
    await created.close();
  });

  it('skips a message that holds no event, logging it', async () => {
    const { tail: created, consumer, handled, logged } = tail();
    await created.start();
    const foreign: KafkaMessage = {
      key: null,
      value: Buffer.from('{"bare": "json"}'),
      headers: {},
      offset: '42',
      attributes: 0,
      timestamp: '1000',
    };
    await consumer.deliver(0, foreign);
    const event = testEvent();
    await consumer.deliver(0, messageAt('43', event));

    expect(handled).toEqual([event]);
    expect(logged).toEqual([expect.stringContaining('message 0/42 is not a valid event')]);
    await created.close();
  });

  it('hands nothing over once closing', async () => {
    const { tail: created, consumer, handled } = tail();
    await created.start();
    await created.close();
    await consumer.deliver(0, messageAt('42'));
    expect(handled).toEqual([]);
  });

  it('leaves and deletes its group on close, once however often it is closed', async () => {
    const { tail: created, consumer, deleted } = tail();
    await created.start();
    await Promise.all([created.close(), created.close()]);
    await created.close();
    expect(consumer.calls.filter((call) => call === 'disconnect')).toHaveLength(1);
    expect(deleted).toEqual([['app.tail.1']]);
  });

  it('retries deleting a group that is still being left, and accepts one already gone', async () => {
    const { tail: created, deleted, logged, failDeletes } = tail();
    await created.start();
    let attempts = 0;
    failDeletes(async (ids) => {
      attempts += 1;
      deleted.push(ids);
      if (attempts === 1) throw groupError('GROUP_NOT_EMPTY', 68);
      throw groupError('GROUP_ID_NOT_FOUND', 69);
    });
    await created.close();
    expect(attempts).toBe(2);
    expect(logged).toEqual([]);
  });

  it('logs a group it could not delete instead of failing the close', async () => {
    const { tail: created, logged, failDeletes } = tail();
    await created.start();
    failDeletes(async () => {
      throw new Error('broker gone');
    });
    await expect(created.close()).resolves.toBeUndefined();
    expect(logged).toEqual([expect.stringContaining('could not delete its group')]);
  });

  it('fails to start with a sentence when the group never takes it in, leaving nothing behind', async () => {
    const { tail: created, consumer, deleted } = tail({ joinTimeoutMs: 20 });
    consumer.assignment = undefined;
    await expect(created.start()).rejects.toThrow(
      'tail of topic "orders" (group "app.tail.1"): not taken into its group within 20 ms',
    );
    expect(consumer.calls).toContain('disconnect');
    expect(deleted).toEqual([['app.tail.1']]);
  });
});
