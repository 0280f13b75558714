import type { EventEnvelope } from '@app/envelope';
import { silentLogger } from '../../testing/silent.logger';
import { testEvent } from '../../testing/test-event';
import type { KafkaLogLevel } from './kafka-log.creator';
import { KafkaPubSub } from './kafka-pub-sub.adapter';
import type { KafkaPubSubOptions } from './kafka-pub-sub.options';

// Nothing listens there: these cases must fail before any connection is attempted.
const OFFLINE: KafkaPubSubOptions = { brokers: ['127.0.0.1:1'], logger: silentLogger };

describe('KafkaPubSub without a broker', () => {
  it('rejects bad options at construction, naming them', () => {
    const make = (options: Partial<KafkaPubSubOptions>) => () =>
      new KafkaPubSub({ ...OFFLINE, ...options });
    expect(make({ brokers: [] })).toThrow('brokers must list at least one host:port');
    expect(make({ partitions: 0 })).toThrow('partitions must be a positive integer, got 0');
    expect(make({ replicationFactor: 1.5 })).toThrow('replicationFactor');
    expect(make({ autoCommitThreshold: 0 })).toThrow('autoCommitThreshold');
    expect(make({ publishTimeoutMs: Number.NaN })).toThrow('publishTimeoutMs');
    expect(make({ heartbeatInterval: 10_000, sessionTimeout: 6000 })).toThrow(
      'heartbeatInterval (10000) must be lower than sessionTimeout (6000)',
    );
    expect(make({ logLevel: String('loud') as KafkaLogLevel })).toThrow('logLevel must be one of');
  });

  it('validates topic names and whole batches before touching the network', async () => {
    const pubsub = new KafkaPubSub(OFFLINE);
    await expect(pubsub.publish('UserEvents', testEvent())).rejects.toThrow(
      /topic "UserEvents" must be lower_snake.*"user_events"/,
    );
    const broken = { ...testEvent(), type: 'user.created' } as EventEnvelope;
    await expect(pubsub.publish('user_events', [testEvent(), broken])).rejects.toThrow(
      /"type".*UPPER_SNAKE/,
    );
    await expect(pubsub.publish('user_events', [])).resolves.toBeUndefined();
    await expect(
      pubsub.subscribe('user-events', async () => undefined, { group: 'g' }),
    ).rejects.toThrow(/topic "user-events" must be lower_snake/);
    await expect(pubsub.subscribe('t', async () => undefined, { group: '' })).rejects.toThrow(
      'group must be a non-empty string',
    );
    await expect(
      pubsub.subscribe('t', async () => undefined, { group: 'g', concurrency: 0 }),
    ).rejects.toThrow('concurrency');
    await pubsub.close();
  });

  it('refuses to publish or subscribe once closed; closing twice is fine', async () => {
    const pubsub = new KafkaPubSub(OFFLINE);
    await pubsub.close();
    await pubsub.close();
    await expect(pubsub.publish('t', testEvent())).rejects.toThrow('KafkaPubSub is closed');
    await expect(pubsub.subscribe('t', async () => undefined, { group: 'g' })).rejects.toThrow(
      'KafkaPubSub is closed',
    );
  });
});
