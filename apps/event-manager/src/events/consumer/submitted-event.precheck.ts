import { isIn, isISO8601, isUUID, maxLength } from 'class-validator';
import { DESCRIPTION_MAX_LENGTH, EVENT_SOURCES, NAME_MAX_LENGTH } from '../event.rules';
import type { SubmittedEventMessage } from './submitted-event.message';

/**
 * The fields of a message on `events` when they certainly pass `SubmittedEventMessage`'s
 * rules, else `undefined`: then the full validation (`validateInput`) decides and names the
 * field. The same checks as the decorators, called directly (~2-4 µs an event), where
 * class-transformer plus class-validator's metadata walk cost 12-18 µs, about a fifth of the
 * consumer's CPU (bench/RESULTS.md, event-manager). It only ever says yes or "don't know",
 * so it can be stricter than the rules but never looser: keep it in step with
 * `SubmittedEventMessage` and `EventInput` (submitted-event.precheck.spec.ts holds them
 * side by side).
 */
export function precheckSubmittedEvent(data: unknown): SubmittedEventMessage | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const fields = data as Readonly<Record<string, unknown>>;
  const { name, source, description, uuid, createdAt, updatedAt } = fields;
  // EventInput trims the name before checking it.
  const trimmed = typeof name === 'string' ? name.trim() : undefined;
  if (trimmed === undefined || trimmed === '' || !maxLength(trimmed, NAME_MAX_LENGTH)) {
    return undefined;
  }
  if (!isIn(source, EVENT_SOURCES)) return undefined;
  if (!isAbsentOr(description, (text) => maxLength(text, DESCRIPTION_MAX_LENGTH), true)) {
    return undefined;
  }
  if (!isAbsentOr(uuid, (text) => isUUID(text, 'all'))) return undefined;
  // createEventAsync writes the same instant twice: a second strict check of it is ~1 µs.
  if (
    !isAbsentOr(createdAt, isTimestamp) ||
    !isAbsentOr(updatedAt, (text) => text === createdAt || isTimestamp(text))
  ) {
    return undefined;
  }
  return {
    name: trimmed,
    source: source as SubmittedEventMessage['source'],
    description: description as string | null | undefined,
    uuid: uuid as string | undefined,
    createdAt: createdAt as string | undefined,
    updatedAt: updatedAt as string | undefined,
  };
}

/**
 * `undefined`, or a string passing `check`; `null` too when `nullable`. The rules'
 * @IsOptional lets null through for every optional field, but only `description` (null in
 * every createEventAsync message without one) has a type that admits it; a null elsewhere
 * is rare enough to leave to the full validation.
 */
function isAbsentOr(
  value: unknown,
  check: (text: string) => boolean,
  nullable = false,
): value is string | null | undefined {
  if (value === undefined || (nullable && value === null)) return true;
  return typeof value === 'string' && check(value);
}

function isTimestamp(text: string): boolean {
  return isISO8601(text, { strict: true });
}
