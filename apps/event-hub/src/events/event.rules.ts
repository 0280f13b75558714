/** What a business event records (the seed's `event_type`). */
export const EVENT_TYPES = ['purchase', 'return', 'refund'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Sizes enforced on input, so no store truncates or rejects a write it accepted: ids and
 * keys are short opaque strings (a UUID is 36 characters).
 */
export const USER_ID_MAX_LENGTH = 128;
export const IDEMPOTENCY_KEY_MAX_LENGTH = 128;

/**
 * `amount` is a sum of money: finite, never negative (the event type says which way it goes:
 * a `refund` of 20 is 20, not -20), in cents at most (two decimal places), and below a
 * billion, which no single business event reaches and which keeps per-minute totals of
 * millions of events exact to the cent in a double.
 */
export const AMOUNT_MAX = 1_000_000_000;
export const AMOUNT_DECIMALS = 2;

/**
 * Whether a finite number has at most AMOUNT_DECIMALS decimal places as written in JSON:
 * `150.75` has, `0.1 + 0.2` (0.30000000000000004) and `1e-7` have not. (class-validator's
 * `maxDecimalPlaces` throws a TypeError on `1e-7`, whose text has no decimal point.)
 */
export function hasAmountDecimals(value: number): boolean {
  return Number(value.toFixed(AMOUNT_DECIMALS)) === value;
}

/**
 * ISO 8601 date and time: `2024-01-15T10:30:00Z`, with or without seconds, a fraction and an
 * offset (`Z`, `+03:00`, `+0300`, `+03`); a space may stand for the `T`. Date-only values are
 * not timestamps and are refused.
 */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|([+-])(\d{2})(?::?(\d{2}))?)?$/i;

/**
 * The instant a `timestamp` names, to the millisecond (further digits are dropped, not
 * rounded), or null when it is no real ISO 8601 date and time (`2024-02-30T10:00Z`,
 * `25:00`, an offset past ±18:00 are refused rather than rolled over as `Date` would).
 *
 * Without an offset it is UTC: the seed's Python clients send
 * `datetime.utcnow().isoformat()`, which has none, and reading it as the server's local time
 * would move events by hours depending on where the server runs.
 */
export function parseEventTimestamp(value: string): Date | null {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone, sign] = match;
  const [offsetHours = '0', offsetMinutes = '0'] = match.slice(10, 12).map((part) => part ?? '0');
  const fields = [year, month, day, hour, minute, second].map(Number);
  const [y, mo, d, h, mi, s] = fields;
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const local = Date.UTC(y, mo - 1, d, h, mi, s, millis);
  const back = new Date(local);
  // Date.UTC rolls 30 February over into March; a real date comes back as it went in.
  const real =
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    s < 60;
  const offset =
    zone && zone.toUpperCase() !== 'Z' ? Number(offsetHours) * 60 + Number(offsetMinutes) : 0;
  if (!real || Number(offsetMinutes) >= 60 || offset > 18 * 60) return null;
  return new Date(local - (sign === '-' ? -offset : offset) * 60_000);
}
