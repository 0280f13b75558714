/*
 * Column lengths shared by the entities and the migration: the limits the shop's event
 * checks (events/shop-event.checks.ts) put on each field, so a fact that passed them fits.
 */

/** A UUID as the event carried it (kept as text: as given, in whatever case it came). */
export const ID_LENGTH = 36;
/** Product and customer names. */
export const NAME_LENGTH = 200;
/** RFC 5321's longest address, as class-validator's `IsEmail` allows. */
export const EMAIL_LENGTH = 254;
/** A rejected purchase's reason. */
export const REASON_LENGTH = 1000;
/**
 * An event's time, kept as the ISO 8601 text it came as (`toISOString()`'s 24 characters for
 * the shop's own events; room for an offset and microseconds).
 */
export const TIME_LENGTH = 40;
