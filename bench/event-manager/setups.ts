import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SetupEnv } from './app';
import type { BenchConfig } from './config';
import { type EndToEndResult, measureEndToEnd } from './end-to-end';
import { EventsGroupProbe } from './kafka-group';

/** The embedded default: in-memory bus, SQLite file in a fresh temp dir. */
export async function embedded(config: BenchConfig, runId: string): Promise<EndToEndResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-event-manager-'));
  try {
    const file = join(dir, 'event-manager.sqlite');
    const env = { DATABASE_URL: `sqlite:${file}`, KAFKA_BROKERS: undefined };
    return await measureEndToEnd({ label: 'embedded', env }, config, runId);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Kafka + PostgreSQL. Waits for the group on `events` to be free of other processes' members
 * (they would take partitions, and so events, away), then, with the app up, for its consumer
 * to join and store what others left on the topic, so that no one else's events are in the
 * figures.
 */
export async function onKafka(
  env: SetupEnv,
  config: BenchConfig,
  runId: string,
): Promise<EndToEndResult[]> {
  const probe = await EventsGroupProbe.connect(config.kafkaBrokers);
  try {
    await probe.waitUntil(
      'the events group has members of another process',
      () => probe.members(),
      (members) => members === 0,
      60_000,
    );
    const beforeLoad = async () => {
      // The app's consumer joins in the background: the load waits for it to be in the group.
      await probe.waitUntil(
        'the app joining the events group',
        () => probe.members(),
        (members) => members >= 1,
        config.timeoutMs,
      );
      await probe.waitUntil(
        'draining the events backlog',
        () => probe.lag(),
        (lag) => lag === 0,
        config.timeoutMs,
      );
    };
    return await measureEndToEnd({ label: 'kafka+postgresql', env, beforeLoad }, config, runId);
  } finally {
    await probe.close();
  }
}
