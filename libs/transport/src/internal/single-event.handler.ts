import type { EventBatchHandlerFn, EventHandlerFn } from '../ports/event-bus.port';

/**
 * `subscribe` as a special case of `subscribeBatch`: adapters run a per-event handler on the
 * batch path with batches of exactly one event, so acknowledging, redelivering and holding
 * back "the batch" is doing so for the event, and one delivery path serves both.
 */
export function asBatchOfOne(handler: EventHandlerFn): EventBatchHandlerFn {
  return async (deliveries) => {
    if (deliveries.length !== 1) {
      throw new RangeError(`a per-event handler got ${deliveries.length} events at once`);
    }
    const [{ event, context }] = deliveries;
    await handler(event, context);
  };
}
