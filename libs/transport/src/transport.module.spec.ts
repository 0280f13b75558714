import { PlatformModule } from '@app/platform';
import { type DynamicModule, Inject, Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { BullMqJobQueue } from './adapters/bullmq';
import { InMemoryInboxStore } from './adapters/in-memory/in-memory-inbox.store';
import { InMemoryJobQueue } from './adapters/in-memory/in-memory-job-queue.adapter';
import { InMemoryPubSub } from './adapters/in-memory/in-memory-pub-sub.adapter';
import { KafkaPubSub } from './adapters/kafka/kafka-pub-sub.adapter';
import { RedisStreamsPubSub } from './adapters/redis-streams';
import { InstrumentedJobQueue } from './metrics/instrumented-job-queue';
import { InstrumentedPubSub } from './metrics/instrumented-pub-sub';
import type { EventPublisher, PubSub } from './ports/event-bus.port';
import type { JobQueue } from './ports/job-queue.port';
import { silentLogger } from './testing/silent.logger';
import { testEvent } from './testing/test-event';
import {
  EVENT_PUBLISHER,
  EVENT_SUBSCRIBER,
  INBOX_STORE,
  JOB_QUEUE,
  PUB_SUB,
} from './transport.constants';
import { TransportConfig } from './transport.config';
import { TransportModule, type TransportModuleOptions } from './transport.module';

class TestConfig extends TransportConfig {}

/** The app's validated config and name, as every app gets them from PlatformModule. */
const platform = (): DynamicModule =>
  PlatformModule.forApp({ name: 'transport-spec', config: TestConfig });

const BROKER_VARIABLES = ['KAFKA_BROKERS', 'REDIS_URL', 'EVENT_BUS', 'JOB_QUEUE'];

@Injectable()
class OrdersService {
  constructor(@Inject(EVENT_PUBLISHER) readonly publisher: EventPublisher) {}
}

describe('TransportModule', () => {
  afterEach(() => {
    for (const variable of BROKER_VARIABLES) delete process.env[variable];
  });

  const compile = () =>
    Test.createTestingModule({
      imports: [
        platform(),
        TransportModule.forRoot({
          pubSub: { logger: silentLogger },
          jobQueue: { logger: silentLogger },
        }),
      ],
      providers: [OrdersService],
    }).compile();

  it('provides the in-memory adapters under the port tokens, the ones apps inject instrumented', async () => {
    const app = await compile();
    const pubSub = app.get<PubSub>(PUB_SUB);
    expect(pubSub).toBeInstanceOf(InMemoryPubSub);
    const publisher = app.get<InstrumentedPubSub>(EVENT_PUBLISHER);
    expect(publisher).toBeInstanceOf(InstrumentedPubSub);
    expect(publisher.adapter).toBe(pubSub);
    expect(app.get(EVENT_SUBSCRIBER)).toBe(publisher);
    expect(app.get(OrdersService).publisher).toBe(publisher);
    expect(jobQueueAdapter(app)).toBeInstanceOf(InMemoryJobQueue);
    expect(app.get(INBOX_STORE)).toBeInstanceOf(InMemoryInboxStore);
    await app.close();
  });

  it('leaves INBOX_STORE to another module when asked to', async () => {
    const app = await Test.createTestingModule({
      imports: [platform(), TransportModule.forRoot({ inbox: false })],
    }).compile();
    expect(() => app.get(INBOX_STORE)).toThrow();
    expect(app.get(PUB_SUB)).toBeInstanceOf(InMemoryPubSub);
    await app.close();
  });

  it('closes the adapters when the application shuts down', async () => {
    const app = await compile();
    const pubSub = app.get<PubSub>(PUB_SUB);
    await app.close();
    await expect(pubSub.publish('t', testEvent())).rejects.toThrow('closed');
    await expect(app.get<JobQueue>(JOB_QUEUE).add('q', 'n', {})).rejects.toThrow('closed');
  });

  it('picks the Kafka adapter for events once KAFKA_BROKERS is set (connecting lazily)', async () => {
    process.env.KAFKA_BROKERS = '127.0.0.1:9';
    const app = await compile();
    expect(app.get(PUB_SUB)).toBeInstanceOf(KafkaPubSub);
    expect(jobQueueAdapter(app)).toBeInstanceOf(InMemoryJobQueue);
    await app.close();
  });

  it('picks Redis Streams for events and BullMQ for jobs when configured so', async () => {
    Object.assign(process.env, { REDIS_URL: 'redis://127.0.0.1:9', EVENT_BUS: 'redis' });
    const app = await compile();
    expect(app.get(PUB_SUB)).toBeInstanceOf(RedisStreamsPubSub);
    expect(jobQueueAdapter(app)).toBeInstanceOf(BullMqJobQueue);
    await app.close();
  });

  describe('Kafka options', () => {
    const compileWith = (kafka: TransportModuleOptions['kafka']) =>
      Test.createTestingModule({
        imports: [platform(), TransportModule.forRoot({ kafka })],
      }).compile();
    beforeEach(() => {
      process.env.KAFKA_BROKERS = '127.0.0.1:9';
    });

    it('passes partitions on to the adapter, which checks it', async () => {
      await expect(compileWith({ partitions: 0 })).rejects.toThrow(
        'partitions must be a positive integer',
      );
      const app = await compileWith({ partitions: 6 });
      expect(app.get(PUB_SUB)).toBeInstanceOf(KafkaPubSub);
      await app.close();
    });
  });

  describe('Redis Streams options', () => {
    const compileWith = (redisStreams: TransportModuleOptions['redisStreams']) =>
      Test.createTestingModule({
        imports: [platform(), TransportModule.forRoot({ redisStreams })],
      }).compile();
    beforeEach(() => {
      Object.assign(process.env, { REDIS_URL: 'redis://127.0.0.1:9', EVENT_BUS: 'redis' });
    });

    it('names streams with the default prefix unless told otherwise', async () => {
      const app = await compileWith(undefined);
      expect(app.get<RedisStreamsPubSub>(PUB_SUB).streamKey('events')).toBe('events:events');
      await app.close();
    });

    it('names a stream after its topic alone with keyPrefix ""', async () => {
      const app = await compileWith({ keyPrefix: '' });
      expect(app.get<RedisStreamsPubSub>(PUB_SUB).streamKey('events')).toBe('events');
      await app.close();
    });

    it('passes maxLen on to the adapter, which checks it', async () => {
      await expect(compileWith({ maxLen: 0 })).rejects.toThrow('maxLen must be a positive integer');
      const app = await compileWith({ maxLen: 1_000_000 });
      expect(app.get(PUB_SUB)).toBeInstanceOf(RedisStreamsPubSub);
      await app.close();
    });
  });
});

/** The adapter under the instrumented job queue apps inject. */
function jobQueueAdapter(app: TestingModule): JobQueue {
  const jobs = app.get<InstrumentedJobQueue>(JOB_QUEUE);
  expect(jobs).toBeInstanceOf(InstrumentedJobQueue);
  return jobs.adapter;
}
