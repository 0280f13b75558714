import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Controller, Get } from '@nestjs/common';
import { EventRouter } from './event-router';
import type { RouteCounts } from './routing.stats';

export interface HandlerView extends RouteCounts {
  readonly topic: string;
  /** The consumer group reading the topic. */
  readonly group: string;
  readonly event: string;
  readonly handler: string;
}

export interface HandlersView {
  /** The router's name; each topic is read by the group `<name>.<topic>`. */
  readonly router: string;
  readonly handlers: HandlerView[];
  /** Events that arrived with no handler registered, per (topic, type). */
  readonly unrouted: { topic: string; type: string; count: number }[];
}

/** `GET /handlers`: the global registration list and what each handler has done. */
@ApiTags('handlers')
@Controller('handlers')
export class HandlersController {
  constructor(private readonly router: EventRouter) {}

  @ApiOperation({ summary: 'The handler registrations and what each has handled' })
  @Get()
  list(): HandlersView {
    return {
      router: this.router.group,
      handlers: this.router.registrations().map(({ topic, type, handlerName }) => ({
        topic,
        group: this.router.groupFor(topic),
        event: type,
        handler: handlerName,
        ...this.router.stats.of(topic, type),
      })),
      unrouted: this.router.stats.unroutedEvents(),
    };
  }
}
