/*
 * shop benchmark (issue 17, "Throughput"): projecting and replaying N shop events, on the
 * embedded default (in-memory bus keeping its log, SQLite file in a temp dir) and on Kafka
 * + the MongoDB wire server (a database of the run's own). The shop's own modules, booted in
 * this process as main.ts boots them (ShopModule.forParts), do the work:
 *
 * 1. Catalogue: the products (1% of N) published to `shop_events` through the app's
 *    EventPublisher, then the projector (group `shop.projector`) started on them, timed until
 *    it projected them all (its start-up and, on Kafka, its group join).
 * 2. Load and projection: the rest of N, 10% CUSTOMER_REGISTERED and the rest
 *    PRODUCT_PURCHASED of customers registered before and of those products (one product in
 *    fifty nearly sold out, so some purchases are rejected; see shop-load.ts), published
 *    straight to the topic BENCH_BATCH_SIZE at a time (the HTTP API is not what is
 *    measured) with the projector running, timed from the load's start until the projector
 *    handled every one of them and every PURCHASE_REJECTED it published (its router's
 *    counts, read in this process); then its group lag must reach 0 and the stores hold
 *    every product, customer and purchase of the load. Projection events/s counts those
 *    events. Why not the whole load before the projector starts: deployment-run.ts.
 * 3. Replay: the projector stopped (embedded: its subscriptions closed, the one app must
 *    keep the in-memory log; Kafka: its process closed, the replay runs in the replay
 *    command's own app, `role: 'replay'`), `ShopReplay.run()` timed, with its progress on
 *    stderr. Its events/s is the replay's own: events projected over its whole run (both
 *    passes over the log, each group's join on Kafka included).
 * 4. Check: products, customers, purchases completed and rejected, and each product's stock
 *    after the replay equal what the projection left.
 *
 * Kafka: `shop_events` is the shop's one topic, shared with tests and earlier runs, and the
 * projector group keeps its offsets there. The bench deletes and recreates the topic empty
 * (with the partitions it had) before loading, so the replay reads this run's events only,
 * and again at the end, so no later test replays 100,000 events; it refuses to run while
 * another process's projector is in the group. It deletes the projector group and the
 * replay's groups it made, and drops its database.
 *
 *   npm run bench:shop
 *   BENCH_EVENTS=5000 BENCH_ONLY=embedded npm run bench:shop
 *
 * Environment (defaults in brackets):
 *   BENCH_EVENTS [100000]        N, events loaded per deployment
 *   BENCH_BATCH_SIZE [1000]      events per publish while loading
 *   BENCH_ONLY                   comma-separated subset of embedded, kafka (both by default)
 *   BENCH_TIMEOUT_MS [1200000]   longest one phase (load, projection, replay)
 *   BENCH_PROFILE_DIR            writes a CPU profile of each replay there
 *                                (bench/common/profile.ts; open it in Chrome DevTools)
 *   KAFKA_BROKERS [127.0.0.1:9092], MONGO_URL [mongodb://127.0.0.1:27017] (the server, no
 *                                database: the run's own is made under it)
 *
 * Kafka and the MongoDB wire server: `bash scripts/services.sh up kafka mongo`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { PROJECTOR_GROUP } from '../../apps/shop/src/projector/shop-projector.module';
import { ShopTopics } from '../../apps/shop/src/events/shop-topics.enum';
import { type BenchConfig, readConfig } from './config';
import { type DeploymentResult, measureDeployment } from './deployment-run';
import { cpuTable, resultTable, storeLines, verdicts } from './report';
import { bootEmbedded, bootOnKafka } from './shop-deployments';
import { ShopTopicAdmin } from './shop-topic.admin';

/** Hard stop for the whole run, should a client hang where no phase timeout reaches. */
const WATCHDOG_MS = 90 * 60_000;
/** Grace for clients to let the process exit once everything is closed. */
const EXIT_GRACE_MS = 10_000;
/** The router's group on the topic (`<group>.<topic>`, see EventRouter.groupFor). */
const PROJECTOR_TOPIC_GROUP = `${PROJECTOR_GROUP}.${ShopTopics.SHOP_EVENTS}`;
const REPLAY_GROUP_PREFIX = 'shop.replay.';

/** Unique per process: the e-mails, product names and the database carry it. */
const RUN_ID = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min; giving up`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  if (config.profileDir) mkdirSync(config.profileDir, { recursive: true });
  console.log(
    `# shop benchmark: N=${config.events.toLocaleString('en-US')} per deployment, ` +
      `publish batches of ${config.batchSize}, Node ${process.version}, ${cpus().length} cores, ` +
      `load average ${loadavg()[0].toFixed(2)}, run ${RUN_ID}\n`,
  );

  const results: DeploymentResult[] = [];
  const failures: string[] = [];
  for (const name of config.deployments) {
    try {
      results.push(await (name === 'kafka' ? onKafka(config) : embedded(config)));
      console.error(`bench: ${name} done (load average ${loadavg()[0].toFixed(2)})`);
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      console.error(`bench: ${name} failed:`, error);
    }
  }

  if (results.length > 0) {
    console.log(`${resultTable(results)}\n`);
    console.log(`${cpuTable(results)}\n`);
    for (const line of [...storeLines(results), ...verdicts(results)]) console.log(`- ${line}`);
    for (const { profile } of results) if (profile) console.log(`- replay profile: ${profile}`);
  }
  if (results.some(({ problems }) => problems.length > 0)) process.exitCode = 1;
  if (failures.length > 0) {
    console.log(`\nFailed:\n- ${failures.join('\n- ')}`);
    process.exitCode = 1;
  }
  clearTimeout(watchdog);
}

/** In-memory bus keeping its log, SQLite file in a fresh temp dir, deleted afterwards. */
async function embedded(config: BenchConfig): Promise<DeploymentResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-shop-'));
  try {
    const file = join(dir, 'shop.sqlite');
    const deployment = await bootEmbedded({
      DATABASE_URL: `sqlite:${file}`,
      MONGO_URL: undefined,
      KAFKA_BROKERS: undefined,
    });
    try {
      return await measureDeployment('embedded', deployment, config, RUN_ID);
    } finally {
      await deployment.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Kafka + the MongoDB wire server, on an emptied `shop_events` and a database of its own. */
async function onKafka(config: BenchConfig): Promise<DeploymentResult> {
  const admin = await ShopTopicAdmin.connect(config.kafkaBrokers);
  const mongoUrl = `${config.mongoRoot}/shop_bench_${RUN_ID}`;
  const replayGroupsBefore = new Set(await admin.groupsStartingWith(REPLAY_GROUP_PREFIX));
  try {
    const members = await admin.members(PROJECTOR_TOPIC_GROUP);
    if (members > 0) {
      throw new Error(
        `${members} member(s) of another process in ${PROJECTOR_TOPIC_GROUP}: a projector ` +
          `is running elsewhere and would take partitions (and events) from the measured one`,
      );
    }
    await admin.empty(60_000);
    const deployment = await bootOnKafka({
      DATABASE_URL: undefined,
      MONGO_URL: mongoUrl,
      KAFKA_BROKERS: config.kafkaBrokers,
    });
    try {
      return await measureDeployment('kafka + mongodb', deployment, config, RUN_ID);
    } finally {
      await deployment.close();
    }
  } finally {
    const replayGroups = (await admin.groupsStartingWith(REPLAY_GROUP_PREFIX)).filter(
      (group) => !replayGroupsBefore.has(group),
    );
    await admin.deleteGroups([PROJECTOR_TOPIC_GROUP, ...replayGroups]);
    await admin.empty(60_000).catch((error: unknown) => {
      console.error(`bench: could not empty ${ShopTopics.SHOP_EVENTS} at the end:`, error);
    });
    await admin.close();
    await dropDatabase(mongoUrl);
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
