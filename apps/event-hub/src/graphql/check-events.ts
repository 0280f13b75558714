import { type FieldViolation, InputValidationError, validateInput } from '@app/platform';
import { EventInput } from '../events/event.input';
import type { GraphqlEventInput } from './event.input';

/** The GraphQL name of each shared rule's field, so an error names what the client wrote. */
const GRAPHQL_FIELDS: Readonly<Record<keyof EventInput, keyof GraphqlEventInput>> = {
  user_id: 'userId',
  event_type: 'eventType',
  amount: 'amount',
  timestamp: 'timestamp',
  idempotency_key: 'idempotencyKey',
};

const SNAKE_NAMES = new RegExp(`\\b(${Object.keys(GRAPHQL_FIELDS).join('|')})\\b`, 'g');

/** At most this many violations are spelled out in one error; the rest are counted. */
const MAX_REPORTED_VIOLATIONS = 20;

/**
 * Checks one GraphQL event with the shared rules. Violations are named by their path in the
 * arguments the client wrote (`input.userId`, `events[3].amount`), reasons in the same words.
 */
export async function checkEvent(input: GraphqlEventInput, path: string): Promise<EventInput> {
  try {
    return await validateInput(EventInput, toRuleFields(input));
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    throw new InputValidationError(error.violations.map((v) => inGraphqlWords(v, path)));
  }
}

/**
 * Checks a whole batch, so one answer names every bad event by its index; resolves only when
 * all are good, so a bad event never leaves part of a batch ingested.
 */
export async function checkEvents(
  inputs: readonly GraphqlEventInput[],
  path: string,
): Promise<EventInput[]> {
  const events: EventInput[] = [];
  const violations: FieldViolation[] = [];
  for (const [index, input] of inputs.entries()) {
    try {
      events.push(await checkEvent(input, `${path}[${index}]`));
    } catch (error) {
      if (!(error instanceof InputValidationError)) throw error;
      violations.push(...error.violations);
    }
  }
  if (violations.length === 0) return events;
  const reported = violations.slice(0, MAX_REPORTED_VIOLATIONS);
  const more = violations.length - reported.length;
  if (more > 0) reported.push({ field: path, reason: `${more} more violations not shown` });
  throw new InputValidationError(reported);
}

/** The shared rules' field names; a null idempotency key is no key. */
function toRuleFields(input: GraphqlEventInput): Partial<Record<keyof EventInput, unknown>> {
  const { userId, eventType, amount, timestamp, idempotencyKey } = input;
  const fields = { user_id: userId, event_type: eventType, amount, timestamp };
  return idempotencyKey == null ? fields : { ...fields, idempotency_key: idempotencyKey };
}

function inGraphqlWords({ field, reason }: FieldViolation, path: string): FieldViolation {
  const name = GRAPHQL_FIELDS[field as keyof EventInput] ?? field;
  return {
    field: `${path}.${name}`,
    reason: reason.replace(SNAKE_NAMES, (snake) => GRAPHQL_FIELDS[snake as keyof EventInput]),
  };
}
