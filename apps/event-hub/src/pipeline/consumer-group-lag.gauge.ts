import { answerWithin, EVENT_SUBSCRIBER, type EventSubscriber } from '@app/transport';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { EventHubConfig } from '../event-hub.config';
import { METRICS_GROUP } from '../metrics/event-metrics.consumer';
import { STORAGE_GROUP } from '../storage/event-storage.consumer';

/** The consumer groups of the events stream whose lag every process reports. */
const GROUPS = [STORAGE_GROUP, METRICS_GROUP] as const;

/**
 * A lookup slower than this is given up: a broker that does not answer must not hold the
 * scrape past Prometheus' own timeout (10 s by default), which would lose every metric.
 */
const LOOKUP_TIMEOUT_MS = 3000;

/**
 * `event_hub_consumer_group_lag{group}`: events of the stream a group has not acknowledged
 * yet (see `EventSubscriber.groupLag`), asked of the broker at each scrape. Any role reports
 * it, members of the groups or not, so a process that only ingests still shows a storage
 * consumer falling behind (or gone). A group that never joined lags by the whole retained
 * stream. A failed lookup leaves the group's series out of that scrape, never the scrape.
 */
@Injectable()
export class ConsumerGroupLagGauge {
  private readonly logger = new Logger(ConsumerGroupLagGauge.name);
  private readonly gauge: Gauge<'group'>;
  /** Groups whose last lookup failed: warned once per outage, then at debug level. */
  private readonly failing = new Set<string>();

  constructor(
    registry: Registry,
    @Inject(EVENT_SUBSCRIBER) private readonly subscriber: EventSubscriber,
    private readonly config: EventHubConfig,
  ) {
    this.gauge = new Gauge({
      name: 'event_hub_consumer_group_lag',
      help: 'Events of the events stream a consumer group has not acknowledged yet (not delivered, or delivered and not acknowledged), read from the broker',
      labelNames: ['group'],
      registers: [registry],
      collect: () => this.refresh(),
    });
  }

  private async refresh(): Promise<void> {
    await Promise.all(GROUPS.map((group) => this.refreshGroup(group)));
  }

  private async refreshGroup(group: string): Promise<void> {
    const stream = this.config.EVENTS_STREAM;
    try {
      const lag = await answerWithin(this.subscriber.groupLag(stream, group), LOOKUP_TIMEOUT_MS);
      this.gauge.set({ group }, lag);
      if (this.failing.delete(group)) this.logger.log(`lag of group "${group}" readable again`);
    } catch (error) {
      // Left out rather than stale: an old value would pass for the current lag.
      this.gauge.remove({ group });
      const message = `could not read the lag of group "${group}" on "${stream}": ${reason(error)}`;
      if (this.failing.has(group)) {
        this.logger.debug(message);
      } else {
        this.failing.add(group);
        this.logger.warn(message);
      }
    }
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
