import type { EventEnvelope } from '@app/envelope';
import type { TailHandlerFn } from '../ports/event-bus.port';
import type { TransportLogger } from '../ports/transport-logger.port';
import { errorMessage } from './error-message';

/**
 * A tail's handler as adapters call it: awaited, and never rejecting. A tail has nothing to
 * redeliver and nobody to tell, so a throw is logged (naming the tail and the event) and the
 * tail goes on with its next event; `where` says which tail, e.g. `tail of topic "orders"`.
 */
export function guardedTailHandler(
  handler: TailHandlerFn,
  logger: TransportLogger,
  where: string,
): (event: EventEnvelope) => Promise<void> {
  return async (event) => {
    try {
      await handler(event);
    } catch (error) {
      logger.warn(
        `${where}: handler failed on event ${event.id}, skipping it: ${errorMessage(error)}`,
      );
    }
  };
}
