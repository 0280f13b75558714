import type { EventEnvelope } from '@app/envelope';
import { randomUUID } from 'node:crypto';

/**
 * A valid envelope for transport tests, each call with a fresh id. Local to this lib on
 * purpose: transport tests must not depend on the envelope lib's helpers, only on the
 * `EventEnvelope` interface every adapter carries.
 */
export function testEvent(overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  const id = overrides.id ?? randomUUID();
  return {
    specversion: '1.0',
    id,
    source: '/transport-tests',
    type: 'TRANSPORT_TESTED',
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: { note: 'test event' },
    correlationid: id,
    partitionkey: id,
    ...overrides,
  };
}
