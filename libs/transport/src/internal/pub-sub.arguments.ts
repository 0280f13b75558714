import { assertTopicName, type EventEnvelope } from '@app/envelope';
import type { SubscribeOptions } from '../ports/event-bus.port';
import { assertNonEmptyString, assertPositiveInteger } from './argument.guards';

/** `publish(topic, event | events)`: the topic checked, the events as one batch. */
export function publishArguments(
  topic: string,
  events: EventEnvelope | readonly EventEnvelope[],
): readonly EventEnvelope[] {
  assertTopicName(topic);
  return Array.isArray(events) ? events : [events as EventEnvelope];
}

/** `subscribe(topic, handler, options)`: the names checked, the concurrency resolved. */
export function subscribeArguments(topic: string, options: SubscribeOptions): number {
  assertTopicName(topic);
  assertNonEmptyString('group', options.group);
  const concurrency = options.concurrency ?? 1;
  assertPositiveInteger('concurrency', concurrency);
  return concurrency;
}
