/*
 * event-manager benchmark (issue 13, "Throughput"): the real app module booted in this
 * process, driven over HTTP like any GraphQL client.
 *
 * - End to end, on the embedded default (in-memory bus, SQLite file in a temp dir) and on
 *   Kafka + PostgreSQL: N `createEventAsync` mutations from a fixed number of concurrent
 *   clients, each timed from sending to its row stored (the app's `eventCreated` feed),
 *   then N `createEvent` the same way: accepted req/s, stored events/s, p50/p99 latencies
 *   and how long after the load stopped the last row was stored.
 * - The consumer alone (Kafka + PostgreSQL): M events pre-filled on `events` while no
 *   consumer runs, then a consumer-only app started and timed until all M rows are stored.
 *
 *   npm run bench:event-manager
 *
 * Environment (defaults in brackets):
 *   BENCH_EVENTS [20000]          N, mutations per measured round, of each kind
 *   BENCH_CLIENTS [32]            mutations in flight at once
 *   BENCH_WARMUP_EVENTS [2000]    mutations of each kind in an unmeasured round first; 0: none
 *   BENCH_PREFILL_EVENTS [100000] M, events pre-filled for the consumer alone
 *   BENCH_TIMEOUT_MS [600000]     longest one load, wait for rows, or consumer run
 *   BENCH_ATTEMPTS [3]            runs of a phase at most while it fails or logs errors
 *   BENCH_PROFILE_DIR             writes a CPU profile of the consumer-alone phase there
 *   BENCH_ONLY                    comma-separated subset of embedded, kafka, consumer (all
 *                                 three by default)
 *   BENCH_KEEP_ROWS               1 keeps the bench's rows (deleted by default)
 *   KAFKA_BROKERS [127.0.0.1:9092], DATABASE_URL [postgres://events:events@127.0.0.1:5432/events]
 *   CONSUMER_BATCH_SIZE, CONSUMER_CONCURRENCY: the app's own settings, passed through
 *
 * Kafka and PostgreSQL: `npm run services up kafka postgres`. Every rows the run stores
 * carries a name unique to the run and is deleted at the end; the events stay on the topic.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import type { SetupEnv } from './app';
import { undisturbed } from './attempts';
import { readConfig } from './config';
import { type ConsumerOnlyResult, measureConsumerOnly } from './consumer-only';
import type { EndToEndResult } from './end-to-end';
import { EventsGroupProbe } from './kafka-group';
import { consumerTable, endToEndTable, verdicts } from './report';
import { embedded, onKafka } from './setups';
import { measureTransportAlone, type TransportAloneResult } from './transport-alone';

/** Hard stop for the whole run, should a client hang where no phase timeout reaches. */
const WATCHDOG_MS = 60 * 60_000;
/** Grace for clients to let the process exit once everything is closed. */
const EXIT_GRACE_MS = 10_000;

/** Unique per process: the name of every row the run stores starts with `bench-<run>`. */
const RUN_ID = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min; giving up`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  console.log(
    `# event-manager benchmark: N=${config.events}, ${config.clients} clients, warm-up ` +
      `${config.warmupEvents}, M=${config.prefillEvents}, Node ${process.version}, ` +
      `load average ${loadavg()[0].toFixed(2)}, run ${RUN_ID}\n`,
  );

  const endToEnd: EndToEndResult[] = [];
  let consumer: ConsumerOnlyResult | undefined;
  let transport: TransportAloneResult | undefined;
  const failures: string[] = [];
  const notes: string[] = [];
  /** One setup: re-run while disturbed (see `undisturbed`), a failure noted, never fatal. */
  const phase = async <T>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      const result = await undisturbed(what, config.attempts, notes, work);
      console.error(`bench: ${what} done (load average ${loadavg()[0].toFixed(2)})`);
      return result;
    } catch (error) {
      failures.push(`${what}: ${errorText(error)}`);
      console.error(`bench: ${what} failed: ${errorText(error)}`);
      return undefined;
    }
  };

  const infrastructure: SetupEnv = {
    DATABASE_URL: config.databaseUrl,
    KAFKA_BROKERS: config.kafkaBrokers,
  };
  if (config.setups.includes('embedded')) {
    endToEnd.push(...((await phase('embedded', () => embedded(config, RUN_ID))) ?? []));
  }
  if (config.setups.includes('kafka')) {
    const results = await phase('kafka + postgresql', () =>
      onKafka(infrastructure, config, RUN_ID),
    );
    endToEnd.push(...(results ?? []));
  }
  if (config.setups.includes('consumer')) {
    const probe = await EventsGroupProbe.connect(config.kafkaBrokers);
    try {
      consumer = await phase('consumer alone', () =>
        measureConsumerOnly(infrastructure, config, probe, RUN_ID),
      );
      const settings = consumer;
      if (settings) {
        transport = await phase('KafkaPubSub alone', () =>
          measureTransportAlone(config, settings, probe, RUN_ID),
        );
      }
    } finally {
      await probe.close();
    }
  }

  if (endToEnd.length > 0) console.log(`${endToEndTable(endToEnd)}\n`);
  if (consumer) console.log(`${consumerTable(consumer, transport)}\n`);
  console.log(
    verdicts(endToEnd, consumer)
      .map((line) => `- ${line}`)
      .join('\n'),
  );
  if (notes.length > 0) console.log(`\nNotes:\n- ${notes.join('\n- ')}`);
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
