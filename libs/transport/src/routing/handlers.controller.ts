import { Controller, Get } from '@nestjs/common';
import { EventRouter } from './event-router';
import type { RouteCounts } from './routing.stats';

export interface HandlerView extends RouteCounts {
  readonly topic: string;
  readonly event: string;
  readonly handler: string;
}

export interface HandlersView {
  readonly group: string;
  readonly handlers: HandlerView[];
  /** Events that arrived with no handler registered, per (topic, type). */
  readonly unrouted: { topic: string; type: string; count: number }[];
}

/** `GET /handlers`: the global registration list and what each handler has done. */
@Controller('handlers')
export class HandlersController {
  constructor(private readonly router: EventRouter) {}

  @Get()
  list(): HandlersView {
    return {
      group: this.router.group,
      handlers: this.router.registrations().map(({ topic, type, handlerName }) => ({
        topic,
        event: type,
        handler: handlerName,
        ...this.router.stats.of(topic, type),
      })),
      unrouted: this.router.stats.unroutedEvents(),
    };
  }
}
