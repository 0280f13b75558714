import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from './clock';
import { EventFactory } from './event.factory';
import type { EventSender } from './event.sender';
import { buildReport, type GeneratorReport } from './generator.report';
import { grpcSender } from './grpc.sender';
import { seededRandom } from './random';
import { runOnSchedule } from './rate.scheduler';
import { restSender } from './rest.sender';
import { RunStats } from './run.stats';

export interface GeneratorOptions {
  protocol: 'rest' | 'grpc';
  /** The REST base URL. */
  url: string;
  /** The gRPC server, host:port. */
  grpcTarget: string;
  /** Target events per second. */
  rate: number;
  /** How long to send; 0 sends until the signal aborts. */
  durationSeconds: number;
  /**
   * Events per request through the batch APIs (REST `POST /events/batch`, gRPC
   * `SendEvents`); unset sends one event per request (`POST /events`, `SendEvent`).
   */
  batch?: number;
  /** Most requests in flight at once. */
  concurrency: number;
  /** Users in the pool the events are spread over. */
  users: number;
  apiKey?: string;
  /** Attach an idempotency key to every event. */
  idempotency: boolean;
  /** The same seed gives the same events (but for their timestamps and keys). */
  seed: string;
  /** A request not answered by then counts as failed. */
  timeoutMs: number;
}

export const DEFAULT_GENERATOR_OPTIONS: GeneratorOptions = {
  protocol: 'rest',
  url: 'http://localhost:8000',
  grpcTarget: 'localhost:50051',
  rate: 10,
  durationSeconds: 10,
  concurrency: 8,
  users: 100,
  idempotency: false,
  seed: '1',
  timeoutMs: 10_000,
};

/** What tests replace: the time, the events' `timestamp`, and the way events are sent. */
export interface GeneratorDependencies {
  /** Aborting stops the run early; in-flight requests still finish and are reported. */
  signal?: AbortSignal;
  clock?: Clock;
  now?: () => Date;
  sender?: EventSender;
}

export interface GeneratorRun {
  /** Live counts, for a progress line. */
  readonly stats: RunStats;
  /** The report, once the last request has finished. */
  readonly done: Promise<GeneratorReport>;
}

/**
 * Sends realistic events to a running event-hub at `options.rate` events a second over REST
 * or gRPC (the seed's `client/event_generator.py`), and reports what it achieved.
 */
export function startGenerator(
  options: GeneratorOptions,
  dependencies: GeneratorDependencies = {},
): GeneratorRun {
  const { signal, clock = systemClock, now } = dependencies;
  const stats = new RunStats();
  const factory = new EventFactory({
    users: options.users,
    random: seededRandom(options.seed),
    now,
    // Fresh per run: a second run with the same seed sends new events, not duplicates.
    idempotencyPrefix: options.idempotency ? `gen-${randomUUID()}` : undefined,
  });
  const batched = options.batch !== undefined;
  const sender = dependencies.sender ?? senderFor(options, batched);
  const perRequest = options.batch ?? 1;

  const run = async (): Promise<GeneratorReport> => {
    try {
      const schedule = await runOnSchedule(
        {
          rate: options.rate,
          batch: perRequest,
          concurrency: options.concurrency,
          durationMs: options.durationSeconds > 0 ? options.durationSeconds * 1000 : Infinity,
        },
        clock,
        async () => {
          const events = factory.take(perRequest);
          const started = clock.now();
          const outcome = await sender.send(events);
          stats.record(outcome, events.length, clock.now() - started);
        },
        signal,
      );
      return buildReport({
        protocol: options.protocol,
        target: options.protocol === 'rest' ? options.url : options.grpcTarget,
        seed: options.seed,
        targetRate: options.rate,
        interrupted: signal?.aborted === true,
        schedule,
        stats,
      });
    } finally {
      await sender.close();
    }
  };
  return { stats, done: run() };
}

function senderFor(options: GeneratorOptions, batch: boolean): EventSender {
  const { apiKey, timeoutMs } = options;
  return options.protocol === 'rest'
    ? restSender({ url: options.url, apiKey, batch, timeoutMs })
    : grpcSender({ target: options.grpcTarget, apiKey, batch, timeoutMs });
}
