import { type FieldViolation, InputValidationError, validateInput } from '@app/platform';
import { plainlyValidEvent } from './event.fast-check';
import { EventInput } from './event.input';

/** At most this many violations are spelled out in one answer; the rest are counted. */
export const MAX_REPORTED_VIOLATIONS = 20;

const NOT_AN_OBJECT = 'must be a JSON object';

/** The fields an event may carry (EventInput's). */
const EVENT_INPUT_FIELDS: ReadonlySet<string> = new Set<keyof EventInput>([
  'user_id',
  'event_type',
  'amount',
  'timestamp',
  'idempotency_key',
]);

/**
 * One event as plain data (a REST body, one item of a batch): EventInput's rules, and no
 * field besides EventInput's. `validateInput` alone would drop an unknown field silently, so
 * a misspelt `idempotency_kye` would turn a safe retry into a second event.
 */
export async function checkEvent(data: unknown): Promise<EventInput> {
  const plain = plainlyValidEvent(data);
  if (plain) return plain;
  if (!isJsonObject(data)) throw InputValidationError.of('(body)', NOT_AN_OBJECT);
  const unknown: FieldViolation[] = Object.keys(data)
    .filter((field) => !EVENT_INPUT_FIELDS.has(field))
    .map((field) => ({ field, reason: 'should not exist' }));
  try {
    const input = await validateInput(EventInput, data);
    if (unknown.length === 0) return input;
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    throw new InputValidationError([...error.violations, ...unknown]);
  }
  throw new InputValidationError(unknown);
}

export interface EventBatchLimits {
  /** Most events the batch may hold (MAX_BATCH_EVENTS); refused whole beyond it. */
  readonly maxEvents?: number;
}

/**
 * Checks every event of a batch, all or nothing, so one answer names all the bad ones by
 * their index (`events[3].amount: must not be negative`); resolves only when all are good.
 * REST `POST /events/batch`, gRPC `SendEvents` and GraphQL share it.
 */
export async function checkEventBatch(
  items: readonly unknown[],
  { maxEvents = Number.POSITIVE_INFINITY }: EventBatchLimits = {},
): Promise<EventInput[]> {
  if (items.length > maxEvents) {
    throw InputValidationError.of('events', `must hold at most ${maxEvents} events a batch`);
  }
  const inputs: EventInput[] = [];
  const violations: FieldViolation[] = [];
  for (const [index, item] of items.entries()) {
    if (!isJsonObject(item)) {
      violations.push({ field: `events[${index}]`, reason: NOT_AN_OBJECT });
      continue;
    }
    try {
      inputs.push(await checkEvent(item));
    } catch (error) {
      if (!(error instanceof InputValidationError)) throw error;
      for (const { field, reason } of error.violations) {
        violations.push({ field: `events[${index}].${field}`, reason });
      }
    }
  }
  if (violations.length === 0) return inputs;
  const reported = violations.slice(0, MAX_REPORTED_VIOLATIONS);
  const more = violations.length - reported.length;
  if (more > 0) reported.push({ field: 'events', reason: `${more} more violations not shown` });
  throw new InputValidationError(reported);
}

function isJsonObject(data: unknown): data is object {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}
