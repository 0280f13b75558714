import { AppConfig } from '@app/platform';
import { IsIn, IsOptional, Matches, ValidateIf } from 'class-validator';

export const EVENT_BUS_KINDS = ['memory', 'kafka', 'redis'] as const;
export type EventBusKind = (typeof EVENT_BUS_KINDS)[number];
export const JOB_QUEUE_KINDS = ['memory', 'bullmq'] as const;
export type JobQueueKind = (typeof JOB_QUEUE_KINDS)[number];

/**
 * Which adapters an app's ports use. A URL alone is enough: `KAFKA_BROKERS` set means the
 * events go through Kafka, `REDIS_URL` set means jobs go through BullMQ; `EVENT_BUS` and
 * `JOB_QUEUE` say it explicitly (e.g. `EVENT_BUS=redis` for Redis Streams).
 */
export class TransportConfig extends AppConfig {
  // Required once EVENT_BUS=kafka; checked whenever set.
  @ValidateIf(
    (config: TransportConfig) => config.KAFKA_BROKERS !== undefined || config.EVENT_BUS === 'kafka',
  )
  @Matches(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, {
    message:
      'KAFKA_BROKERS must be host:port[,host:port...] like 127.0.0.1:9092 (EVENT_BUS=kafka needs it)',
  })
  KAFKA_BROKERS?: string;

  // Required once EVENT_BUS=redis or JOB_QUEUE=bullmq; checked whenever set.
  @ValidateIf(
    (config: TransportConfig) =>
      config.REDIS_URL !== undefined ||
      config.EVENT_BUS === 'redis' ||
      config.JOB_QUEUE === 'bullmq',
  )
  @Matches(/^rediss?:\/\/.+/, {
    message:
      'REDIS_URL must be a URL like redis://127.0.0.1:6379 (EVENT_BUS=redis and JOB_QUEUE=bullmq need it)',
  })
  REDIS_URL?: string;

  @IsOptional()
  @IsIn(EVENT_BUS_KINDS)
  EVENT_BUS?: EventBusKind;

  @IsOptional()
  @IsIn(JOB_QUEUE_KINDS)
  JOB_QUEUE?: JobQueueKind;

  /**
   * The event bus when `EVENT_BUS` is unset: Kafka once `KAFKA_BROKERS` is set, else in
   * memory. An app whose seed queues on Redis Streams overrides it to take `REDIS_URL` alone.
   */
  defaultEventBus(): EventBusKind {
    return this.KAFKA_BROKERS ? 'kafka' : 'memory';
  }
}

export interface TransportChoice {
  readonly eventBus: EventBusKind;
  readonly jobQueue: JobQueueKind;
}

/** The adapters a validated config asks for; an app without TransportConfig stays in memory. */
export function chooseTransport(config: AppConfig): TransportChoice {
  if (!(config instanceof TransportConfig)) return { eventBus: 'memory', jobQueue: 'memory' };
  return {
    eventBus: config.EVENT_BUS ?? config.defaultEventBus(),
    jobQueue: config.JOB_QUEUE ?? (config.REDIS_URL ? 'bullmq' : 'memory'),
  };
}
