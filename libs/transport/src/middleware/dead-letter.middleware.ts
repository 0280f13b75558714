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

/**
 * Poison-queue middleware: when the inner handler fails, publishes the original event with
 * the failure attached (see `DeadLetterAttributes`) to the dead-letter topic and then
 * acknowledges it, so one bad event cannot block its partition forever. If that publish
 * fails, it throws: the event stays unacknowledged and is redelivered, never lost. A failure
 * caused by the subscription closing (aborted signal) is rethrown, not dead-lettered.
 */
export function deadLetter(options: DeadLetterOptions): EventHandlerMiddleware {
  assertNonEmptyString('deadLetter handlerName', options.handlerName);
  const topicFor = options.topicFor ?? ((topic: string) => `${topic}.dlq`);
  const now = options.now ?? (() => new Date());
  return (next) => async (event, context) => {
    try {
      await next(event, context);
    } catch (error) {
      if (context.signal.aborted) throw error;
      const dlqTopic = topicFor(context.topic);
      const deadLetter = toDeadLetteredEvent(event, {
        ...describeFailure(error, context),
        handler: options.handlerName,
        failedAt: now().toISOString(),
      });
      await options.publisher.publish(dlqTopic, deadLetter).catch((cause: unknown) => {
        throw new Error(
          `could not dead-letter event ${event.id} to "${dlqTopic}" ` +
            `(${errorMessage(cause)}); it stays unacknowledged: ${errorMessage(error)}`,
          { cause },
        );
      });
    }
  };
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
