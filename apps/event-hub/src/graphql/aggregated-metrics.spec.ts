import type { MinuteBucket } from '../metrics/metrics.store';
import { aggregateMetrics, metricsWindow } from './aggregated-metrics';

const at = (iso: string) => new Date(iso);

describe('metricsWindow', () => {
  it.each([
    ['2024-01-15T10:30:20.500Z', 1, '2024-01-15T10:30:00.000Z', '2024-01-15T10:31:00.000Z'],
    ['2024-01-15T10:30:00.000Z', 1, '2024-01-15T10:30:00.000Z', '2024-01-15T10:31:00.000Z'],
    ['2024-01-15T10:30:59.999Z', 5, '2024-01-15T10:26:00.000Z', '2024-01-15T10:31:00.000Z'],
    ['2024-01-15T00:00:10.000Z', 1440, '2024-01-14T00:01:00.000Z', '2024-01-15T00:01:00.000Z'],
  ])('at %s, minutes %p counts [%s, %s)', (now, minutes, from, to) => {
    expect(metricsWindow(at(now), minutes)).toEqual({ minutes, from: at(from), to: at(to) });
  });
});

describe('aggregateMetrics', () => {
  const window = metricsWindow(at('2024-01-15T10:30:20Z'), 2);
  const bucket = (
    minute: string,
    event_type: MinuteBucket['event_type'],
    count: number,
    total_amount: number,
  ): MinuteBucket => ({ minute: at(minute), event_type, count, total_amount });

  it('sums every bucket of the window, overall and per type in a fixed order', () => {
    const metrics = aggregateMetrics(window, [
      bucket('2024-01-15T10:29:00Z', 'purchase', 2, 300.5),
      bucket('2024-01-15T10:29:00Z', 'refund', 1, 20),
      bucket('2024-01-15T10:30:00Z', 'purchase', 1, 150.75),
    ]);

    expect(metrics).toEqual({
      totalAmount: 471.25,
      eventCount: 4,
      timeWindow: '2 minutes',
      byType: [
        { eventType: 'purchase', eventCount: 3, totalAmount: 451.25 },
        { eventType: 'return', eventCount: 0, totalAmount: 0 },
        { eventType: 'refund', eventCount: 1, totalAmount: 20 },
      ],
      from: at('2024-01-15T10:29:00Z'),
      to: at('2024-01-15T10:31:00Z'),
    });
  });

  it('answers zeros for an empty window, and says "1 minute" for one minute', () => {
    const metrics = aggregateMetrics(metricsWindow(at('2024-01-15T10:30:20Z'), 1), []);

    expect(metrics).toMatchObject({ totalAmount: 0, eventCount: 0, timeWindow: '1 minute' });
    expect(metrics.byType.map((type) => type.eventCount)).toEqual([0, 0, 0]);
  });

  it('keeps totals exact to the cent across buckets', () => {
    const metrics = aggregateMetrics(window, [
      bucket('2024-01-15T10:29:00Z', 'purchase', 1, 0.1),
      bucket('2024-01-15T10:30:00Z', 'purchase', 1, 0.2),
    ]);

    expect(metrics.totalAmount).toBe(0.3);
    expect(metrics.byType[0].totalAmount).toBe(0.3);
  });
});
