import type { EventHandlerFn } from '../ports/event-bus.port';

/**
 * Wraps a handler in behaviour that is the same for every handler and every adapter (retry,
 * dead-lettering, idempotency, logging, metrics), Watermill style: a middleware receives the
 * next handler and returns a handler.
 */
export type EventHandlerMiddleware = (next: EventHandlerFn) => EventHandlerFn;

/** Combines middleware into one; the first listed is the outermost (sees the event first). */
export function composeMiddleware(
  ...middlewares: readonly EventHandlerMiddleware[]
): EventHandlerMiddleware {
  return (handler) => middlewares.reduceRight<EventHandlerFn>((next, wrap) => wrap(next), handler);
}

/** `handler` wrapped in `middlewares`, the first listed outermost. */
export function withMiddleware(
  handler: EventHandlerFn,
  ...middlewares: readonly EventHandlerMiddleware[]
): EventHandlerFn {
  return composeMiddleware(...middlewares)(handler);
}
