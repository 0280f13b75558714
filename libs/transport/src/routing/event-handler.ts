import type { EventEnvelope } from '@app/envelope';
import { DiscoveryService } from '@nestjs/core';

/**
 * Handles one event type of one topic: the seed's `EventHandlerInterface`. `value` is the
 * event's data (for the seed's events `{ userId, data }`); the envelope is there for its id,
 * time and tracing ids. Throwing makes the router retry it with backoff and then dead-letter
 * it with the error; resolving acknowledges it.
 */
export interface EventHandler<T = unknown> {
  execute(value: T, event: EventEnvelope<T>): Promise<void> | void;
}

/** Where a handler is registered: a lower_snake topic and an UPPER_SNAKE event type. */
export interface EventRoute {
  readonly topic: string;
  readonly type: string;
}

/**
 * Registers a provider as the handler of (topic, type), the seed's
 * `register_event(Topics.X.value, Events.Y.value, Handler())` as a decorator:
 *
 * ```ts
 * @Injectable()
 * @OnEvent(Topics.ROLE_EVENTS, Events.CLAIM_ADDED)
 * export class ClaimAddedHandler implements EventHandler<ClaimValue> { execute(value) {...} }
 * ```
 *
 * The `EventRouter` finds every such provider at start-up; the names are checked then.
 */
export const OnEvent = (topic: string, type: string): ClassDecorator =>
  EventHandlerRegistration({ topic, type });

/** The discoverable metadata behind `@OnEvent` (read it with `DiscoveryService`). */
export const EventHandlerRegistration = DiscoveryService.createDecorator<EventRoute>();
