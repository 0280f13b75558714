import { EntityManager, raw } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { LedgerSweepSchedule } from '../ledger-sweep.schedule';
import type { MetricSample, MetricsStore, MinuteBucket } from '../metrics.store';
import { METRICS_STORE_OPTIONS, type MetricsStoreOptions } from '../metrics-store.options';
import { type CountedSample, distinctSamples, tallyByMinute, toUnits } from '../minute-tally';
import { MetricIdSchema } from './metric-id.entity';
import { MetricsMinuteSchema } from './metrics-minute.entity';

/**
 * Ids one ledger insert carries at most: 2 values a row stays far under PostgreSQL's 65,535
 * bind parameters and SQLite's 32,766.
 */
const IDS_PER_STATEMENT = 10_000;

/**
 * The buckets in SQLite or PostgreSQL, through MikroORM. A batch is one transaction: its new
 * ids go into the ledger and their amounts into the buckets together or not at all, so a
 * process that dies half-way has counted nothing and the redelivered batch counts each event
 * once. Concurrent batches sharing ids count each once too: the ledger's primary key lets
 * one transaction insert an id, the other waits for it and skips the id.
 */
@Injectable()
export class SqlMetricsStore implements MetricsStore {
  readonly features = { exactlyOnceOnCrash: true };

  private readonly logger = new Logger(SqlMetricsStore.name);
  private readonly sweeps = new LedgerSweepSchedule();

  constructor(
    private readonly em: EntityManager,
    @Inject(METRICS_STORE_OPTIONS) private readonly options: MetricsStoreOptions,
  ) {}

  async record(samples: readonly MetricSample[]): Promise<number> {
    const distinct = distinctSamples(samples);
    if (distinct.length === 0) return 0;
    const now = this.options.now();
    // Both our drivers (SQLite, PostgreSQL) are SQL drivers: their managers build SQL.
    const em = this.em.fork() as SqlEntityManager;
    const counted = await em.transactional(async (tx) => {
      const fresh = await claimIds(tx, distinct, now);
      await addToBuckets(tx, fresh);
      return fresh.length;
    });
    await this.sweepIfDue(now);
    return counted;
  }

  async buckets(from: Date, to: Date): Promise<MinuteBucket[]> {
    const rows = await this.em
      .fork()
      .find(
        MetricsMinuteSchema,
        { minute: { $gte: from, $lt: to } },
        { orderBy: { minute: 'asc', event_type: 'asc' }, disableIdentityMap: true },
      );
    return rows.map((row) => ({
      minute: row.minute,
      event_type: row.event_type,
      count: row.count,
      total_amount: toUnits(row.total_cents),
    }));
  }

  /**
   * Forgets the ids counted longer ago than the retention, after the batch's transaction so
   * that it never holds the batch up. A failure only delays the sweep: the batch is counted.
   */
  private async sweepIfDue(now: Date): Promise<void> {
    if (!this.sweeps.due(now)) return;
    const before = new Date(now.getTime() - this.options.ledgerRetentionMs);
    try {
      await this.em.fork().nativeDelete(MetricIdSchema, { counted_at: { $lt: before } });
    } catch (error) {
      this.logger.warn(`could not sweep the ledger of counted ids: ${String(error)}`);
    }
  }
}

/**
 * Inserts the ids the ledger does not hold yet and returns their samples: `on conflict do
 * nothing returning` hands back exactly the rows this transaction inserted.
 */
async function claimIds(
  tx: SqlEntityManager,
  samples: readonly CountedSample[],
  now: Date,
): Promise<CountedSample[]> {
  const claimed = new Set<string>();
  for (let start = 0; start < samples.length; start += IDS_PER_STATEMENT) {
    const rows = samples
      .slice(start, start + IDS_PER_STATEMENT)
      .map((sample) => ({ event_id: sample.id, counted_at: now }));
    const inserted: { event_id: string }[] = await tx
      .createQueryBuilder(MetricIdSchema)
      .insert(rows)
      .onConflict('event_id')
      .ignore()
      .returning('event_id')
      .execute('all');
    for (const row of inserted) claimed.add(row.event_id.toLowerCase());
  }
  return samples.filter((sample) => claimed.has(sample.id));
}

/** Adds the samples to their buckets, creating a bucket on its minute's first event. */
async function addToBuckets(tx: SqlEntityManager, samples: readonly CountedSample[]) {
  const tallies = tallyByMinute(samples);
  if (tallies.length === 0) return;
  const rows = tallies.map((tally) => ({
    minute: tally.minute,
    event_type: tally.event_type,
    count: tally.count,
    total_cents: tally.cents,
  }));
  await tx
    .createQueryBuilder(MetricsMinuteSchema)
    .insert(rows)
    .onConflict(['minute', 'event_type'])
    .merge({
      count: raw('"metrics_minutes"."count" + "excluded"."count"'),
      total_cents: raw('"metrics_minutes"."total_cents" + "excluded"."total_cents"'),
    })
    .execute('run');
}
