import type { EventEnvelope } from '@app/envelope';
import { assertNonEmptyString } from '../internal/argument.guards';
import { errorMessage } from '../internal/error-message';
import type { DeliveryContext, EventPublisher } from '../ports/event-bus.port';
import type { EventHandlerMiddleware } from './compose.middleware';
import { type DeadLetterInfo, toDeadLetteredEvent } from './dead-letter.attributes';
import { RetryExhaustedError } from './retry-exhausted.error';

export interface DeadLetterOptions {
  /** Where dead letters are published; usually the same pub/sub the handler reads from. */
  readonly publisher: EventPublisher;
  /** Names the failing handler in the dead letter (`dlqhandler`); required to triage. */
  readonly handlerName: string;
  /** Dead-letter topic of a topic; default `${topic}.dlq`. */
  readonly topicFor?: (topic: string) => string;
  /** Clock for `dlqfailedat`; default the system clock. */
  readonly now?: () => Date;
}

/** One event to dead-letter by hand, e.g. from a batch handler (see `deadLetterEvent`). */
export interface DeadLetterEventInput extends DeadLetterOptions {
  readonly event: EventEnvelope;
  readonly context: DeliveryContext;
  /** Why it failed: its message and class go into the dead letter (`dlqerror`, ...). */
  readonly error: unknown;
}

/**
 * Publishes `event` with the failure attached (see `DeadLetterAttributes`) to the dead-letter
 * topic, exactly as the `deadLetter` middleware does. For handlers that cannot let the
 * middleware do it: a batch handler that finds one bad event in its batch dead-letters it
 * with this and resolves, so the rest of the batch is acknowledged. Rejects (naming the event
 * and both errors) if the publish fails: the caller must then throw, so that the event stays
 * unacknowledged and is redelivered, never lost.
 */
export async function deadLetterEvent(input: DeadLetterEventInput): Promise<void> {
  assertNonEmptyString('deadLetter handlerName', input.handlerName);
  const { event, context, error } = input;
  const dlqTopic = (input.topicFor ?? defaultDeadLetterTopic)(context.topic);
  const deadLetter = toDeadLetteredEvent(event, {
    ...describeFailure(error, context),
    handler: input.handlerName,
    failedAt: (input.now?.() ?? new Date()).toISOString(),
  });
  await input.publisher.publish(dlqTopic, deadLetter).catch((cause: unknown) => {
    throw new Error(
      `could not dead-letter event ${event.id} to "${dlqTopic}" ` +
        `(${errorMessage(cause)}); it stays unacknowledged: ${errorMessage(error)}`,
      { cause },
    );
  });
}

/**
 * Poison-queue middleware: when the inner handler fails, publishes the original event with
 * the failure attached (see `DeadLetterAttributes`) to the dead-letter topic and then
 * acknowledges it, so one bad event cannot block its partition forever. If that publish
 * fails, it throws: the event stays unacknowledged and is redelivered, never lost. A failure
 * caused by the subscription closing (aborted signal) is rethrown, not dead-lettered.
 */
export function deadLetter(options: DeadLetterOptions): EventHandlerMiddleware {
  assertNonEmptyString('deadLetter handlerName', options.handlerName);
  return (next) => async (event, context) => {
    try {
      await next(event, context);
    } catch (error) {
      if (context.signal.aborted) throw error;
      await deadLetterEvent({ ...options, event, context, error });
    }
  };
}

function defaultDeadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

function describeFailure(
  error: unknown,
  context: DeliveryContext,
): Omit<DeadLetterInfo, 'handler' | 'failedAt'> {
  const exhausted = error instanceof RetryExhaustedError;
  const cause = exhausted ? error.cause : error;
  return {
    error: errorMessage(cause),
    errorType: cause instanceof Error ? cause.name : typeof cause,
    topic: context.topic,
    group: context.group,
    attempts: exhausted ? error.attempts : 1,
    deliveryAttempt: context.attempt,
  };
}
