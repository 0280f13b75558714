import type { INestApplication } from '@nestjs/common';
import { loadavg } from 'node:os';
import { EventCreatedNotifier } from '../../apps/event-manager/src/events/event-created.notifier';
import { bootEventManager, type SetupEnv } from './app';
import type { BenchConfig } from './config';
import { type MutationName, runLoad } from './http-load';
import { differences, type LatencySummary, maxBacklog, summarize } from './latency';
import { countStored, deleteStored, roundName } from './rows';
import { StoredEventsWatcher } from './stored-events';

export interface EndToEndResult {
  readonly setup: string;
  readonly mutation: MutationName;
  readonly events: number;
  readonly clients: number;
  /** Answered mutations per second, first sent to last answered. */
  readonly acceptedPerSecond: number;
  /** Stored rows per second, first mutation sent to last row stored. */
  readonly storedPerSecond: number;
  /** Mutation sent to its answer. */
  readonly request: LatencySummary;
  /** Mutation sent to its row stored (announced by the app). */
  readonly toStored: LatencySummary;
  /** Last answer (the load stops) to last row stored; 0 when every row came first. */
  readonly lagClearedMs: number;
  /** Most events answered but not stored at any moment. */
  readonly maxBacklog: number;
  /**
   * CPU time of the process per mutation, from the first sent to the last row stored: the
   * app's, and the load generator's (its HTTP clients run in the same process).
   */
  readonly cpuUsPerEvent: number;
  /** 1-minute load average when the round ended. */
  readonly loadAverage: number;
}

export interface EndToEndSetup {
  readonly label: string;
  readonly env: SetupEnv;
  /** Runs once the app is up, before any load (e.g. waiting for a Kafka backlog to drain). */
  readonly beforeLoad?: () => Promise<void>;
}

const ORDER: readonly MutationName[] = ['createEventAsync', 'createEvent'];

/**
 * One app with both roles (API and consumer, the default) on one setup: an unmeasured round
 * of each mutation, then the measured rounds, `createEventAsync` then `createEvent`, each
 * waiting until all its rows are stored and counted in the database before the next.
 */
export async function measureEndToEnd(
  setup: EndToEndSetup,
  config: BenchConfig,
  runId: string,
): Promise<EndToEndResult[]> {
  const hooked: { watcher?: StoredEventsWatcher } = {};
  const booted = await bootEventManager('all', setup.env, {
    listen: true,
    onCreated: (app) => (hooked.watcher = new StoredEventsWatcher(app.get(EventCreatedNotifier))),
  });
  try {
    const { watcher } = hooked;
    const { graphqlUrl } = booted;
    if (!watcher || !graphqlUrl) throw new Error('bootEventManager did not hook or listen');
    await setup.beforeLoad?.();
    const round = (mutation: MutationName, phase: 'w' | 'm', events: number) =>
      measureRound({
        setup: setup.label,
        graphqlUrl,
        watcher,
        app: booted.app,
        mutation,
        name: roundName(runId, `${setup.label}-${mutation}-${phase}`),
        events,
        clients: config.clients,
        timeoutMs: config.timeoutMs,
      });
    if (config.warmupEvents > 0) {
      for (const mutation of ORDER) await round(mutation, 'w', config.warmupEvents);
    }
    const results: EndToEndResult[] = [];
    for (const mutation of ORDER) results.push(await round(mutation, 'm', config.events));
    return results;
  } finally {
    try {
      if (!config.keepRows) await deleteStored(booted.app, runId);
      await hooked.watcher?.stop();
    } finally {
      await booted.app.close();
    }
  }
}

interface RoundParams {
  readonly setup: string;
  readonly graphqlUrl: string;
  readonly watcher: StoredEventsWatcher;
  readonly app: INestApplication;
  readonly mutation: MutationName;
  readonly name: string;
  readonly events: number;
  readonly clients: number;
  readonly timeoutMs: number;
}

async function measureRound(params: RoundParams): Promise<EndToEndResult> {
  const { name, events, mutation } = params;
  const stored = params.watcher.track(name, events);
  const cpuBefore = process.cpuUsage();
  const load = await runLoad({ ...params, count: events });
  await stored.allStored(params.timeoutMs);
  const cpu = process.cpuUsage(cpuBefore);
  const rows = await countStored(params.app, name);
  if (rows !== events || stored.duplicateCount > 0) {
    throw new Error(
      `${name}: ${rows} rows in the database and ${stored.duplicateCount} duplicate ` +
        `announcements for ${events} events`,
    );
  }
  const seconds = (ms: number) => ms / 1000;
  return {
    setup: params.setup,
    mutation,
    events,
    clients: params.clients,
    acceptedPerSecond: events / seconds(load.endedAt - load.startedAt),
    storedPerSecond: events / seconds(stored.last - load.startedAt),
    request: summarize(differences(load.sentAt, load.answeredAt)),
    toStored: summarize(differences(load.sentAt, stored.storedAt)),
    lagClearedMs: Math.max(0, stored.last - load.endedAt),
    maxBacklog: maxBacklog(load.answeredAt, stored.storedAt),
    cpuUsPerEvent: (cpu.user + cpu.system) / events,
    loadAverage: loadavg()[0],
  };
}
