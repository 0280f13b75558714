import { toKafkaMessage } from '@app/envelope';
import type { Batch, EachBatchPayload, IHeaders, KafkaMessage, Message } from 'kafkajs';
import { asBatchOfOne } from '../../internal/single-event.handler';
import type { EventBatchHandlerFn, EventHandlerFn } from '../../ports/event-bus.port';
import { silentLogger } from '../../testing/silent.logger';
import { testEvent } from '../../testing/test-event';
import { DeliveryAttempts } from './delivery-attempts';
import { KafkaBatchProcessor, type KafkaBatchProcessorParams } from './kafka-batch.processor';

// Test support for the `KafkaBatchProcessor` specs: fetched batches and a processor to feed
// them to, recording what it does with kafkajs (resolve, commit, seek, pause) and publishes.

export const TOPIC = 'orders';

export interface RawMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

/** A batch of partition 1 as kafkajs hands it over, by default starting at offset 10. */
export function batchOf(messages: readonly RawMessage[], first = 10) {
  const kafkaMessages = messages.map((message, i): KafkaMessage => ({
    ...message,
    offset: String(first + i),
    attributes: 0,
    timestamp: '1000',
  }));
  const log: string[] = [];
  let stale = false;
  const batch: Batch = {
    topic: TOPIC,
    partition: 1,
    highWatermark: String(first + messages.length),
    messages: kafkaMessages,
    isEmpty: () => messages.length === 0,
    firstOffset: () => String(first),
    lastOffset: () => String(first + messages.length - 1),
    offsetLag: () => '0',
    offsetLagLow: () => '0',
  };
  const payload: EachBatchPayload = {
    batch,
    resolveOffset: (offset) => void log.push(`resolve ${offset}`),
    heartbeat: async () => undefined,
    pause: () => {
      log.push('pause');
      return () => log.push('resume');
    },
    commitOffsetsIfNecessary: async () => void log.push('commit?'),
    uncommittedOffsets: () => ({ topics: [] }),
    isRunning: () => true,
    isStale: () => stale,
  };
  return { payload, log, makeStale: () => (stale = true) };
}

export const eventMessage = (label: string): RawMessage => {
  const { key, value, headers } = toKafkaMessage(testEvent({ data: { label } }));
  return { key: Buffer.from(key), value, headers };
};

/** A processor as `subscribe` makes it (slices of one), or with a batch handler as given. */
export function processor(
  handler: EventHandlerFn | { readonly batch: EventBatchHandlerFn; readonly maxBatchSize: number },
  overrides: Partial<KafkaBatchProcessorParams> = {},
) {
  const calls: string[] = [];
  const delays: number[] = [];
  const published: { topic: string; message: Message }[] = [];
  const params: KafkaBatchProcessorParams = {
    topic: TOPIC,
    group: 'billing',
    ...(typeof handler === 'function'
      ? { handler: asBatchOfOne(handler), maxBatchSize: 1 }
      : { handler: handler.batch, maxBatchSize: handler.maxBatchSize }),
    signal: new AbortController().signal,
    attempts: new DeliveryAttempts(),
    seek: (partition, offset) => void calls.push(`seek ${partition}@${offset}`),
    resumeLater: (delayMs, resume) => {
      delays.push(delayMs);
      resume();
    },
    publishRaw: async (topic, message) => void published.push({ topic, message }),
    // Told after every slice, so the specs see each step; kafka-batch-progress.spec.ts
    // covers telling less often.
    progressSync: { everySlices: 1, everyMs: Number.POSITIVE_INFINITY },
    settings: {
      redeliveryDelayMs: (attempt) => attempt * 100,
      heartbeatInterval: 1000,
      rebalanceTimeout: 60_000,
      logger: silentLogger,
    },
    ...overrides,
  };
  return { processor: new KafkaBatchProcessor(params), params, calls, delays, published };
}
