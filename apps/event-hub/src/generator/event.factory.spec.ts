import { validateInput } from '@app/platform';
import { EventInput } from '../events/event.input';
import { EVENT_TYPES, type EventType } from '../events/event.rules';
import { AMOUNT_RANGES_CENTS, EventFactory, type EventFactoryOptions } from './event.factory';
import { seededRandom } from './random';

const NOW = new Date('2026-11-23T18:30:00.123Z');

function factory(options: Partial<EventFactoryOptions> = {}): EventFactory {
  return new EventFactory({ users: 100, random: seededRandom('42'), now: () => NOW, ...options });
}

function share(events: readonly { event_type: EventType }[], type: EventType): number {
  return events.filter(({ event_type }) => event_type === type).length / events.length;
}

describe('EventFactory', () => {
  it('makes events every protocol accepts: 5,000 pass the shared EventInput rules', async () => {
    const events = factory({ idempotencyPrefix: 'gen-run' }).take(5000);

    for (const event of events) {
      await expect(validateInput(EventInput, event)).resolves.toEqual(event);
    }
  });

  it('mostly sends purchases: about 80% purchases, 15% returns, 5% refunds', () => {
    const events = factory().take(20_000);

    // Within 1.5 points of each share: 20,000 draws are off by well under that.
    expect(Math.abs(share(events, 'purchase') - 0.8)).toBeLessThan(0.015);
    expect(Math.abs(share(events, 'return') - 0.15)).toBeLessThan(0.015);
    expect(Math.abs(share(events, 'refund') - 0.05)).toBeLessThan(0.015);
  });

  it('gives amounts in cents, within each type’s range, returns and refunds below top purchases', () => {
    const events = factory().take(20_000);

    for (const type of EVENT_TYPES) {
      const cents = events.filter((e) => e.event_type === type).map((e) => e.amount * 100);
      const [min, max] = AMOUNT_RANGES_CENTS[type];
      expect(cents.every((value) => Math.abs(value - Math.round(value)) < 1e-6)).toBe(true);
      expect(Math.min(...cents)).toBeGreaterThanOrEqual(min);
      expect(Math.max(...cents)).toBeLessThanOrEqual(max);
      // Spread over the range, not stuck at one end.
      expect(new Set(cents).size).toBeGreaterThan(cents.length / 10);
    }
    expect(AMOUNT_RANGES_CENTS.return[1]).toBeLessThan(AMOUNT_RANGES_CENTS.purchase[1]);
    expect(AMOUNT_RANGES_CENTS.refund[1]).toBeLessThan(AMOUNT_RANGES_CENTS.purchase[1]);
  });

  it('picks users from the pool, user_0001 to user_0100', () => {
    const users = new Set(
      factory({ users: 100 })
        .take(20_000)
        .map((e) => e.user_id),
    );

    expect([...users].every((id) => /^user_(0\d{3}|0100)$/.test(id) && id !== 'user_0000')).toBe(
      true,
    );
    expect(users.size).toBe(100);
  });

  it('widens the ids for a pool past 9,999 users, and allows a pool of one', () => {
    expect(factory({ users: 12_345 }).next().user_id).toMatch(/^user_\d{5}$/);
    expect(
      new Set(
        factory({ users: 1 })
          .take(50)
          .map((e) => e.user_id),
      ),
    ).toEqual(new Set(['user_0001']));
  });

  it('stamps every event with now, in ISO 8601 UTC', () => {
    expect(factory().next().timestamp).toBe('2026-11-23T18:30:00.123Z');
  });

  it('makes the same events for the same seed and others for another', () => {
    expect(factory({ random: seededRandom('7') }).take(50)).toEqual(
      factory({ random: seededRandom('7') }).take(50),
    );
    expect(factory({ random: seededRandom('7') }).take(50)).not.toEqual(
      factory({ random: seededRandom('8') }).take(50),
    );
  });

  it('attaches a distinct idempotency key to every event when asked, none otherwise', () => {
    const keyed = factory({ idempotencyPrefix: 'gen-abc' }).take(1000);

    expect(keyed[0].idempotency_key).toBe('gen-abc-1');
    expect(new Set(keyed.map((e) => e.idempotency_key)).size).toBe(1000);
    expect(factory().next()).not.toHaveProperty('idempotency_key');
  });

  it.each([0, -1, 2.5])('refuses a pool of %p users', (users) => {
    expect(() => factory({ users })).toThrow(RangeError);
  });
});
