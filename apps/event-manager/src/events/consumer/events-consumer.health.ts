import { ReadinessCheck, type ReadinessIndicator } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { EventsConsumer } from './events.consumer';

/** `/health` says `eventsConsumer: up` once this process stores events from `events`. */
@Injectable()
@ReadinessCheck()
export class EventsConsumerHealthIndicator implements ReadinessIndicator {
  constructor(
    private readonly consumer: EventsConsumer,
    private readonly health: HealthIndicatorService,
  ) {}

  check(): Promise<HealthIndicatorResult> {
    const session = this.health.check('eventsConsumer');
    return Promise.resolve(
      this.consumer.joined
        ? session.up()
        : session.down('not a member of its consumer group (yet)'),
    );
  }
}
