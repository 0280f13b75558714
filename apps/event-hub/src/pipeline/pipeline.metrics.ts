import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/** The pipeline's Prometheus counters, on the app's registry (`GET /metrics`). */
@Injectable()
export class PipelineMetrics {
  private readonly ingestedTotal: Counter;
  private readonly handledTotal: Counter<'group'>;
  private readonly deadLetteredTotal: Counter<'group'>;

  constructor(registry: Registry) {
    this.ingestedTotal = new Counter({
      name: 'event_hub_events_ingested_total',
      help: 'Events accepted by REST, gRPC or GraphQL and appended to the events stream',
      registers: [registry],
    });
    this.handledTotal = new Counter({
      name: 'event_hub_events_consumed_total',
      help: 'Events a consumer group took from the stream: stored (storage) or counted (metrics), duplicates excluded',
      labelNames: ['group'],
      registers: [registry],
    });
    this.deadLetteredTotal = new Counter({
      name: 'event_hub_events_dead_lettered_total',
      help: 'Entries of the events stream a consumer group set aside as invalid (events.dlq)',
      labelNames: ['group'],
      registers: [registry],
    });
  }

  ingested(count: number): void {
    this.ingestedTotal.inc(count);
  }

  consumed(group: string, count: number): void {
    this.handledTotal.inc({ group }, count);
  }

  deadLettered(group: string, count: number): void {
    this.deadLetteredTotal.inc({ group }, count);
  }
}
