import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, mongo } from 'mongoose';
import { LedgerSweepSchedule } from '../ledger-sweep.schedule';
import type { MetricSample, MetricsStore, MinuteBucket } from '../metrics.store';
import { METRICS_STORE_OPTIONS, type MetricsStoreOptions } from '../metrics-store.options';
import {
  type CountedSample,
  distinctSamples,
  type MinuteTally,
  tallyByMinute,
  toUnits,
} from '../minute-tally';
import { METRIC_ID_MODEL, type MetricIdDocument } from './metric-id.schema';
import {
  bucketId,
  METRICS_MINUTE_MODEL,
  type MetricsMinuteDocument,
} from './metrics-minute.schema';

const DUPLICATE_KEY = 11000;

/** What the driver's MongoBulkWriteError carries that we read. */
interface BulkWriteFailure {
  writeErrors?: WriteFailure | WriteFailure[];
}

interface WriteFailure {
  code?: unknown;
  index?: unknown;
}

/**
 * The buckets in MongoDB (`metrics_minutes`) with the ledger of counted ids (`metric_ids`).
 *
 * Without multi-document transactions (the MongoDB wire server has none, and a replica set
 * would be needed for them) a batch takes three steps: read which of its ids the ledger
 * holds, `$inc` the buckets for the others (one unordered bulk upsert), then add those ids
 * to the ledger. The order decides what a crash costs: between the last two steps, the
 * buckets hold the events but the ledger does not, so the redelivered batch counts them
 * again. Counted twice, never lost: `exactlyOnceOnCrash` is false. The other order (ledger
 * first) would lose them instead, and a metric that undercounts is the worse one.
 *
 * Concurrent batches sharing an id count it once all the same: both may find it absent and
 * add it, but only one can insert it into the ledger (its `_id` is unique), and the other,
 * told so by the duplicate-key error, takes its addition back.
 */
@Injectable()
export class MongoMetricsStore implements MetricsStore {
  readonly features = { exactlyOnceOnCrash: false };

  private readonly logger = new Logger(MongoMetricsStore.name);
  private readonly sweeps = new LedgerSweepSchedule();

  constructor(
    @InjectModel(METRIC_ID_MODEL) private readonly ids: Model<MetricIdDocument>,
    @InjectModel(METRICS_MINUTE_MODEL) private readonly minutes: Model<MetricsMinuteDocument>,
    @Inject(METRICS_STORE_OPTIONS) private readonly options: MetricsStoreOptions,
  ) {}

  async record(samples: readonly MetricSample[]): Promise<number> {
    const distinct = distinctSamples(samples);
    if (distinct.length === 0) return 0;
    const now = this.options.now();
    const known = await this.countedAlready(distinct);
    const fresh = distinct.filter((sample) => !known.has(sample.id));
    let counted = 0;
    if (fresh.length > 0) {
      await this.addToBuckets(tallyByMinute(fresh), 1);
      const raced = await this.addToLedger(fresh, now);
      if (raced.length > 0) await this.addToBuckets(tallyByMinute(raced), -1);
      counted = fresh.length - raced.length;
    }
    await this.sweepIfDue(now);
    return counted;
  }

  async buckets(from: Date, to: Date): Promise<MinuteBucket[]> {
    const documents = await this.minutes
      .find({ minute: { $gte: from, $lt: to } })
      .sort({ minute: 1, event_type: 1 })
      .lean<MetricsMinuteDocument[]>()
      .exec();
    return documents.map((document) => ({
      minute: document.minute,
      event_type: document.event_type,
      count: document.count,
      total_amount: toUnits(document.total_cents),
    }));
  }

  private async countedAlready(samples: readonly CountedSample[]): Promise<Set<string>> {
    const found = await this.ledgerCollection()
      .find({ _id: { $in: samples.map((sample) => sample.id) } }, { projection: { _id: 1 } })
      .toArray();
    return new Set(found.map((document) => document._id));
  }

  /** `sign` -1 takes back what +1 added. Upserts create a bucket on its first event. */
  private async addToBuckets(tallies: readonly MinuteTally[], sign: 1 | -1): Promise<void> {
    await this.bucketCollection().bulkWrite(
      tallies.map((tally) => ({
        updateOne: {
          filter: { _id: bucketId(tally.minute, tally.event_type) },
          update: {
            $inc: { count: sign * tally.count, total_cents: sign * tally.cents },
            $setOnInsert: { minute: tally.minute, event_type: tally.event_type },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  /**
   * Inserts the ids into the ledger and returns the samples another batch inserted first
   * (duplicate-key errors): those were counted by both, once too many here.
   */
  private async addToLedger(samples: readonly CountedSample[], now: Date) {
    const expires = new Date(now.getTime() + this.options.ledgerRetentionMs);
    const documents = samples.map((sample) => ({
      _id: sample.id,
      counted_at: now,
      expires_at: expires,
    }));
    try {
      await this.ledgerCollection().insertMany(documents, { ordered: false });
      return [];
    } catch (error) {
      const writeErrors = [(error as BulkWriteFailure).writeErrors ?? []].flat();
      const duplicates = writeErrors.filter(
        (failure) => failure.code === DUPLICATE_KEY && typeof failure.index === 'number',
      );
      if (writeErrors.length === 0 || duplicates.length < writeErrors.length) throw error;
      return duplicates.map((failure) => samples[failure.index as number]);
    }
  }

  /**
   * Deletes the expired ids. MongoDB's TTL index does it too, but the wire server of
   * scripts/services.sh keeps the index without acting on it; on MongoDB this finds little.
   * A failure only delays the sweep: the batch is counted.
   */
  private async sweepIfDue(now: Date): Promise<void> {
    if (!this.sweeps.due(now)) return;
    try {
      await this.ledgerCollection().deleteMany({ expires_at: { $lt: now } });
    } catch (error) {
      this.logger.warn(`could not sweep the ledger of counted ids: ${String(error)}`);
    }
  }

  // The driver's own collections for the writes: documents are built here already, and
  // mongoose's casting would only cost time.
  private ledgerCollection(): mongo.Collection<MetricIdDocument> {
    return this.ids.collection as unknown as mongo.Collection<MetricIdDocument>;
  }

  private bucketCollection(): mongo.Collection<MetricsMinuteDocument> {
    return this.minutes.collection as unknown as mongo.Collection<MetricsMinuteDocument>;
  }
}
