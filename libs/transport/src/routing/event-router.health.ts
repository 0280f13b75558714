import { ReadinessCheck, type ReadinessIndicator } from '@app/platform';
import { Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { EventRouter } from './event-router';

/** `/health` says `eventRouter: up` once the router is a member of its group on every topic. */
@Injectable()
@ReadinessCheck()
export class EventRouterHealthIndicator implements ReadinessIndicator {
  constructor(private readonly router: EventRouter) {}

  check(): Promise<HealthIndicatorResult> {
    return Promise.resolve(
      this.router.joined
        ? { eventRouter: { status: 'up' } }
        : { eventRouter: { status: 'down', message: 'not a member of its consumer group (yet)' } },
    );
  }
}
