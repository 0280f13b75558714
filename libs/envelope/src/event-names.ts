import { EventNameError } from './event-name.error';

/*
 * Naming rules from the handler-router spec (seed 001), shared by every app: an event
 * type says what happened in UPPER_SNAKE (`USER_CREATED`), a topic groups a domain's
 * events in lower_snake (`user_events`). Routing compares names exactly, so a name that
 * is almost right (`userCreated`, `user-events`) would silently match nothing; we reject
 * it where it is written instead.
 */

const EVENT_TYPE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const TOPIC = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** Appended to a topic to name where its poison messages go: `user_events.dlq`. */
export const DEAD_LETTER_SUFFIX = '.dlq';

/** The rule an event type must follow, phrased to follow the name in a message. */
export const EVENT_TYPE_RULE = 'must be UPPER_SNAKE (like USER_CREATED)';

/** The rule a topic must follow, phrased to follow the name in a message. */
export const TOPIC_RULE = `must be lower_snake (like user_events), optionally followed by "${DEAD_LETTER_SUFFIX}"`;

/** True for an UPPER_SNAKE event type such as `USER_CREATED`. */
export function isEventType(name: unknown): name is string {
  return typeof name === 'string' && EVENT_TYPE.test(name);
}

/** True for a lower_snake topic such as `user_events`, or its dead-letter topic `user_events.dlq`. */
export function isTopicName(name: unknown): name is string {
  return typeof name === 'string' && TOPIC.test(withoutDeadLetterSuffix(name));
}

/** True for a valid topic that is a dead-letter topic (`user_events.dlq`). */
export function isDeadLetterTopic(name: unknown): boolean {
  return isTopicName(name) && name.endsWith(DEAD_LETTER_SUFFIX);
}

/** Throws an {@link EventNameError} with a suggested fix unless `name` is an UPPER_SNAKE event type. */
export function assertEventType(name: unknown): asserts name is string {
  if (!isEventType(name)) {
    throw new EventNameError('event type', name, EVENT_TYPE_RULE, suggestEventType(name));
  }
}

/** Throws an {@link EventNameError} with a suggested fix unless `name` is a lower_snake topic. */
export function assertTopicName(name: unknown): asserts name is string {
  if (!isTopicName(name)) {
    throw new EventNameError('topic', name, TOPIC_RULE, suggestTopicName(name));
  }
}

/**
 * The topic that receives `topic`'s poison messages: `user_events` → `user_events.dlq`.
 * A dead-letter topic has none of its own: a message that fails there again needs a
 * person, not a `.dlq.dlq` nobody reads.
 */
export function deadLetterTopic(topic: string): string {
  assertTopicName(topic);
  if (isDeadLetterTopic(topic)) {
    throw new EventNameError(
      'topic',
      topic,
      'is already a dead-letter topic, and dead-letter topics have no dead-letter topic of their own',
    );
  }
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

/** The UPPER_SNAKE spelling of a near miss (`userCreated`, `user-created` → `USER_CREATED`). */
export function suggestEventType(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const suggestion = words(name).join('_').toUpperCase();
  return EVENT_TYPE.test(suggestion) ? suggestion : undefined;
}

/** The lower_snake spelling of a near miss (`UserEvents`, `user-events` → `user_events`). */
export function suggestTopicName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const deadLetter = name.toLowerCase().endsWith(DEAD_LETTER_SUFFIX);
  const base = deadLetter ? name.slice(0, -DEAD_LETTER_SUFFIX.length) : name;
  const suggestion = words(base).join('_').toLowerCase();
  if (!TOPIC.test(suggestion)) return undefined;
  return deadLetter ? `${suggestion}${DEAD_LETTER_SUFFIX}` : suggestion;
}

function withoutDeadLetterSuffix(name: string): string {
  return name.endsWith(DEAD_LETTER_SUFFIX) ? name.slice(0, -DEAD_LETTER_SUFFIX.length) : name;
}

/**
 * Splits camelCase, PascalCase, kebab-case, dotted and spaced names into words, keeping
 * acronyms whole: `HTTPRequestFailed` → `HTTP`, `Request`, `Failed`.
 */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}
