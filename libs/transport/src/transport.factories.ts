import type { AppConfig } from '@app/platform';
import { InMemoryJobQueue } from './adapters/in-memory/in-memory-job-queue.adapter';
import { InMemoryPubSub } from './adapters/in-memory/in-memory-pub-sub.adapter';
import type { PubSub } from './ports/event-bus.port';
import type { JobQueue } from './ports/job-queue.port';
import { chooseTransport, type TransportConfig } from './transport.config';
import type { TransportModuleOptions } from './transport.module.options';

// The broker adapters are loaded only when chosen: kafkajs, ioredis and bullmq cost an app
// on the embedded default ~60 MB and ~0.3 s at start-up. `require` rather than `import()`:
// this is CommonJS, where a relative `import()` would need a file extension the sources
// don't have, and the bundler keeps a required module unevaluated until it is called for.
type KafkaAdapter = typeof import('./adapters/kafka/index.js');
type RedisStreamsAdapter = typeof import('./adapters/redis-streams/index.js');
type BullMqAdapter = typeof import('./adapters/bullmq/index.js');

/** The pub/sub adapter the configuration picks; broker adapters connect on first use. */
export function createPubSub(
  config: AppConfig,
  appName: string,
  options: TransportModuleOptions,
  onPoisonDeadLettered?: (topic: string) => void,
): PubSub {
  switch (chooseTransport(config).eventBus) {
    case 'kafka': {
      // oxlint-disable-next-line typescript/no-require-imports -- lazy adapter, see above
      const { KafkaPubSub, parseKafkaBrokers } = require('./adapters/kafka') as KafkaAdapter;
      const brokers = parseKafkaBrokers((config as TransportConfig).KAFKA_BROKERS);
      return new KafkaPubSub({
        ...options.kafka,
        brokers,
        clientId: appName,
        onPoisonDeadLettered,
      });
    }
    case 'redis': {
      // oxlint-disable-next-line typescript/no-require-imports -- lazy adapter, see above
      const { RedisStreamsPubSub } = require('./adapters/redis-streams') as RedisStreamsAdapter;
      return new RedisStreamsPubSub({
        ...options.redisStreams,
        connection: redisUrl(config),
        onPoisonDeadLettered,
      });
    }
    case 'memory':
      return new InMemoryPubSub(options.pubSub);
  }
}

export function createJobQueue(config: AppConfig, options: TransportModuleOptions): JobQueue {
  switch (chooseTransport(config).jobQueue) {
    case 'bullmq': {
      // oxlint-disable-next-line typescript/no-require-imports -- lazy adapter, see above
      const { BullMqJobQueue } = require('./adapters/bullmq') as BullMqAdapter;
      return new BullMqJobQueue({ connection: redisUrl(config) });
    }
    case 'memory':
      return new InMemoryJobQueue(options.jobQueue);
  }
}

/** chooseTransport picks a Redis adapter only for a TransportConfig whose REDIS_URL is valid. */
function redisUrl(config: AppConfig): string {
  const url = (config as TransportConfig).REDIS_URL;
  if (!url) throw new Error('REDIS_URL must be set for the Redis adapters');
  return url;
}
