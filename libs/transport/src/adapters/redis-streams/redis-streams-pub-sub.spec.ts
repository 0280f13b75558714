import { Redis } from 'ioredis';
import { silentLogger } from '../../testing/silent.logger';
import { testEvent } from '../../testing/test-event';
import { RedisStreamsPubSub } from './redis-streams-pub-sub.adapter';
import type { RedisStreamsPubSubOptions } from './redis-streams-pub-sub.options';

// Checks that fail before any command is sent; the behaviour on Redis is in the integration
// spec. The instance never connects (`lazyConnect`), so these need no server.
describe('RedisStreamsPubSub (no server)', () => {
  let redis: Redis;
  beforeEach(() => {
    redis = new Redis({ lazyConnect: true });
  });
  afterEach(() => redis.disconnect());
  const create = (options: Partial<RedisStreamsPubSubOptions> = {}) =>
    new RedisStreamsPubSub({ connection: redis, logger: silentLogger, ...options });

  it('names the option that is out of range', () => {
    expect(() => create({ maxLen: 0 })).toThrow('maxLen must be a positive integer');
    expect(() => create({ trimIntervalMs: 0 })).toThrow(
      'trimIntervalMs must be a positive integer',
    );
    expect(() => create({ minIdleTimeMs: 1.5 })).toThrow(
      'minIdleTimeMs must be a positive integer',
    );
    expect(() => create({ blockMs: 5000, forgetIdleConsumersAfterMs: 1000 })).toThrow(
      /forgetIdleConsumersAfterMs \(1000\) must exceed blockMs \(5000\)/,
    );
    expect(() => create({ maxLen: Number.POSITIVE_INFINITY })).not.toThrow();
  });

  it('refuses an injected instance whose replies it could not read', () => {
    const resp3 = new Redis({ lazyConnect: true, replyMapping: 'resp3' });
    try {
      // The types already refuse it; this is the check a JavaScript caller meets.
      expect(() => create({ connection: resp3 as unknown as Redis })).toThrow(/replyMapping/);
    } finally {
      resp3.disconnect();
    }
  });

  it('rejects bad topic names, groups and concurrency with the rule', async () => {
    const pubsub = create();
    await expect(pubsub.publish('UserEvents', testEvent())).rejects.toThrow(/lower_snake/);
    await expect(
      pubsub.subscribe('user_events', async () => undefined, { group: '' }),
    ).rejects.toThrow('group must be a non-empty string');
    await expect(
      pubsub.subscribe('user_events', async () => undefined, { group: 'g', concurrency: 0 }),
    ).rejects.toThrow('concurrency must be a positive integer');
  });

  it('names each topic’s stream with the key prefix', () => {
    expect(create().streamKey('user_events')).toBe('events:user_events');
    expect(create({ keyPrefix: 'shop:' }).streamKey('orders.dlq')).toBe('shop:orders.dlq');
  });

  it('refuses to publish once closed', async () => {
    const pubsub = create();
    await pubsub.close();
    await expect(pubsub.publish('user_events', testEvent())).rejects.toThrow('closed');
  });
});
