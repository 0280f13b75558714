import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { answerWithin } from '../internal/answer-within';
import type { JobCounts } from '../ports/job-queue.port';

/** Buckets for handler and job durations: 1 ms to 30 s. */
const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * A broker lookup slower than this is given up: a broker that does not answer must not hold
 * the scrape past Prometheus' own timeout (10 s by default), which would lose every metric.
 */
export const SCRAPE_LOOKUP_TIMEOUT_MS = 3000;

type LagOf = (topic: string, group: string) => Promise<number>;
type CountsOf = (queue: string) => Promise<JobCounts>;

/**
 * The transport's Prometheus metrics, on the app's registry (`GET /metrics`), fed by the
 * instrumented ports (`InstrumentedPubSub`, `InstrumentedJobQueue`) so that every app gets
 * them without a line of its own. Labels stay bounded: topics, groups, event types and
 * queues are the app's own names, never ids.
 */
export class TransportMetrics {
  readonly published: Counter<'topic' | 'type'>;
  readonly handled: Counter<'topic' | 'group' | 'type' | 'outcome'>;
  readonly handlerDuration: Histogram<'topic' | 'group' | 'outcome'>;
  readonly redelivered: Counter<'topic' | 'group'>;
  readonly retried: Counter<'topic' | 'group'>;
  readonly deadLettered: Counter<'topic'>;
  readonly jobsProcessed: Counter<'queue' | 'outcome'>;
  readonly jobDuration: Histogram<'queue' | 'outcome'>;
  /** Groups this process subscribed with, by `topic\0group`; their lag is read at scrapes. */
  private readonly groups = new Map<string, { topic: string; group: string; lagOf: LagOf }>();
  /** Queues this process added to or works, and how to count their jobs. */
  private readonly queues = new Map<string, CountsOf>();

  constructor(registry: Registry) {
    const registers = [registry];
    // prom-client calls `collect` with the gauge as `this`.
    // oxlint-disable-next-line typescript/no-this-alias
    const metrics = this;
    this.published = new Counter({
      name: 'events_published_total',
      help: 'Events the broker accepted from this process, by topic and event type',
      labelNames: ['topic', 'type'],
      registers,
    });
    this.handled = new Counter({
      name: 'events_handled_total',
      help: 'Events delivered to a handler of this process, by outcome (success: acknowledged; failure: left for redelivery)',
      labelNames: ['topic', 'group', 'type', 'outcome'],
      registers,
    });
    this.handlerDuration = new Histogram({
      name: 'event_handler_duration_seconds',
      help: 'Duration of one handler call (one event, or one batch for batch subscriptions)',
      labelNames: ['topic', 'group', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.redelivered = new Counter({
      name: 'events_redelivered_total',
      help: 'Deliveries of an event the group had delivered before (a failed handler, a member that left or crashed)',
      labelNames: ['topic', 'group'],
      registers,
    });
    this.retried = new Counter({
      name: 'event_handler_retries_total',
      help: 'Attempts the retry middleware made again within one delivery',
      labelNames: ['topic', 'group'],
      registers,
    });
    this.deadLettered = new Counter({
      name: 'events_dead_lettered_total',
      help: 'Events this process published to a dead-letter topic, by the topic they failed on',
      labelNames: ['topic'],
      registers,
    });
    this.jobsProcessed = new Counter({
      name: 'jobs_processed_total',
      help: 'Job runs by workers of this process, by queue and outcome (a failed run may be retried)',
      labelNames: ['queue', 'outcome'],
      registers,
    });
    this.jobDuration = new Histogram({
      name: 'job_duration_seconds',
      help: 'Duration of one job run',
      labelNames: ['queue', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    new Gauge({
      name: 'consumer_group_lag',
      help: 'Events of a topic a consumer group of this process has not acknowledged yet, read from the broker at each scrape',
      labelNames: ['topic', 'group'],
      registers,
      collect: async function (this: Gauge<'topic' | 'group'>) {
        await metrics.collectLag(this);
      },
    });
    new Gauge({
      name: 'job_queue_jobs',
      help: 'Jobs of a queue this process uses, by state (waiting, active, delayed, completed, failed), read at each scrape',
      labelNames: ['queue', 'state'],
      registers,
      collect: async function (this: Gauge<'queue' | 'state'>) {
        await metrics.collectJobs(this);
      },
    });
  }

  /** Reports the lag of `group` on `topic` from now on (see `EventSubscriber.groupLag`). */
  watchGroup(topic: string, group: string, lagOf: LagOf): void {
    this.groups.set(`${topic}\0${group}`, { topic, group, lagOf });
  }

  /** Reports the job counts of `queue` from now on. */
  watchQueue(queue: string, countsOf: CountsOf): void {
    this.queues.set(queue, countsOf);
  }

  private async collectLag(gauge: Gauge<'topic' | 'group'>): Promise<void> {
    await Promise.all(
      [...this.groups.values()].map(async ({ topic, group, lagOf }) => {
        try {
          gauge.set(
            { topic, group },
            await answerWithin(lagOf(topic, group), SCRAPE_LOOKUP_TIMEOUT_MS),
          );
        } catch {
          // Left out rather than stale: an old value would pass for the current lag.
          gauge.remove({ topic, group });
        }
      }),
    );
  }

  private async collectJobs(gauge: Gauge<'queue' | 'state'>): Promise<void> {
    await Promise.all(
      [...this.queues].map(async ([queue, countsOf]) => {
        try {
          const counts = await answerWithin(countsOf(queue), SCRAPE_LOOKUP_TIMEOUT_MS);
          for (const [state, jobs] of Object.entries(counts)) gauge.set({ queue, state }, jobs);
        } catch {
          for (const state of JOB_STATES) gauge.remove({ queue, state });
        }
      }),
    );
  }
}

const JOB_STATES: readonly (keyof JobCounts)[] = [
  'waiting',
  'active',
  'delayed',
  'completed',
  'failed',
];
