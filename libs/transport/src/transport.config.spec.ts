import { validateConfig } from '@app/platform';
import { chooseTransport, TransportConfig } from './transport.config';

const choose = (env: Record<string, string>) =>
  chooseTransport(validateConfig(TransportConfig, env));

describe('TransportConfig', () => {
  it('stays in memory when no broker URL is set', () => {
    expect(choose({})).toEqual({ eventBus: 'memory', jobQueue: 'memory' });
  });

  it('uses Kafka for events once KAFKA_BROKERS is set, and BullMQ for jobs once REDIS_URL is', () => {
    expect(choose({ KAFKA_BROKERS: '127.0.0.1:9092,kafka-2:9092' })).toEqual({
      eventBus: 'kafka',
      jobQueue: 'memory',
    });
    expect(choose({ REDIS_URL: 'redis://127.0.0.1:6379' })).toEqual({
      eventBus: 'memory',
      jobQueue: 'bullmq',
    });
  });

  it('lets EVENT_BUS and JOB_QUEUE choose explicitly', () => {
    const env = { REDIS_URL: 'redis://127.0.0.1:6379', KAFKA_BROKERS: '127.0.0.1:9092' };
    expect(choose({ ...env, EVENT_BUS: 'redis', JOB_QUEUE: 'memory' })).toEqual({
      eventBus: 'redis',
      jobQueue: 'memory',
    });
  });

  it('names the variable an explicit choice needs', () => {
    expect(() => choose({ EVENT_BUS: 'kafka' })).toThrow(
      /KAFKA_BROKERS must be host:port.*EVENT_BUS=kafka needs it.*\(it is not set\)/,
    );
    expect(() => choose({ JOB_QUEUE: 'bullmq' })).toThrow(
      /REDIS_URL must be a URL.*\(it is not set\)/,
    );
  });

  it('rejects malformed URLs and unknown adapters', () => {
    expect(() => choose({ KAFKA_BROKERS: 'localhost' })).toThrow(/KAFKA_BROKERS must be host:port/);
    expect(() => choose({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL must be a URL/);
    expect(() => choose({ EVENT_BUS: 'rabbitmq' })).toThrow(
      /EVENT_BUS must be one of the following values: memory, kafka, redis/,
    );
  });
});
