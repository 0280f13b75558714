import type { EventBatchHandlerFn, EventHandlerFn } from '../ports/event-bus.port';

/**
 * `subscribe` as a special case of `subscribeBatch`: adapters run a per-event handler on the
 * batch path with batches of exactly one event, so acknowledging, redelivering and holding
 * back "the batch" is doing so for the event, and one delivery path serves both.
 */
export function asBatchOfOne(handler: EventHandlerFn): EventBatchHandlerFn {
  // Not async: the handler's own promise is returned, saving an await per event.
  return (deliveries) => {
    if (deliveries.length !== 1) {
      return Promise.reject(
        new RangeError(`a per-event handler got ${deliveries.length} events at once`),
      );
    }
    const [{ event, context }] = deliveries;
    try {
      // Promise.resolve hands back a native promise as it is; a plain JS handler may return none.
      return Promise.resolve(handler(event, context));
    } catch (error) {
      return Promise.reject(error);
    }
  };
}
