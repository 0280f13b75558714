/*
 * event-hub benchmark (issue 16, "Throughput"): ingest over REST single, REST batch and gRPC
 * client streams on Redis Streams + the MongoDB wire server, against a baseline that only
 * does the XADD, in the same run. Every server is its own process, as deployed with one
 * process per role, each started from its TypeScript entry through ts-node (as `nest start`
 * and the integration tests run them), so the load generator's CPU is not theirs:
 *
 * - `ROLE=app` (REST, GraphQL), `ROLE=grpc-server`, `ROLE=storage-consumer` and
 *   `ROLE=metrics-consumer`, on a stream (`EVENTS_STREAM`) and a MongoDB database of the run's
 *   own (`NODE_ENV=production`, `LOG_LEVEL=warn`, no API keys);
 * - the baseline (bench/event-hub/baseline/main.ts): node:http + ioredis, JSON parse and one
 *   XADD of an entry of the hub's size per event (a MULTI of them for a batch), 202;
 * - this process as the clients: closed-loop keep-alive HTTP (node:http) and the app's own
 *   grpc-js client, the events made up front by the event generator's factory.
 *
 * Per mode: the hub's load, then the same load on the baseline (REST only), each
 * BENCH_SECONDS long after an unmeasured BENCH_WARMUP_SECONDS of both. After each hub load
 * the bench waits until the storage and metrics groups have acknowledged every entry
 * (`XINFO GROUPS`: lag and pending zero), reports how long that took after the last
 * answer, and empties the stream (`XTRIM MAXLEN 0`), so each load starts on an empty one.
 * Accepted rates and latencies are from the clients' clock; stored events/s is the storage
 * group's acknowledgements from the load's start until it caught up. Two more loads say
 * where the limits are: REST single on the hub with its consumers and gRPC server frozen
 * (SIGSTOP) for the load, and the storage consumer's `insertMany` calls alone, from this
 * process into the same MongoDB. Each process's CPU comes from /proc (Redis and the MongoDB
 * wire server too, which serve other clients as well; and the whole machine, from
 * /proc/stat, so what other processes took shows). At the end MongoDB must hold each event
 * the hub accepted exactly once.
 *
 *   npm run bench:event-hub
 *   BENCH_SECONDS=60 npm run bench:event-hub     # the storage-keeps-up target's 60 s run
 *
 * Environment (defaults in brackets):
 *   BENCH_SECONDS [5]             length of each measured load
 *   BENCH_WARMUP_SECONDS [1]      unmeasured load of each mode and server first; 0: none
 *   BENCH_CLIENTS [64]            POST /events in flight at once
 *   BENCH_BATCH_CLIENTS [8]       POST /events/batch in flight at once
 *   BENCH_GRPC_STREAMS [8]        SendEvents streams open at once
 *   BENCH_BATCH_SIZE [1000]       events per batch request and per stream
 *   BENCH_ONLY                    comma-separated subset of single, batch, grpc
 *   BENCH_DRAIN_TIMEOUT_MS [the larger of 120 s and 10 x BENCH_SECONDS]  longest wait for
 *                                 the groups to catch up after a load
 *   BENCH_PROFILE_DIR             after the measured loads, one more load of each mode with
 *                                 the process serving it (API, gRPC server) profiling its CPU
 *                                 (bench/common/profile.ts); the profiles go there, and a
 *                                 summary of where the time went is printed
 *   BENCH_PROFILE_SECONDS [5]     length of each profiled load
 *   BENCH_STREAM_MAX_LEN          EVENTS_STREAM_MAX_LEN of the hub and the baseline
 *   BENCH_REDIS_URL [redis://127.0.0.1:6379], BENCH_MONGO_URL [mongodb://127.0.0.1:27017]
 *
 * Redis and the MongoDB wire server: `bash scripts/services.sh up redis mongo`. The run's
 * streams and database are deleted at the end.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import mongoose from 'mongoose';
import { METRICS_GROUP } from '../../apps/event-hub/src/metrics/event-metrics.consumer';
import { STORAGE_GROUP } from '../../apps/event-hub/src/storage/event-storage.consumer';
import { BenchRun, type RunNames } from './bench-run';
import { readConfig } from './config';
import { EventPool } from './event-pool';
import { HubProcesses, mongoServerPid } from './hub-processes';
import type { PhaseResult } from './phase';
import { cpuTable, ratioTable, resultTable, verdicts } from './report';
import { StreamProbe } from './stream-groups';

/** Hard stop for the whole run, should a client hang where no timeout reaches. */
const WATCHDOG_MS = 60 * 60_000;
/** Grace for clients to let the process exit once everything is closed. */
const EXIT_GRACE_MS = 10_000;

/** Unique per process: the run's streams and database carry it. */
const RUN_ID = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const GROUPS = { storage: STORAGE_GROUP, metrics: METRICS_GROUP };

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min; giving up`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  console.log(
    `# event-hub benchmark: ${config.seconds} s per load (warm-up ${config.warmupSeconds} s), ` +
      `${config.clients} single / ${config.batchClients} batch clients, ${config.grpcStreams} ` +
      `gRPC streams, ${config.batchSize} events per batch, Node ${process.version}, ` +
      `${cpus().length} cores, load average ${loadavg()[0].toFixed(2)}, run ${RUN_ID}\n`,
  );

  const names: RunNames = {
    stream: `events_bench_${RUN_ID}`,
    baselineStream: `events_bench_baseline_${RUN_ID}`,
    mongoUrl: `${config.mongoRoot}/event_hub_bench_${RUN_ID}`,
    runId: RUN_ID,
  };
  const probe = await StreamProbe.connect(config.redisUrl);
  const pool = EventPool.make(config.batchSize);
  let hub: HubProcesses | undefined;
  try {
    hub = await HubProcesses.start({
      redisUrl: config.redisUrl,
      mongoUrl: names.mongoUrl,
      stream: names.stream,
      baselineStream: names.baselineStream,
      streamMaxLen: config.streamMaxLen,
      maxBatchEvents: config.batchSize,
      maxStreamEvents: config.batchSize,
    });
    console.error(`bench: hub and baseline up (load average ${loadavg()[0].toFixed(2)})`);
    const run = new BenchRun(config, hub, probe, pool, names, {
      probe,
      stream: names.stream,
      groups: [STORAGE_GROUP, METRICS_GROUP],
      drainTimeoutMs: config.drainTimeoutMs,
      pids: {
        ...hub.pids(),
        'bench (clients)': process.pid,
        Redis: await probe.serverPid(),
        'MongoDB wire server': mongoServerPid(),
      },
    });

    const measured: PhaseResult[] = [];
    for (const mode of config.modes) {
      const targets = run.hasBaseline(mode) ? (['hub', 'baseline'] as const) : (['hub'] as const);
      if (config.warmupSeconds > 0) {
        for (const target of targets) await run.ingest(mode, target, config.warmupSeconds);
      }
      for (const target of targets) measured.push(await run.ingest(mode, target, config.seconds));
      if (mode === 'single') measured.push(await run.singleWithOthersPaused(config.seconds));
    }
    measured.push(await run.inserts(config.seconds));

    const profiles: string[] = [];
    if (config.profileDir) {
      mkdirSync(config.profileDir, { recursive: true });
      for (const mode of config.modes) {
        profiles.push(await run.profiled(mode, config.profileDir, config.profileSeconds));
      }
    }

    console.log(`${resultTable(measured, GROUPS)}\n`);
    console.log(`${ratioTable(measured, GROUPS)}\n`);
    console.log(
      `CPU per process during each load, in cores, and (µs per accepted event over the load ` +
        `and the catching up after it):\n\n${cpuTable(measured)}\n`,
    );
    console.log(
      `- stream entries: hub ${run.entryBytes.hub ?? '?'} bytes, baseline ` +
        `${run.entryBytes.baseline ?? '?'} bytes (the envelope field of the newest entry)`,
    );
    console.log(`- ${await storedOnce(names.mongoUrl, run.hubEvents)}`);
    console.log(`- dead-lettered: ${await probe.length(`${names.stream}.dlq`)}`);
    for (const line of verdicts(measured, config, GROUPS)) console.log(`- ${line}`);
    for (const profile of profiles) console.log(`\n${profile}`);
    const errors = hub.errorLines();
    if (errors.length > 0) {
      console.log(`\nErrors logged (${errors.length}):\n${errors.slice(0, 5).join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    await hub?.stop();
    await probe.delete(names.stream, `${names.stream}.dlq`, names.baselineStream);
    await probe.close();
    await dropDatabase(names.mongoUrl);
    clearTimeout(watchdog);
  }
}

/**
 * Counts the run's documents: with ids unique (`_id`), as many documents as accepted events
 * means each was stored exactly once. The collection's size (`count` without a filter), not
 * `countDocuments`, which the MongoDB wire server answers by reading every document: with a
 * few hundred thousand it runs out of heap.
 */
async function storedOnce(mongoUrl: string, accepted: number): Promise<string> {
  const connection = await mongoose.createConnection(mongoUrl).asPromise();
  try {
    const documents = await connection.collection('events').estimatedDocumentCount();
    const verdict = documents === accepted ? 'each stored once' : 'MISMATCH';
    if (documents !== accepted) process.exitCode = 1;
    return `MongoDB holds ${documents.toLocaleString('en-US')} events for the ${accepted.toLocaleString('en-US')} the hub accepted in the run (warm-up and profiled loads included): ${verdict}`;
  } catch (error) {
    process.exitCode = 1;
    return `counting the stored events failed: ${String(error).slice(0, 300)}`;
  } finally {
    await connection.close();
  }
}

async function dropDatabase(mongoUrl: string): Promise<void> {
  const connection = await mongoose.createConnection(mongoUrl).asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
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
