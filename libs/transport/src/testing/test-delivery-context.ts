import type { DeliveryContext } from '../ports/event-bus.port';

/** A delivery context for calling a handler directly in a unit test, without any broker. */
export function testDeliveryContext(overrides: Partial<DeliveryContext> = {}): DeliveryContext {
  return {
    topic: 'test_topic',
    group: 'test_group',
    attempt: 1,
    partition: 0,
    offset: '0',
    signal: new AbortController().signal,
    ...overrides,
  };
}
