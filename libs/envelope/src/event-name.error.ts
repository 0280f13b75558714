import { describeValue, didYouMean } from './describe-value';

/** What a name is for; each kind has its own casing rule. */
export type EventNameKind = 'event type' | 'topic';

/**
 * Thrown when an event type or a topic breaks the naming rules (see `event-names.ts`).
 * Names are usually fixed at start-up (handler registration, producer config), so the
 * message is written to be read once in a crash log: the kind, the bad value, the rule
 * and, when one exists, the corrected name.
 */
export class EventNameError extends Error {
  constructor(
    readonly kind: EventNameKind,
    readonly value: unknown,
    /** The rule broken, phrased to follow the name, e.g. `must be UPPER_SNAKE (...)`. */
    readonly rule: string,
    /** A name that follows the rule, derived from the bad one; absent when none can be. */
    readonly suggestion?: string,
  ) {
    super(`${kind} ${describeValue(value)} ${rule}${didYouMean(suggestion)}`);
    this.name = 'EventNameError';
  }
}
