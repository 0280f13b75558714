import type { ScheduleResult } from './rate.scheduler';
import type { RunCounts, RunStats } from './run.stats';

/**
 * Below this share of the target, the report says the rate was not reached. A little slack,
 * since a run's last request may finish a few milliseconds after its window.
 */
export const TARGET_TOLERANCE = 0.95;

/** What a generator run achieved: printed as text, or as this JSON with `--json`. */
export interface GeneratorReport extends RunCounts {
  protocol: 'rest' | 'grpc';
  /** The URL or host:port the events went to. */
  target: string;
  /** Gives the same events again with `--seed`. */
  seed: string;
  targetRate: number;
  /** From the first request until the last one finished, or its scheduled slot ended. */
  durationSeconds: number;
  /** Stopped early by Ctrl-C (SIGINT). */
  interrupted: boolean;
  /** Events answered (accepted, rejected or failed) per second: what the hub kept up with. */
  achievedRate: number;
  /** Events accepted per second. */
  acceptedRate: number;
  belowTarget: boolean;
  firstRejection: string | null;
  firstFailure: string | null;
  /** Request latency, not per event: a batch is one request. Null before any request. */
  latencyMs: { p50: number | null; p95: number | null; p99: number | null; max: number | null };
}

export interface ReportInput {
  protocol: GeneratorReport['protocol'];
  target: string;
  seed: string;
  targetRate: number;
  interrupted: boolean;
  schedule: ScheduleResult;
  stats: RunStats;
}

export function buildReport(input: ReportInput): GeneratorReport {
  const { schedule, stats } = input;
  // A run that kept up finishes its last request inside its last slot: count the whole slot,
  // or n requests 1/rate apart would look like n events in (n - 1)/rate seconds.
  const ms = Math.max(schedule.endedAt - schedule.startedAt, schedule.scheduledMs);
  const counts = stats.snapshot();
  const perSecond = (events: number) => (ms > 0 ? (events * 1000) / ms : 0);
  const achievedRate = perSecond(counts.sent);
  return {
    protocol: input.protocol,
    target: input.target,
    seed: input.seed,
    targetRate: input.targetRate,
    durationSeconds: ms / 1000,
    interrupted: input.interrupted,
    ...counts,
    achievedRate,
    acceptedRate: perSecond(counts.accepted),
    belowTarget: achievedRate < input.targetRate * TARGET_TOLERANCE,
    firstRejection: stats.firstRejection,
    firstFailure: stats.firstFailure,
    latencyMs: {
      p50: stats.latency.percentile(50),
      p95: stats.latency.percentile(95),
      p99: stats.latency.percentile(99),
      max: stats.latency.largest,
    },
  };
}

/** 0 when every event sent was accepted (and at least one was sent), 1 otherwise. */
export function exitCode(report: GeneratorReport): 0 | 1 {
  const allAccepted =
    report.sent > 0 &&
    report.accepted === report.sent &&
    report.rejected === 0 &&
    report.failed === 0;
  return allAccepted ? 0 : 1;
}

/** The report for a person: one fact a line. */
export function formatReport(report: GeneratorReport): string {
  const { latencyMs: latency } = report;
  const lines = [
    `event-hub generator: ${report.protocol} ${report.target}, target ${rate(report.targetRate)} events/s (seed ${report.seed})`,
    `  duration   ${report.durationSeconds.toFixed(2)} s${report.interrupted ? ' (interrupted)' : ''}`,
    `  sent       ${report.sent} events in ${report.requests} requests`,
    `  accepted   ${report.accepted}${report.duplicates > 0 ? ` (${report.duplicates} duplicates)` : ''}`,
    `  rejected   ${report.rejected}${report.firstRejection ? `  first: ${report.firstRejection}` : ''}`,
    `  failed     ${report.failed}${report.firstFailure ? `  first: ${report.firstFailure}` : ''}`,
    `  achieved   ${rate(report.achievedRate)} events/s` +
      (report.accepted < report.sent ? ` (${rate(report.acceptedRate)} accepted)` : '') +
      (report.belowTarget ? `, below the target of ${rate(report.targetRate)}` : ''),
    `  latency    p50 ${ms(latency.p50)}  p95 ${ms(latency.p95)}  p99 ${ms(latency.p99)}  max ${ms(latency.max)}`,
  ];
  return lines.join('\n');
}

/** One progress line: totals so far and the rate over the last interval. */
export function formatProgress(
  now: RunCounts,
  before: RunCounts,
  elapsedSeconds: number,
  intervalSeconds: number,
): string {
  const current = intervalSeconds > 0 ? (now.sent - before.sent) / intervalSeconds : 0;
  return (
    `${elapsedSeconds.toFixed(0).padStart(4)} s  sent ${now.sent}  accepted ${now.accepted}  ` +
    `errors ${now.rejected + now.failed}  ${rate(current)} events/s`
  );
}

function rate(value: number): string {
  return value.toFixed(value >= 100 ? 0 : 1);
}

function ms(value: number | null): string {
  return value === null ? '-' : `${value.toFixed(value >= 100 ? 0 : 1)} ms`;
}
