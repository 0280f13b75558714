/**
 * When the CloudEvents SDK's schema check can be skipped because its verdict is known:
 * "valid". On an event that passed our own checks, the schema's only rules left are the
 * formats of `source` (URI-reference), `time` (RFC 3339 date-time) and `dataschema` (URI).
 * Running ajv on every event decoded from a broker was the largest single cost of receiving
 * one (about a quarter of a Kafka consumer's time on the transport benchmark), for events
 * whose `source` is one of a handful of producers' and whose `time` is `toISOString()`'s.
 *
 * Never more lenient than the SDK: anything not plainly valid goes to the SDK, and a spec
 * compares the two verdicts over generated attributes.
 */

/** `source` values the SDK accepted; each producer has one, so this stays small. */
const acceptedSources = new Set<string>();
/** Beyond this many distinct sources, new ones are not remembered (they go to the SDK). */
const MAX_REMEMBERED_SOURCES = 1024;

/**
 * An RFC 3339 date-time narrower than the SDK's: upper-case `T`, seconds below 60 (no leap
 * second), and a `Z` or `±hh:mm` offset. The calendar (days per month) is checked apart.
 */
const PLAIN_TIME =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when the SDK is known to accept the event; false means "ask it". */
export function sdkAcceptsPlainly(event: Readonly<Record<string, unknown>>): boolean {
  return (
    event.dataschema === undefined &&
    isJsonTyped(event.data) &&
    typeof event.source === 'string' &&
    acceptedSources.has(event.source) &&
    (event.time === undefined || isPlainTime(event.time))
  );
}

/** After the SDK accepted `event`: its `source` is a valid URI-reference from now on. */
export function rememberAccepted(event: Readonly<Record<string, unknown>>): void {
  const { source } = event;
  if (typeof source === 'string' && acceptedSources.size < MAX_REMEMBERED_SOURCES) {
    acceptedSources.add(source);
  }
}

/** The schema's `data` types, as ajv checks them (a number must be finite). */
function isJsonTyped(data: unknown): boolean {
  switch (typeof data) {
    case 'object':
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(data);
    default:
      return false;
  }
}

function isPlainTime(time: unknown): boolean {
  if (typeof time !== 'string') return false;
  const match = PLAIN_TIME.exec(time);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month]);
}
