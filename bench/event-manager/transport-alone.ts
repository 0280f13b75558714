import { createEnvelope, type EventEnvelope } from '@app/envelope';
import { KafkaPubSub, parseKafkaBrokers } from '@app/transport/adapters/kafka';
import { loadavg } from 'node:os';
import {
  EVENTS_TOPIC_PARTITIONS,
  EventManagerEventType,
} from '../../apps/event-manager/src/events/events.topic';
import { withTimeout } from '../transport/measure';
import { benchLogger } from './bench-logger';
import type { BenchConfig } from './config';
import type { EventsGroupProbe } from './kafka-group';

export interface TransportAloneResult {
  readonly events: number;
  readonly batchSize: number;
  readonly concurrency: number;
  /** Events / (subscribe called to the last event handed to the handler). */
  readonly perSecond: number;
  readonly cpuUsPerEvent: number;
  readonly loadAverage: number;
}

/** Envelopes published at once while pre-filling. */
const PREFILL_BATCH = 1000;

/**
 * The consumer's ceiling: the same M events (envelopes built as `EventsService.createAsync`
 * builds them) on a topic of the run's own, read by `KafkaPubSub.subscribeBatch` with the
 * consumer's batch size and concurrency and a handler that only counts. What the consumer
 * does on top (validate, insert, announce) can only make it slower than this.
 */
export async function measureTransportAlone(
  config: BenchConfig,
  settings: { readonly batchSize: number; readonly concurrency: number },
  probe: EventsGroupProbe,
  runId: string,
): Promise<TransportAloneResult> {
  const topic = `bench_event_manager_${runId}`;
  const events = config.prefillEvents;
  const pubSub = new KafkaPubSub({
    brokers: parseKafkaBrokers(config.kafkaBrokers),
    clientId: 'bench-event-manager',
    // As many as the app creates `events` with: the same fetches and batches in flight.
    partitions: EVENTS_TOPIC_PARTITIONS,
    logger: benchLogger,
  });
  try {
    for (let from = 0; from < events; from += PREFILL_BATCH) {
      const count = Math.min(PREFILL_BATCH, events - from);
      await pubSub.publish(
        topic,
        Array.from({ length: count }, (_, i) => submitted(runId, from + i)),
      );
    }
    let delivered = 0;
    let allDelivered: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (allDelivered = resolve));
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const subscription = await pubSub.subscribeBatch(
      topic,
      async (batch) => {
        delivered += batch.length;
        if (delivered >= events) allDelivered();
      },
      { group: topic, concurrency: settings.concurrency, maxBatchSize: settings.batchSize },
    );
    try {
      await withTimeout(done, config.timeoutMs, `${topic}: waiting for ${events} deliveries`);
    } finally {
      await subscription.close();
    }
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      events,
      ...settings,
      perSecond: (events * 1000) / ms,
      cpuUsPerEvent: (cpu.user + cpu.system) / events,
      loadAverage: loadavg()[0],
    };
  } finally {
    await pubSub.close();
    await probe.deleteTopicAndGroup(topic, topic);
  }
}

/** As EventsService.createAsync's envelope: the event as data, its uuid as id and subject. */
function submitted(runId: string, seq: number): EventEnvelope {
  const now = new Date();
  const uuid = crypto.randomUUID();
  return createEnvelope({
    id: uuid,
    type: EventManagerEventType.EVENT_SUBMITTED,
    source: '/event-manager',
    subject: uuid,
    time: now,
    data: {
      uuid,
      name: `bench-${runId}-transport`,
      source: 'users',
      description: String(seq),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    },
  });
}
