/*
 * handler-router benchmark (issue 14, "Throughput"): M events of the seed's kinds are routed
 * by (topic, event name) to the seed's handlers and audited, by the real app module booted
 * in this process with ROLE=router.
 *
 * - kafka: the M events are pre-loaded on `user_events` and `role_events` (deleted and
 *   created again first, with the router's groups, so nothing older is routed) while no
 *   router runs; then the router starts and the clock runs until PostgreSQL holds all M
 *   audit rows. Target: at least 10,000 events/s.
 * - embedded: the in-memory bus and a SQLite file in a temporary directory; the M events
 *   are published through the app's EVENT_PUBLISHER once it is up, timed from the first
 *   publish to the last audit row stored.
 *
 *   npm run bench:handler-router
 *
 * Environment (defaults in brackets):
 *   BENCH_EVENTS [100000]        M
 *   BENCH_TIMEOUT_MS [300000]    longest one pre-load or routing phase
 *   BENCH_ONLY                   comma-separated subset of kafka, embedded
 *   BENCH_PROFILE_DIR            writes a CPU profile of each routing phase there
 *   BENCH_KEEP_ROWS              1 keeps the run's audit rows in PostgreSQL (deleted by default)
 *   ROUTER_BATCH_SIZE, ROUTER_CONCURRENCY   the router's own settings [the app's defaults]
 *   KAFKA_BROKERS [127.0.0.1:9092], DATABASE_URL [postgres://events:events@127.0.0.1:5432/events]
 *
 * Kafka and PostgreSQL: `npm run services up kafka postgres`. The bench refuses to touch the
 * topics while another process's router is in their groups. The run's audit rows carry an
 * acting user unique to the run and are deleted at the end with their processed marks, and
 * the topics are emptied again (deleted and created anew, with the groups), also when the run
 * fails: events left there would be audited by the next router with a new group.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { type BenchConfig, readConfig, type SetupName } from './config';
import { measureEmbedded } from './embedded-round';
import { measureOnKafka } from './kafka-round';
import { resultsTable, verdicts } from './report';
import type { RouterResult } from './result';

/** Hard stop for the whole run, should a client hang where no phase timeout reaches. */
const WATCHDOG_MS = 30 * 60_000;
/** Grace for clients to let the process exit once everything is closed. */
const EXIT_GRACE_MS = 10_000;

/** Unique per process: the acting user of every event the run makes is `bench-<run>-...`. */
const RUN_ID = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

const SETUPS: Readonly<
  Record<SetupName, (config: BenchConfig, runId: string) => Promise<RouterResult>>
> = {
  kafka: measureOnKafka,
  embedded: measureEmbedded,
};

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min; giving up`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  console.log(
    `# handler-router benchmark: M=${config.events}, batch size ${config.batchSize}, ` +
      `concurrency ${config.concurrency}, Node ${process.version}, ` +
      `load average ${loadavg()[0].toFixed(2)}, run ${RUN_ID}\n`,
  );

  const results: RouterResult[] = [];
  const failures: string[] = [];
  for (const setup of config.setups) {
    try {
      results.push(await SETUPS[setup](config, RUN_ID));
      console.error(`bench: ${setup} done (load average ${loadavg()[0].toFixed(2)})`);
    } catch (error) {
      failures.push(`${setup}: ${errorText(error)}`);
      console.error(`bench: ${setup} failed: ${errorText(error)}`);
    }
  }

  if (results.length > 0) console.log(`${resultsTable(results)}\n`);
  console.log(
    verdicts(results)
      .map((line) => `- ${line}`)
      .join('\n'),
  );
  if (failures.length > 0) {
    console.log(`\nFailed:\n- ${failures.join('\n- ')}`);
    process.exitCode = 1;
  }
  clearTimeout(watchdog);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    // Clients that linger after close() (sockets, retry timers) must not keep the run alive.
    setTimeout(() => {
      console.error(`bench: clients still open ${EXIT_GRACE_MS} ms after closing; exiting`);
      process.exit();
    }, EXIT_GRACE_MS).unref();
  });
