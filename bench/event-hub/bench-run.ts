import { loadavg } from 'node:os';
import { join } from 'node:path';
import { EventHubConfig } from '../../apps/event-hub/src/event-hub.config';
import type { BenchProcess } from './bench-process';
import type { LoadResult } from './closed-loop';
import type { BenchConfig, BenchMode } from './config';
import type { EventPool } from './event-pool';
import { runGrpcLoad } from './grpc-load';
import { runHttpLoad } from './http-load';
import type { HubProcesses } from './hub-processes';
import { runMongoInsertLoad } from './mongo-insert';
import {
  type PhaseContext,
  type PhaseMode,
  type PhaseResult,
  runPhase,
  type Target,
} from './phase';
import { summarizeProfile, summaryText } from './profile-summary';
import type { StreamProbe } from './stream-groups';

/** The storage consumer's defaults, which the inserts-alone load copies. */
const APP_DEFAULTS = new EventHubConfig();

/** Where the run's data goes, for the loads and the clean-up. */
export interface RunNames {
  readonly stream: string;
  readonly baselineStream: string;
  readonly mongoUrl: string;
  readonly runId: string;
}

/** One mode's loads: on the hub, and on the baseline where there is one. */
interface ModeLoads {
  readonly inFlight: number;
  readonly hub: (seconds: number) => Promise<LoadResult>;
  readonly baseline?: (seconds: number) => Promise<LoadResult>;
}

/**
 * The loads of one benchmark run against one set of processes: each a phase (load, then the
 * groups catching up), the hub's accepted events counted for the final check in MongoDB.
 */
export class BenchRun {
  /** Events the hub accepted in the run, warm-up and profiled loads included. */
  hubEvents = 0;
  /** The size of a stream entry, hub and baseline, read after their first load. */
  readonly entryBytes: Record<Target, number | undefined> = { hub: undefined, baseline: undefined };
  private readonly loads: Record<BenchMode, ModeLoads>;
  private readonly startedAt = Date.now();

  constructor(
    config: BenchConfig,
    private readonly hub: HubProcesses,
    private readonly probe: StreamProbe,
    private readonly pool: EventPool,
    private readonly names: RunNames,
    private readonly context: PhaseContext,
  ) {
    this.loads = modeLoads(config, hub, pool);
  }

  hasBaseline(mode: BenchMode): boolean {
    return this.loads[mode].baseline !== undefined;
  }

  /** One load of `mode` on `target`. */
  async ingest(mode: BenchMode, target: Target, seconds: number): Promise<PhaseResult> {
    const load = target === 'hub' ? this.loads[mode].hub : this.loads[mode].baseline;
    if (!load) throw new Error(`no ${target} load for ${mode}`);
    return this.phase(mode, target, () => load(seconds));
  }

  /**
   * REST single with the consumers and the gRPC server frozen during the load (SIGSTOP),
   * then thawed to catch up: the API's rate when it has the machine to itself, beside
   * Redis and the clients, as the baseline has.
   */
  async singleWithOthersPaused(seconds: number): Promise<PhaseResult> {
    const others = [this.hub.storage, this.hub.metrics, this.hub.grpc];
    return this.phase('single-paused', 'hub', () =>
      withPaused(others, () => this.loads.single.hub(seconds)),
    );
  }

  /** `insertMany` alone, as the storage consumer writes (STORAGE_BATCH_SIZE, _CONCURRENCY). */
  inserts(seconds: number): Promise<PhaseResult> {
    return this.phase('store', 'baseline', () =>
      runMongoInsertLoad({
        mongoUrl: this.names.mongoUrl,
        batches: this.pool.streams.map((events) =>
          events.slice(0, APP_DEFAULTS.STORAGE_BATCH_SIZE),
        ),
        clients: APP_DEFAULTS.STORAGE_CONCURRENCY,
        seconds,
      }),
    );
  }

  /**
   * A load of `mode` on the hub while the process serving it (the API, or the gRPC server)
   * profiles its CPU, the hub's other processes frozen meanwhile: V8's profiler samples the
   * wall clock, so on a machine with more runnable processes than cores its samples would
   * count the waits for a core as the work the thread was in (a socket write that woke
   * Redis, mostly). Returns the profile's summary.
   */
  async profiled(mode: BenchMode, directory: string, seconds: number): Promise<string> {
    const server = mode === 'grpc' ? this.hub.grpc : this.hub.api;
    const others = [this.hub.api, this.hub.grpc, this.hub.storage, this.hub.metrics].filter(
      (process) => process !== server,
    );
    const file = join(directory, `event-hub-${mode}-${this.names.runId}.cpuprofile`);
    const result = await this.phase(mode, 'hub', () =>
      withPaused(others, () => server.profiled(file, () => this.loads[mode].hub(seconds))),
    );
    const cores = result.coresDuringLoad[server.name];
    return (
      `CPU profile of the ${server.name} process during ${seconds} s of ${mode}, the hub's ` +
      `other processes paused (${Math.round(result.acceptedPerSecond).toLocaleString('en-US')} ` +
      `events/s, the process using ${cores === undefined ? '?' : cores.toFixed(2)} cores; ${file}):\n` +
      summaryText(summarizeProfile(file))
    );
  }

  private async phase(
    mode: PhaseMode,
    target: Target,
    load: () => Promise<LoadResult>,
  ): Promise<PhaseResult> {
    const inFlight =
      mode === 'store'
        ? APP_DEFAULTS.STORAGE_CONCURRENCY
        : this.loads[mode === 'single-paused' ? 'single' : mode].inFlight;
    const result = await runPhase(this.context, { mode, target, inFlight }, load);
    if (mode !== 'store') {
      const stream = target === 'hub' ? this.names.stream : this.names.baselineStream;
      this.entryBytes[target] ??= await this.probe.newestEntryBytes(stream);
    }
    if (target === 'hub') {
      this.hubEvents += result.load.events;
      // Every entry is acknowledged by both groups: the next load starts on an empty stream.
      if (result.groups.every((group) => group.caughtUpAfterMs !== undefined)) {
        await this.probe.trimAll(this.names.stream);
      }
    } else if (mode !== 'store') {
      // Nobody reads the baseline's stream: emptied after each load, it holds no memory.
      await this.probe.delete(this.names.baselineStream);
    }
    const caughtUp = result.groups
      .map(({ group, caughtUpAfterMs }) => `${group} ${caughtUpAfterMs ?? 'never'}`)
      .join(', ');
    console.error(
      `bench: ${((Date.now() - this.startedAt) / 1000).toFixed(0)} s: ${mode} on the ` +
        `${target}: ${Math.round(result.acceptedPerSecond)} events/s` +
        `${caughtUp ? `, caught up after (ms): ${caughtUp}` : ''} ` +
        `(load average ${loadavg()[0].toFixed(2)})`,
    );
    return result;
  }
}

function modeLoads(
  config: BenchConfig,
  hub: HubProcesses,
  pool: EventPool,
): Record<BenchMode, ModeLoads> {
  const http = (url: string, batch: boolean) => (seconds: number) =>
    runHttpLoad({
      url,
      path: batch ? '/events/batch' : '/events',
      bodies: batch ? pool.batchBodies : pool.singleBodies,
      eventsPerBody: batch ? pool.batchSize : 1,
      clients: batch ? config.batchClients : config.clients,
      seconds,
    });
  return {
    single: {
      inFlight: config.clients,
      hub: http(hub.api.url, false),
      baseline: http(hub.baseline.url, false),
    },
    batch: {
      inFlight: config.batchClients,
      hub: http(hub.api.url, true),
      baseline: http(hub.baseline.url, true),
    },
    grpc: {
      inFlight: config.grpcStreams,
      hub: (seconds) =>
        runGrpcLoad({
          target: hub.grpcTarget,
          streams: pool.streams,
          clients: config.grpcStreams,
          seconds,
        }),
    },
  };
}

/** Runs `work` with `processes` frozen (SIGSTOP), thawing them however it ends. */
async function withPaused<T>(
  processes: readonly BenchProcess[],
  work: () => Promise<T>,
): Promise<T> {
  for (const process of processes) process.pause();
  try {
    return await work();
  } finally {
    for (const process of processes) process.resume();
  }
}
