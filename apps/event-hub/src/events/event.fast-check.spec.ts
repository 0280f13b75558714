import { InputValidationError } from '@app/platform';
import { checkEvent } from './event-batch.check';
import { plainlyValidEvent } from './event.fast-check';

/** A small deterministic PRNG, so a failure names an input that can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, values: readonly T[]): T =>
  values[Math.floor(next() * values.length)];

/** Values near every rule's edges, of every JSON type and some that JSON never carries. */
const CANDIDATES: Record<string, readonly unknown[]> = {
  user_id: [
    'user123',
    '',
    ' ',
    'x'.repeat(128),
    'x'.repeat(129),
    '😀'.repeat(64),
    '😀'.repeat(65),
    7,
    null,
    undefined,
    ['u'],
    {},
  ],
  event_type: ['purchase', 'return', 'refund', 'PURCHASE', 'gift', '', null, undefined, 1],
  amount: [
    0,
    0.01,
    150.75,
    1.005,
    0.1 + 0.2,
    1e-7,
    1e9,
    1e9 + 0.01,
    1e21,
    -0,
    -1,
    Number.NaN,
    Infinity,
    '150.75',
    null,
    undefined,
    true,
  ],
  timestamp: [
    '2024-01-15T10:30:00Z',
    '2024-01-15T10:30',
    '2024-01-15 10:30:00.123+03:00',
    '2024-02-30T10:00:00Z',
    '2024-01-15',
    'yesterday',
    '',
    1705314600000,
    null,
    undefined,
  ],
  idempotency_key: ['k-1', '', 'k'.repeat(128), 'k'.repeat(129), 42, null, undefined],
};

async function fullCheck(data: unknown): Promise<unknown> {
  try {
    // toEqual compares fields, not prototypes: an EventInput equals a plain object.
    return await checkEvent(data);
  } catch (error) {
    if (error instanceof InputValidationError) return 'refused';
    throw error;
  }
}

describe('plainlyValidEvent, the fast path of the event rules', () => {
  it('passes the seed’s event as it is', () => {
    const seed = {
      user_id: 'user123',
      event_type: 'purchase',
      amount: 150.75,
      timestamp: '2024-01-15T10:30:00Z',
    };
    expect(plainlyValidEvent(seed)).toEqual(seed);
  });

  it('never passes an input the full check refuses, and passes what it does exactly as the full check would', async () => {
    const next = random(20261123);
    let passed = 0;
    for (let i = 0; i < 5000; i++) {
      const data: Record<string, unknown> = {};
      for (const [field, values] of Object.entries(CANDIDATES)) {
        // Mostly a value that keeps the rule, so whole events often do.
        const value = next() < 0.75 ? values[0] : pick(next, values);
        if (value !== undefined || next() < 0.5) data[field] = value;
      }
      if (next() < 0.05) data.extra = 'field';
      const fast = plainlyValidEvent(data);
      if (fast === undefined) continue;
      passed++;
      expect({ data, result: await fullCheck(data) }).toEqual({ data, result: fast });
    }
    // The generator reaches the fast path often enough for the comparison to mean something.
    expect(passed).toBeGreaterThan(100);
  });

  it.each([null, [], 'event', 42])('leaves %p to the full check', (data) => {
    expect(plainlyValidEvent(data)).toBeUndefined();
  });
});
