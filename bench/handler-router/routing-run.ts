import type { INestApplication } from '@nestjs/common';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { deleteRun, waitForAuditRows, watchJoin } from './audit-rows';
import { benchLogger } from './bench-logger';
import type { BenchConfig } from './config';
import { profiled } from '../common/profile';
import { bootRouter, type SetupEnv } from './router-app';
import type { RoutedEvent } from './seed-events';

export interface RoutingRound {
  /** Part of the profile's file name: `router-<name>-<epoch ms>.cpuprofile`. */
  readonly name: string;
  readonly env: SetupEnv;
  /** The run's acting user: its audit rows are the ones counted. */
  readonly userId: string;
  readonly events: readonly RoutedEvent[];
  /** Runs once the app is up, before waiting for the rows (the embedded bus is fed here). */
  readonly afterBoot?: (app: INestApplication) => Promise<void>;
}

export interface RoutingRun {
  readonly app: INestApplication;
  /** `performance.now()`: create called, init resolved, router joined, last row stored. */
  readonly startedAt: number;
  readonly readyAt: number;
  readonly joinedAt: number;
  readonly storedAt: number;
  /** Redelivered events the router skipped as handled before. */
  readonly duplicates: number;
  /** CPU time of this process (all threads) from the boot to the last row stored. */
  readonly cpuUs: number;
  readonly loadBefore: number;
  readonly errorsLogged: number;
  /** Deletes the run's rows (unless BENCH_KEEP_ROWS) and closes the app. */
  close(): Promise<void>;
}

/**
 * Boots a ROLE=router app and resolves once the database holds the round's audit rows,
 * under the CPU profiler when BENCH_PROFILE_DIR is set. On failure the app is closed and
 * the rows stored so far are deleted.
 */
export async function runRouter(config: BenchConfig, round: RoutingRound): Promise<RoutingRun> {
  const loadBefore = loadavg()[0];
  const errorsBefore = benchLogger.errorCount;
  const profile =
    config.profileDir && join(config.profileDir, `router-${round.name}-${Date.now()}.cpuprofile`);
  const cpuBefore = process.cpuUsage();
  return profiled(profile, async () => {
    const booted = await bootRouter(round.env, config);
    const close = async (): Promise<void> => {
      try {
        if (!config.keepRows) {
          const ids = round.events.map(({ event }) => event.id);
          await deleteRun(booted.app, round.userId, ids);
        }
      } finally {
        await booted.app.close();
      }
    };
    let joinedAt = Number.NaN;
    const stopWatching = watchJoin(booted.app, (at) => (joinedAt = at));
    try {
      await round.afterBoot?.(booted.app);
      const expected = round.events.length;
      const stored = await waitForAuditRows(booted.app, round.userId, expected, config.timeoutMs);
      const cpu = process.cpuUsage(cpuBefore);
      return {
        ...booted,
        ...stored,
        joinedAt,
        cpuUs: cpu.user + cpu.system,
        loadBefore,
        errorsLogged: benchLogger.errorCount - errorsBefore,
        close,
      };
    } catch (error) {
      await close().catch(() => undefined);
      throw error;
    } finally {
      stopWatching();
    }
  });
}
