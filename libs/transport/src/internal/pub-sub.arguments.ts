import { assertTopicName, type EventEnvelope } from '@app/envelope';
import type {
  BatchSubscribeOptions,
  SubscribeOptions,
  TailHandlerFn,
} from '../ports/event-bus.port';
import { assertNonEmptyString, assertPositiveInteger } from './argument.guards';

/** `maxBatchSize` when `subscribeBatch` is given none. */
export const DEFAULT_MAX_BATCH_SIZE = 500;

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
  if (options.adopt !== undefined && typeof options.adopt !== 'function') {
    throw new TypeError('adopt must be a function (message) => EventEnvelope');
  }
  return concurrency;
}

/** What `subscribeBatch` runs with once its arguments are checked. */
export interface BatchSubscription {
  readonly concurrency: number;
  readonly maxBatchSize: number;
}

/** `subscribeBatch(topic, handler, options)`: as `subscribeArguments`, plus the batch size. */
export function subscribeBatchArguments(
  topic: string,
  options: BatchSubscribeOptions,
): BatchSubscription {
  const concurrency = subscribeArguments(topic, options);
  const maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
  assertPositiveInteger('maxBatchSize', maxBatchSize);
  return { concurrency, maxBatchSize };
}

/** `tail(topic, handler)`: the topic checked, and the handler, which no type keeps from JS. */
export function tailArguments(topic: string, handler: TailHandlerFn): void {
  assertTopicName(topic);
  if (typeof handler !== 'function') {
    throw new TypeError('a tail handler must be a function (event) => void');
  }
}

/** `groupLag(topic, group)`: the names checked as `subscribe` checks them. */
export function groupLagArguments(topic: string, group: string): void {
  assertTopicName(topic);
  assertNonEmptyString('group', group);
}
