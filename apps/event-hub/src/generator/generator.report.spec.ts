import type { SendOutcome } from './event.sender';
import {
  buildReport,
  exitCode,
  formatProgress,
  formatReport,
  type GeneratorReport,
  type ReportInput,
} from './generator.report';
import type { ScheduleResult } from './rate.scheduler';
import { RunStats } from './run.stats';

const ACCEPTED: SendOutcome = { status: 'accepted', accepted: 1, duplicates: 0 };

function statsOf(...requests: [SendOutcome, number, number][]): RunStats {
  const stats = new RunStats();
  for (const [outcome, events, latency] of requests) stats.record(outcome, events, latency);
  return stats;
}

function report(
  stats: RunStats,
  schedule: Partial<ScheduleResult> = {},
  input: Partial<ReportInput> = {},
) {
  return buildReport({
    protocol: 'rest',
    target: 'http://localhost:8000',
    seed: '42',
    targetRate: 10,
    interrupted: false,
    schedule: { requests: 10, startedAt: 0, endedAt: 905, scheduledMs: 1000, ...schedule },
    stats,
    ...input,
  });
}

describe('generator report', () => {
  it('counts events by outcome and keeps the first message of each kind of error', () => {
    const stats = statsOf(
      [ACCEPTED, 1, 2],
      [{ status: 'accepted', accepted: 10, duplicates: 3 }, 10, 4],
      [{ status: 'rejected', message: '400 Bad Request: amount: must not be negative' }, 5, 1],
      [{ status: 'rejected', message: '401 Unauthorized: missing API key' }, 1, 1],
      [{ status: 'failed', message: 'no answer within 10000 ms' }, 2, 10_000],
    );

    expect(report(stats)).toMatchObject({
      requests: 5,
      sent: 19,
      accepted: 11,
      duplicates: 3,
      rejected: 6,
      failed: 2,
      firstRejection: '400 Bad Request: amount: must not be negative',
      firstFailure: 'no answer within 10000 ms',
    });
  });

  it('takes the rate over the scheduled span: 10 requests 100 ms apart are 10 events/s', () => {
    const stats = statsOf(
      ...Array.from({ length: 10 }, (): [SendOutcome, number, number] => [ACCEPTED, 1, 5]),
    );

    const result = report(stats, { startedAt: 0, endedAt: 905, scheduledMs: 1000 });

    expect(result.durationSeconds).toBe(1);
    expect(result.achievedRate).toBe(10);
    expect(result.acceptedRate).toBe(10);
    expect(result.belowTarget).toBe(false);
  });

  it('says the rate is below target when the hub took longer than the schedule', () => {
    const stats = statsOf(
      ...Array.from({ length: 8 }, (): [SendOutcome, number, number] => [ACCEPTED, 1, 250]),
    );

    const result = report(
      stats,
      { requests: 8, endedAt: 1050, scheduledMs: 400 },
      { targetRate: 20 },
    );

    expect(result.durationSeconds).toBe(1.05);
    expect(result.achievedRate).toBeCloseTo(7.62, 2);
    expect(result.belowTarget).toBe(true);
    expect(formatReport(result)).toContain('achieved   7.6 events/s, below the target of 20.0');
  });

  it('gives request latency percentiles, and none for a run without requests', () => {
    const latencies = Array.from({ length: 100 }, (_, index): [SendOutcome, number, number] => [
      ACCEPTED,
      1,
      index < 98 ? 3 : 500,
    ]);

    const { latencyMs } = report(statsOf(...latencies));

    expect(latencyMs.p50).toBe(3);
    expect(latencyMs.p95).toBe(3);
    expect(latencyMs.p99).toBeGreaterThan(495);
    expect(latencyMs.max).toBe(500);
    expect(report(new RunStats(), { requests: 0, endedAt: 0, scheduledMs: 0 })).toMatchObject({
      sent: 0,
      achievedRate: 0,
      latencyMs: { p50: null, p95: null, p99: null, max: null },
    });
  });

  it('exits 0 only when every event sent was accepted', () => {
    const base = report(statsOf([ACCEPTED, 1, 1]));
    const variants: [Partial<GeneratorReport>, 0 | 1][] = [
      [{}, 0],
      [{ duplicates: 1 }, 0],
      [{ rejected: 1, sent: 2 }, 1],
      [{ failed: 1, sent: 2 }, 1],
      [{ sent: 0, accepted: 0 }, 1],
    ];

    for (const [change, code] of variants) expect(exitCode({ ...base, ...change })).toBe(code);
  });

  it('prints every figure a person checks, with the first error messages', () => {
    const stats = statsOf(
      [ACCEPTED, 1, 2],
      [{ status: 'rejected', message: 'INVALID_ARGUMENT: amount: must not be negative' }, 1, 1],
    );

    const text = formatReport(
      report(stats, {}, { protocol: 'grpc', target: 'localhost:50051', interrupted: true }),
    );

    expect(text.split('\n')).toEqual([
      'event-hub generator: grpc localhost:50051, target 10.0 events/s (seed 42)',
      '  duration   1.00 s (interrupted)',
      '  sent       2 events in 2 requests',
      '  accepted   1',
      '  rejected   1  first: INVALID_ARGUMENT: amount: must not be negative',
      '  failed     0',
      '  achieved   2.0 events/s (1.0 accepted), below the target of 10.0',
      '  latency    p50 1.0 ms  p95 2.0 ms  p99 2.0 ms  max 2.0 ms',
    ]);
  });

  it('prints progress as totals and the rate over the last interval', () => {
    const before = { requests: 10, sent: 10, accepted: 10, duplicates: 0, rejected: 0, failed: 0 };
    const now = { requests: 22, sent: 22, accepted: 20, duplicates: 0, rejected: 1, failed: 1 };

    expect(formatProgress(now, before, 2, 1)).toBe(
      '   2 s  sent 22  accepted 20  errors 2  12.0 events/s',
    );
  });
});
