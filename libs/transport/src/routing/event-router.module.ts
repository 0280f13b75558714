import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventRouter } from './event-router';
import { EVENT_ROUTER_OPTIONS, type EventRouterOptions } from './event-router.options';
import { HandlersController } from './handlers.controller';
import { EventRouterHealthIndicator } from './event-router.health';

/**
 * Routes events to `@OnEvent` handlers (see `EventRouter`) and serves `GET /handlers`.
 * Handlers are ordinary providers of any module of the app. The app may provide its own
 * `ROUTING_UNIT_OF_WORK` (e.g. a SQL transaction per batch); otherwise the inbox store is used.
 */
@Module({})
export class EventRouterModule {
  static forRoot(options: EventRouterOptions = {}): DynamicModule {
    return {
      module: EventRouterModule,
      imports: [DiscoveryModule],
      controllers: [HandlersController],
      providers: [
        EventRouter,
        EventRouterHealthIndicator,
        { provide: EVENT_ROUTER_OPTIONS, useValue: options },
      ],
      exports: [EventRouter],
    };
  }
}
