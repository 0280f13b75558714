import type { MetricSample } from './metrics.store';
import { distinctSamples, minuteOf, tallyByMinute, toUnits } from './minute-tally';

const sample = (id: string, at: string, amount = 1): MetricSample => ({
  id,
  event_type: 'purchase',
  amount,
  at: new Date(at),
});

describe('the minute of an instant', () => {
  it.each([
    ['2024-01-15T10:30:00.000Z', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T10:30:59.999Z', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T13:30:59+03:00', '2024-01-15T10:30:00.000Z'],
    ['1969-12-31T23:59:30.000Z', '1969-12-31T23:59:00.000Z'],
  ])('of %s is %s (UTC, floored)', (instant, minute) => {
    expect(minuteOf(new Date(instant)).toISOString()).toBe(minute);
  });
});

describe('the distinct samples of a batch', () => {
  it('keeps the first sample of an id, whatever its case, in id order', () => {
    const samples = distinctSamples([
      sample('B', '2024-01-15T10:30:10Z', 1),
      sample('a', '2024-01-15T10:31:10Z', 2),
      sample('b', '2024-01-15T10:32:10Z', 3),
    ]);

    expect(samples).toEqual([
      { id: 'a', event_type: 'purchase', minute: new Date('2024-01-15T10:31Z'), cents: 200 },
      { id: 'b', event_type: 'purchase', minute: new Date('2024-01-15T10:30Z'), cents: 100 },
    ]);
  });

  it('turns amounts into whole cents, rounding away the binary noise', () => {
    const cents = (amount: number) => distinctSamples([sample('a', '2024-01-15T10:30Z', amount)]);

    expect(cents(150.75)[0].cents).toBe(15075);
    expect(cents(0.29)[0].cents).toBe(29);
    expect(cents(999_999_999.99)[0].cents).toBe(99_999_999_999);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, -0.01])('refuses amount %s', (amount) => {
    expect(() => distinctSamples([sample('a', '2024-01-15T10:30Z', amount)])).toThrow(
      `metric sample a: amount ${amount}`,
    );
  });

  it('refuses an invalid date', () => {
    expect(() => distinctSamples([sample('a', 'not a date')])).toThrow(
      'metric sample a: `at` is no valid date',
    );
  });
});

describe('the tally of a batch', () => {
  it('sums count and cents per minute and type, ordered by minute then type', () => {
    const samples = distinctSamples([
      { ...sample('1', '2024-01-15T10:31:00Z', 0.1), event_type: 'refund' },
      sample('2', '2024-01-15T10:30:59Z', 0.1),
      sample('3', '2024-01-15T10:30:00Z', 0.2),
      { ...sample('4', '2024-01-15T10:30:30Z', 5), event_type: 'return' },
    ]);

    expect(tallyByMinute(samples)).toEqual([
      { minute: new Date('2024-01-15T10:30Z'), event_type: 'purchase', count: 2, cents: 30 },
      { minute: new Date('2024-01-15T10:30Z'), event_type: 'return', count: 1, cents: 500 },
      { minute: new Date('2024-01-15T10:31Z'), event_type: 'refund', count: 1, cents: 10 },
    ]);
    expect(toUnits(30)).toBe(0.3);
  });
});
