import { assertNonEmptyString } from '../internal/argument.guards';
import type { InboxStore } from '../ports/inbox-store.port';
import type { EventHandlerMiddleware } from './compose.middleware';

export interface IdempotentOptions {
  readonly inbox: InboxStore;
  /**
   * Name under which processed ids are recorded. Each handler of an event needs its own, or
   * one handler's success would make another skip the event.
   */
  readonly consumer: string;
}

/**
 * Turns at-least-once delivery into effectively-once handling: an event whose id this consumer
 * already processed is acknowledged without calling the handler. The id is recorded only after
 * the handler succeeded, so a failure is retried, never skipped. Two deliveries of one id
 * running at the same moment (different partitions) are not excluded here; the durable inbox's
 * unique key catches that case.
 */
export function idempotent(options: IdempotentOptions): EventHandlerMiddleware {
  assertNonEmptyString('idempotent consumer', options.consumer);
  const { inbox, consumer } = options;
  return (next) => async (event, context) => {
    if (await inbox.isProcessed(consumer, event.id)) return;
    await next(event, context);
    await inbox.markProcessed(consumer, event.id);
  };
}
