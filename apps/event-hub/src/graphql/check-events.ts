import { type FieldViolation, InputValidationError } from '@app/platform';
import { checkEvent, checkEventBatch } from '../events/event-batch.check';
import type { EventInput } from '../events/event.input';
import type { GraphqlEventInput } from './event.input';

/** The GraphQL name of each shared rule's field, so an error names what the client wrote. */
const GRAPHQL_FIELDS: Readonly<Record<keyof EventInput, keyof GraphqlEventInput>> = {
  user_id: 'userId',
  event_type: 'eventType',
  amount: 'amount',
  timestamp: 'timestamp',
  idempotency_key: 'idempotencyKey',
};

const SNAKE_NAMES = Object.keys(GRAPHQL_FIELDS).join('|');
/** A rule's field name as the last step of a violation's path (`events[3].user_id`). */
const FIELD_AT_END = new RegExp(`(^|\\.)(${SNAKE_NAMES})$`);
/** A rule's field name inside a reason ("the event_type says refund or return"). */
const FIELD_IN_WORDS = new RegExp(`\\b(${SNAKE_NAMES})\\b`, 'g');

/**
 * `sendEvent(input:)`: the shared rules of one event (checkEvent), violations named by their
 * path in the arguments the client wrote: `input.userId`.
 */
export function checkGraphqlEvent(input: GraphqlEventInput): Promise<EventInput> {
  return inGraphqlWords(() => checkEvent(toRuleFields(input)), 'input.');
}

/**
 * `sendEvents(events:)`: the shared all-or-nothing batch check (checkEventBatch), violations
 * named `events[3].amount`, at most `maxEvents` events.
 */
export function checkGraphqlEvents(
  inputs: readonly GraphqlEventInput[],
  maxEvents: number,
): Promise<EventInput[]> {
  return inGraphqlWords(() => checkEventBatch(inputs.map(toRuleFields), { maxEvents }), '');
}

/** The shared rules' field names; a null idempotency key is no key. */
function toRuleFields(input: GraphqlEventInput): Partial<Record<keyof EventInput, unknown>> {
  const { userId, eventType, amount, timestamp, idempotencyKey } = input;
  const fields = { user_id: userId, event_type: eventType, amount, timestamp };
  return idempotencyKey == null ? fields : { ...fields, idempotency_key: idempotencyKey };
}

async function inGraphqlWords<T>(check: () => Promise<T>, prefix: string): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    throw new InputValidationError(error.violations.map((v) => renamed(v, prefix)));
  }
}

function renamed({ field, reason }: FieldViolation, prefix: string): FieldViolation {
  const camel = (snake: string) => GRAPHQL_FIELDS[snake as keyof EventInput];
  return {
    field:
      prefix + field.replace(FIELD_AT_END, (_, dot: string, snake: string) => dot + camel(snake)),
    reason: reason.replace(FIELD_IN_WORDS, camel),
  };
}
