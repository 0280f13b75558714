/**
 * Request latencies for the report's percentiles in constant memory: a run "until Ctrl-C"
 * at thousands of requests a second would otherwise keep every sample. Buckets grow by 1%,
 * so a percentile is within 1% of the exact (nearest-rank) value; the smallest and largest
 * samples are kept exactly, and no percentile lies outside them.
 */
export class LatencyHistogram {
  /** Relative width of a bucket: values within 1% of each other may share one. */
  private static readonly GROWTH = 1.01;
  /** Latencies below this (1 µs) share the first bucket. */
  private static readonly FLOOR_MS = 0.001;

  private readonly counts = new Map<number, number>();
  private total = 0;
  private min = Infinity;
  private max = -Infinity;

  get count(): number {
    return this.total;
  }

  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`not a latency: ${ms}`);
    const bucket = LatencyHistogram.bucketOf(ms);
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.total += 1;
    this.min = Math.min(this.min, ms);
    this.max = Math.max(this.max, ms);
  }

  /**
   * The nearest-rank `p`-th percentile (0 < p <= 100), to within 1%; null before any sample.
   * Nearest rank: the smallest sample with at least p% of the samples at or below it.
   */
  percentile(p: number): number | null {
    if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], not ${p}`);
    if (this.total === 0) return null;
    const rank = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket)!;
      if (seen >= rank) {
        // The bucket's middle, kept within what was actually seen.
        const middle = LatencyHistogram.FLOOR_MS * LatencyHistogram.GROWTH ** (bucket + 0.5);
        return Math.min(Math.max(middle, this.min), this.max);
      }
    }
    return this.max;
  }

  get largest(): number | null {
    return this.total === 0 ? null : this.max;
  }

  private static bucketOf(ms: number): number {
    if (ms <= LatencyHistogram.FLOOR_MS) return 0;
    return Math.floor(Math.log(ms / LatencyHistogram.FLOOR_MS) / Math.log(LatencyHistogram.GROWTH));
  }
}
