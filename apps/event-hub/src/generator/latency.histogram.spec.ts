import { LatencyHistogram } from './latency.histogram';

/** Nearest rank over the exact samples: what the histogram must approximate within 1%. */
function exactPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

function histogramOf(values: readonly number[]): LatencyHistogram {
  const histogram = new LatencyHistogram();
  for (const value of values) histogram.record(value);
  return histogram;
}

describe('LatencyHistogram', () => {
  it('has no percentiles before the first sample', () => {
    const histogram = new LatencyHistogram();

    expect(histogram.percentile(50)).toBeNull();
    expect(histogram.largest).toBeNull();
  });

  it('gives the one sample exactly at every percentile', () => {
    const histogram = histogramOf([12.5]);

    expect([50, 95, 99, 100].map((p) => histogram.percentile(p))).toEqual([12.5, 12.5, 12.5, 12.5]);
  });

  it('finds p50, p95 and p99 of 1..100 ms by nearest rank', () => {
    const histogram = histogramOf(Array.from({ length: 100 }, (_, index) => index + 1));

    for (const p of [50, 95, 99]) {
      expect(Math.abs(histogram.percentile(p)! - p) / p).toBeLessThan(0.01);
    }
    expect(histogram.percentile(100)).toBe(100);
  });

  it('sees a slow tail: 98 fast requests and 2 slow ones put p99 on the slow ones', () => {
    const histogram = histogramOf([...Array<number>(98).fill(2), 800, 900]);

    expect(histogram.percentile(50)).toBe(2);
    expect(histogram.percentile(95)).toBe(2);
    expect(histogram.percentile(99)).toBeGreaterThan(790);
    expect(histogram.largest).toBe(900);
  });

  it('stays within 1% of the exact percentile over latencies from microseconds to seconds', () => {
    // A fixed pseudo-random spread: 0.01 ms to 10 s, log-uniform.
    let state = 1;
    const values = Array.from({ length: 50_000 }, () => {
      state = (state * 48_271) % 2_147_483_647;
      return 0.01 * 10 ** ((state / 2_147_483_647) * 6);
    });
    const histogram = histogramOf(values);

    for (const p of [1, 50, 90, 95, 99, 99.9]) {
      const exact = exactPercentile(values, p);
      expect(Math.abs(histogram.percentile(p)! - exact) / exact).toBeLessThan(0.01);
    }
  });

  it('refuses a latency that is no duration and a percentile outside (0, 100]', () => {
    const histogram = histogramOf([1]);

    expect(() => histogram.record(-1)).toThrow(RangeError);
    expect(() => histogram.record(Number.NaN)).toThrow(RangeError);
    expect(() => histogram.percentile(0)).toThrow(RangeError);
    expect(() => histogram.percentile(101)).toThrow(RangeError);
  });
});
