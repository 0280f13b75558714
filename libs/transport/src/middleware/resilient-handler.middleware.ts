import type { EventHandlerFn, EventPublisher } from '../ports/event-bus.port';
import type { InboxStore } from '../ports/inbox-store.port';
import { type EventHandlerMiddleware, withMiddleware } from './compose.middleware';
import { deadLetter } from './dead-letter.middleware';
import { idempotent } from './idempotent.middleware';
import { retry, type RetryOptions } from './retry.middleware';

export interface ResilientHandlerOptions {
  /** Names the handler in dead letters and, by default, in the inbox. */
  readonly handlerName: string;
  /** Publishes the dead letters. */
  readonly publisher: EventPublisher;
  /** Enables idempotent handling when given. */
  readonly inbox?: InboxStore;
  /** Inbox consumer name; default `handlerName`. */
  readonly consumer?: string;
  readonly retry?: RetryOptions;
  /** Dead-letter topic of a topic; default `${topic}.dlq`. */
  readonly deadLetterTopicFor?: (topic: string) => string;
}

/**
 * The usual stack around a consumer's handler, outermost first:
 *
 * 1. `deadLetter` — outermost, so it sees only what is left after every retry, and so it
 *    also catches a failing inbox. It must stay outside `idempotent`: if `idempotent` were
 *    outside, a dead-lettered event would be marked processed, and replaying it from the
 *    dead-letter topic after a fix (same event id) would be skipped silently.
 * 2. `idempotent` — skips ids already processed before spending any attempt on them, and
 *    marks an id only after the handler (with its retries) succeeded.
 * 3. `retry` — innermost, around the handler alone, so every attempt is the bare handler
 *    and the partition stays held during the backoff (per-key order).
 */
export function resilientHandler(
  handler: EventHandlerFn,
  options: ResilientHandlerOptions,
): EventHandlerFn {
  const middlewares: EventHandlerMiddleware[] = [
    deadLetter({
      publisher: options.publisher,
      handlerName: options.handlerName,
      topicFor: options.deadLetterTopicFor,
    }),
  ];
  if (options.inbox) {
    middlewares.push(
      idempotent({
        inbox: options.inbox,
        consumer: options.consumer ?? options.handlerName,
      }),
    );
  }
  middlewares.push(retry(options.retry));
  return withMiddleware(handler, ...middlewares);
}
