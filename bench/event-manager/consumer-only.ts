import { loadavg } from 'node:os';
import { join } from 'node:path';
import { EventManagerConfig } from '../../apps/event-manager/src/event-manager.config';
import { EventCreatedNotifier } from '../../apps/event-manager/src/events/event-created.notifier';
import { EventsService } from '../../apps/event-manager/src/events/events.service';
import { type BootedApp, bootEventManager, type SetupEnv } from './app';
import type { BenchConfig } from './config';
import type { EventsGroupProbe } from './kafka-group';
import { countStored, deleteStored, roundName } from './rows';
import { profiled } from '../common/profile';
import { type StoredRound, StoredEventsWatcher } from './stored-events';

export interface ConsumerOnlyResult {
  readonly events: number;
  readonly batchSize: number;
  readonly concurrency: number;
  /** Events of others the group had not stored yet, drained (untimed) before pre-filling. */
  readonly backlogDrained: number;
  /** Events the group had to store when the consumer started: M, plus any of others'. */
  readonly lagAtStart: number;
  /** How fast `createAsync` pre-filled the topic (informative). */
  readonly prefillPerSecond: number;
  /** `NestFactory.create` to the app being up (migrations checked, consumer in its group). */
  readonly bootMs: number;
  /** Events / (create to last row stored): the consumer process from its start. */
  readonly fromStartPerSecond: number;
  /** Events / (app up to last row stored): storing only. */
  readonly fromReadyPerSecond: number;
  /**
   * CPU time of the consumer's process (all its threads, the bench's own watching included)
   * per event stored, from the app being up to the last row; PostgreSQL's work is not in it.
   * It moves much less with other processes' load on the machine than the rates do.
   */
  readonly cpuUsPerEvent: number;
  readonly loadAverage: number;
}

/** Events produced at once while pre-filling (the adapter packs them into produce requests). */
const PREFILL_CHUNK = 1000;

/**
 * The consumer alone on a pre-filled `events` topic: with no consumer of the group running,
 * an API-only app (not listening) produces M events through `EventsService.createAsync`,
 * the very code behind `createEventAsync`; then a consumer-only app starts and the clock runs
 * until all M rows are stored, then counted in the database.
 */
export async function measureConsumerOnly(
  env: SetupEnv,
  config: BenchConfig,
  probe: EventsGroupProbe,
  runId: string,
): Promise<ConsumerOnlyResult> {
  const name = roundName(runId, 'consumer');
  const timeoutMs = config.timeoutMs;
  await probe.waitUntil(
    'the events group has members of another process',
    () => probe.members(),
    (n) => n === 0,
    60_000,
  );
  const backlogDrained = await probe.lag();
  if (backlogDrained > 0) await drain(env, probe, timeoutMs);

  const prefillPerSecond = await prefill(env, name, config.prefillEvents);
  const lagAtStart = await probe.waitUntil(
    'the pre-filled events are not all on the topic',
    () => probe.lag(),
    (lag) => lag >= config.prefillEvents,
    timeoutMs,
  );

  const profile = config.profileDir && join(config.profileDir, `consumer-${runId}.cpuprofile`);
  const run = await profiled(profile, () =>
    consume(env, { runId, name, count: config.prefillEvents, timeoutMs }),
  );
  try {
    const { booted, stored } = run;
    const rows = await countStored(booted.app, name);
    if (rows !== config.prefillEvents || stored.duplicateCount > 0) {
      throw new Error(
        `${name}: ${rows} rows and ${stored.duplicateCount} duplicate announcements for ` +
          `${config.prefillEvents} events`,
      );
    }
    const appConfig = booted.app.get(EventManagerConfig);
    const perSecond = (ms: number) => (config.prefillEvents * 1000) / ms;
    return {
      events: config.prefillEvents,
      batchSize: appConfig.CONSUMER_BATCH_SIZE,
      concurrency: appConfig.CONSUMER_CONCURRENCY,
      backlogDrained,
      lagAtStart,
      prefillPerSecond,
      bootMs: booted.readyAt - booted.startedAt,
      fromStartPerSecond: perSecond(stored.last - booted.startedAt),
      fromReadyPerSecond: perSecond(stored.last - booted.readyAt),
      cpuUsPerEvent: (run.cpuMs * 1000) / config.prefillEvents,
      loadAverage: loadavg()[0],
    };
  } finally {
    await run.close(!config.keepRows);
  }
}

interface ConsumerRun {
  readonly booted: BootedApp;
  readonly stored: StoredRound;
  /** CPU time of this process (all threads) from the app being up to the last row stored. */
  readonly cpuMs: number;
  /** Stops watching and closes the app, deleting the round's rows first if asked. */
  close(deleteRows: boolean): Promise<void>;
}

/** Boots a consumer-only app and resolves once it stored the round's `count` events. */
async function consume(
  env: SetupEnv,
  round: {
    readonly runId: string;
    readonly name: string;
    readonly count: number;
    readonly timeoutMs: number;
  },
): Promise<ConsumerRun> {
  const hooked: { watcher?: StoredEventsWatcher; stored?: StoredRound } = {};
  const booted = await bootEventManager('consumer', env, {
    listen: false,
    onCreated: (app) => {
      hooked.watcher = new StoredEventsWatcher(app.get(EventCreatedNotifier));
      hooked.stored = hooked.watcher.track(round.name, round.count);
    },
  });
  const close = async (deleteRows: boolean) => {
    try {
      if (deleteRows) await deleteStored(booted.app, round.runId);
      await hooked.watcher?.stop();
    } finally {
      await booted.app.close();
    }
  };
  try {
    if (!hooked.stored) throw new Error('bootEventManager did not call onCreated');
    await hooked.stored.allStored(round.timeoutMs);
    const cpu = process.cpuUsage(booted.cpuAtReady);
    return { booted, stored: hooked.stored, cpuMs: (cpu.user + cpu.system) / 1000, close };
  } catch (error) {
    await close(true);
    throw error;
  }
}

async function prefill(env: SetupEnv, name: string, count: number): Promise<number> {
  const booted = await bootEventManager('api', env, { listen: false });
  try {
    const events = booted.app.get(EventsService);
    const started = performance.now();
    for (let from = 0; from < count; from += PREFILL_CHUNK) {
      const chunk = Array.from({ length: Math.min(PREFILL_CHUNK, count - from) }, (_, i) =>
        events.createAsync({ name, source: 'users', description: String(from + i) }),
      );
      await Promise.all(chunk);
    }
    return (count * 1000) / (performance.now() - started);
  } finally {
    await booted.app.close();
  }
}

/** Lets a consumer store what others left on the topic, so it is not counted in the run. */
async function drain(env: SetupEnv, probe: EventsGroupProbe, timeoutMs: number): Promise<void> {
  const booted = await bootEventManager('consumer', env, { listen: false });
  try {
    await probe.waitUntil(
      'draining the events backlog',
      () => probe.lag(),
      (lag) => lag === 0,
      timeoutMs,
    );
  } finally {
    await booted.app.close();
  }
}
