import type { EventEnvelope } from '@app/envelope';
import { type RouteCounts, type EventRouter } from '@app/transport/routing';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { ShopEvents } from '../../apps/shop/src/events/shop-events.enum';
import { ShopTopics } from '../../apps/shop/src/events/shop-topics.enum';
import { ReplayProgressPrinter } from '../../apps/shop/src/replay/replay.progress';
import type { ReplayReport } from '../../apps/shop/src/replay/shop.replay';
import { profiled } from '../common/profile';
import type { BenchConfig } from './config';
import { cpuMeter, watchedPids } from './cpu-meter';
import type { ShopDeployment } from './shop-deployments';
import { type LoadCounts, makeShopLoad } from './shop-load';
import { snapshotDifferences, snapshotOf, type StoreSnapshot } from './store-snapshot';

const TOPIC = ShopTopics.SHOP_EVENTS;
const POLL_MS = 50;

/** CPU of each watched process during a phase, in cores (1.0: one core all the time). */
export type Cores = Readonly<Record<string, number | undefined>>;

export interface DeploymentResult {
  readonly deployment: string;
  readonly counts: LoadCounts;
  /** The projector's start until it projected the catalogue (its group joined). */
  readonly projectorStartMs: number;
  /** Events loaded with the projector running: the registrations and purchases. */
  readonly loadedEvents: number;
  readonly loadMs: number;
  /** The load's start to every event projected (the loaded ones and the rejections). */
  readonly projectionMs: number;
  /** Events projected: the loaded ones and the PURCHASE_REJECTED the projector published. */
  readonly projectedEvents: number;
  readonly projectionCores: Cores;
  readonly replay: ReplayReport;
  /** Pass 1 (reading the recorded outcomes) and pass 2 (clearing and rebuilding), ms. */
  readonly replayPassMs: readonly [number, number];
  readonly replayCores: Cores;
  readonly afterProjection: StoreSnapshot;
  /** Empty when the run was correct: the stores as loaded, and the same after the replay. */
  readonly problems: readonly string[];
  readonly loadAverage: readonly [number, number];
  readonly profile: string | undefined;
}

/**
 * The phases on one booted deployment: the catalogue published and the projector started on
 * it (its start-up and group join kept out of the rates); the registrations and purchases
 * loaded with it running, timed until all are projected; the replay of the whole log with
 * the projector stopped; then the stores compared before and after.
 *
 * Why not start the projector after the whole load: the projector handles 3 partitions at
 * once (the router's concurrency) and the in-memory bus has 8, so purchases of a partition
 * projected early would find most products, whose PRODUCT_ADDED sit in partitions not
 * started yet, missing, and be rejected (a third of them in a trial): a different workload
 * from a shop whose catalogue exists before its customers buy.
 */
export async function measureDeployment(
  name: string,
  deployment: ShopDeployment,
  config: BenchConfig,
  runId: string,
): Promise<DeploymentResult> {
  const loadAverageBefore = loadavg()[0];
  const pids = watchedPids(!name.startsWith('embedded'));
  const load = makeShopLoad(config.events, runId);

  const catalogue = load.events.slice(0, load.counts.products);
  const shopping = load.events.slice(load.counts.products);

  console.error(`bench: ${name}: the catalogue (${count(catalogue.length)} products)`);
  await publishAll(deployment, catalogue, config.batchSize);
  const router = await deployment.createProjector();
  const projectorStarted = performance.now();
  await within(`${name}: the projector's start on the catalogue`, config.timeoutMs, async () => {
    await deployment.startProjector();
    while (processed(router.stats.of(TOPIC, ShopEvents.PRODUCT_ADDED)) < catalogue.length) {
      await sleep(POLL_MS);
    }
  });
  const projectorStartMs = performance.now() - projectorStarted;

  console.error(`bench: ${name}: loading and projecting ${count(shopping.length)} events`);
  const projectionMeter = cpuMeter(pids);
  const loadStarted = performance.now();
  const projecting = within(`${name}: projection`, config.timeoutMs, () =>
    projectionDone(router, deployment, load.counts),
  );
  // Awaited below; a failed load must not leave its rejection unhandled meanwhile.
  projecting.catch(() => undefined);
  await within(`${name}: load`, config.timeoutMs, () =>
    publishAll(deployment, shopping, config.batchSize),
  );
  const loadMs = performance.now() - loadStarted;
  const projection = await projecting;
  const projectionCores = projectionMeter.stop();
  await within(`${name}: the projector group's lag reaching 0`, config.timeoutMs, async () => {
    while ((await deployment.groupLag(router.groupFor(TOPIC))) > 0) await sleep(250);
  });
  const afterProjection = await snapshotOf(deployment.store());
  const problems = [...loadProblems(afterProjection, load.counts), ...projection.problems];
  await deployment.stopProjector();

  console.error(`bench: ${name}: replaying`);
  const printer = new ReplayProgressPrinter(
    (text) => process.stderr.write(text),
    process.stderr.isTTY,
  );
  let replayStarted = Number.NaN;
  let pass2At: number | undefined;
  const profile = config.profileDir
    ? join(config.profileDir, `shop-replay-${name.replaceAll(/\W+/g, '-')}.cpuprofile`)
    : undefined;
  let replayEnded = Number.NaN;
  let replayCores: Cores = {};
  // Timed inside the profiler, so starting it and writing the profile out are not counted.
  const replay = await within(`${name}: replay`, config.timeoutMs, () =>
    profiled(profile, async () => {
      replayStarted = performance.now();
      const replayMeter = cpuMeter(pids);
      const report = await deployment.replay().run((progress) => {
        if (progress.pass === 2) pass2At ??= performance.now();
        printer.report(progress);
      });
      replayEnded = performance.now();
      replayCores = replayMeter.stop();
      return report;
    }),
  );
  printer.finish(replay);
  const afterReplay = await snapshotOf(deployment.store());
  problems.push(...snapshotDifferences(afterProjection, afterReplay).map((d) => `replay: ${d}`));
  if (replay.skipped > 0) problems.push(`replay: ${replay.skipped} events skipped as invalid`);

  const split = pass2At ?? replayEnded;
  return {
    deployment: name,
    counts: load.counts,
    loadMs,
    projectorStartMs,
    loadedEvents: shopping.length,
    projectionMs: projection.doneAt - loadStarted,
    projectedEvents: projection.events,
    projectionCores,
    replay,
    replayPassMs: [split - replayStarted, replayEnded - split],
    replayCores,
    afterProjection,
    problems,
    loadAverage: [loadAverageBefore, loadavg()[0]],
    profile,
  };
}

interface ProjectionDone {
  readonly doneAt: number;
  readonly events: number;
  readonly problems: readonly string[];
}

/**
 * Watches the projector's own counts (its router's stats, in this process) until it has
 * handled every registration and purchase, then every PURCHASE_REJECTED it published for them (as many as
 * the store recorded rejected purchases): the moment its work is done, without the
 * interval Kafka's offset commits would add to a lag-based end.
 */
async function projectionDone(
  router: EventRouter,
  deployment: ShopDeployment,
  counts: LoadCounts,
): Promise<ProjectionDone> {
  const loaded = counts.customers + counts.purchases;
  const seen = (type: ShopEvents) => processed(router.stats.of(TOPIC, type));
  while (seen(ShopEvents.CUSTOMER_REGISTERED) + seen(ShopEvents.PRODUCT_PURCHASED) < loaded) {
    await sleep(POLL_MS);
  }
  const rejected = (
    await deployment.store().listPurchases({ limit: 0, offset: 0, status: 'rejected' })
  ).total;
  while (seen(ShopEvents.PURCHASE_REJECTED) < rejected) await sleep(POLL_MS);
  const doneAt = performance.now();

  const problems: string[] = [];
  for (const type of Object.values(ShopEvents)) {
    // Duplicates are no problem (a rebalance redelivers; the inbox skips them): not listed.
    const { deadLettered } = router.stats.of(TOPIC, type);
    if (deadLettered > 0) problems.push(`projection: ${deadLettered} ${type} dead-lettered`);
  }
  for (const { type, count: unrouted } of router.stats.unroutedEvents()) {
    problems.push(`projection: ${unrouted} ${type} with no handler`);
  }
  return { doneAt, events: loaded + rejected, problems };
}

async function publishAll(
  deployment: ShopDeployment,
  events: readonly EventEnvelope[],
  batchSize: number,
): Promise<void> {
  for (let from = 0; from < events.length; from += batchSize) {
    await deployment.publisher.publish(TOPIC, events.slice(from, from + batchSize));
  }
}

function processed({ handled, duplicates, deadLettered }: RouteCounts): number {
  return handled + duplicates + deadLettered;
}

/** The projected stores against the load: every product, customer and purchase, once. */
function loadProblems(snapshot: StoreSnapshot, counts: LoadCounts): string[] {
  const problems: string[] = [];
  if (snapshot.products !== counts.products) {
    problems.push(`projection: ${snapshot.products} products for ${counts.products} added`);
  }
  if (snapshot.customers !== counts.customers) {
    problems.push(`projection: ${snapshot.customers} customers for ${counts.customers} registered`);
  }
  const decided = snapshot.completed + snapshot.rejected;
  if (decided !== counts.purchases) {
    problems.push(`projection: ${decided} purchases decided for ${counts.purchases} made`);
  }
  return problems;
}

/** Runs `work`, failing with `what` once `timeoutMs` passed (the work itself goes on). */
async function within<T>(what: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: not done after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
