import { PlatformModule } from '@app/platform';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { type INestApplication, Module } from '@nestjs/common';
import { v7 as uuidV7 } from 'uuid';
import { EventHubConfig } from '../../event-hub.config';
import { type EventStoreBackend, EventStoreModule } from '../../events/event-store.module';
import type { MetricSample, MetricsStore, MinuteBucket } from '../metrics.store';
import { MetricsStoreModule } from '../metrics-store.module';
import type { MetricsStoreOptions } from '../metrics-store.options';

/** One store per test, on an empty database of its own. */
export interface MetricsStoreFixture {
  /** `overrides` replace the options read from config (the retention case sets a clock). */
  open(overrides?: Partial<MetricsStoreOptions>): Promise<MetricsStore>;
  /** Closes the store opened last and drops its database. */
  close(): Promise<void>;
  /**
   * Makes `record` fail after the first of its two writes (the ledger's and the buckets', in
   * the adapter's order), as a process dying there would, until the returned function is
   * called.
   */
  interruptRecords(): Promise<() => Promise<void>>;
}

/**
 * Boots the backend's metrics module as the app will, beside the events' module of the same
 * backend (one connection for both; migrations or indexes included), with the given
 * environment (`DATABASE_URL` or `MONGO_URL`). Close the app with `app.close()`.
 */
export async function startMetricsStoreApp(
  backend: EventStoreBackend,
  env: Record<string, string>,
  overrides: Partial<MetricsStoreOptions> = {},
): Promise<INestApplication> {
  @Module({
    imports: [
      PlatformModule.forApp({ name: 'metrics-store-spec', config: EventHubConfig }),
      EventStoreModule.forBackend(backend),
      MetricsStoreModule.forBackend(backend, overrides),
    ],
  })
  class MetricsStoreSpecModule {}
  return createTestApp(MetricsStoreSpecModule, env);
}

const T0 = Date.parse('2024-01-15T10:30:00.000Z');
const HOUR = 3_600_000;

/** The instant `seconds` after 10:30 UTC on 15 January 2024. */
export function at(seconds: number): Date {
  return new Date(T0 + seconds * 1000);
}

/** A purchase of 150.75 at `at(seconds)`; ids are UUIDv7. */
export function sample(overrides: Partial<MetricSample> = {}, seconds = 0): MetricSample {
  return { id: uuidV7(), event_type: 'purchase', amount: 150.75, at: at(seconds), ...overrides };
}

function bucket(
  seconds: number,
  event_type: MinuteBucket['event_type'],
  count: number,
  total_amount: number,
): MinuteBucket {
  return { minute: at(seconds), event_type, count, total_amount };
}

/** What every MetricsStore adapter promises (metrics.store.ts), on each database it supports. */
export function runMetricsStoreContract(name: string, fixture: MetricsStoreFixture): void {
  describe(`MetricsStore on ${name}`, () => {
    let store: MetricsStore;

    afterEach(() => fixture.close());

    describe('with the configured options', () => {
      beforeEach(async () => {
        store = await fixture.open();
      });

      const day = () => store.buckets(at(-HOUR / 1000), at(HOUR / 1000));

      it('has no buckets while empty, and an empty batch counts nothing', async () => {
        expect(await store.buckets(new Date(0), new Date('3000-01-01T00:00Z'))).toEqual([]);
        expect(await store.record([])).toBe(0);
        expect(await day()).toEqual([]);
      });

      it('counts each event in the bucket of its UTC minute and its type', async () => {
        const recorded = await store.record([
          sample({ amount: 150.75 }, 0),
          sample({ amount: 1 }, 59.999),
          sample({ event_type: 'refund', amount: 20 }, 30),
          sample({ amount: 2 }, 60),
          sample({ event_type: 'return', amount: 5 }, -0.001),
        ]);

        expect(recorded).toBe(5);
        expect(await day()).toEqual([
          bucket(-60, 'return', 1, 5),
          bucket(0, 'purchase', 2, 151.75),
          bucket(0, 'refund', 1, 20),
          bucket(60, 'purchase', 1, 2),
        ]);
        for (const { minute } of await day()) expect(minute).toBeInstanceOf(Date);
      });

      it('adds amounts up exactly to the cent, where doubles would drift', async () => {
        await store.record([
          sample({ event_type: 'refund', amount: 0.1 }),
          sample({ event_type: 'refund', amount: 0.2 }),
        ]);
        for (let batch = 0; batch < 10; batch += 1) {
          await store.record(Array.from({ length: 100 }, () => sample({ amount: 0.1 })));
        }
        await store.record([
          sample({ event_type: 'return', amount: 999_999_999.99 }),
          sample({ event_type: 'return', amount: 999_999_999.99 }),
          sample({ event_type: 'return', amount: 999_999_999.99 }),
          sample({ event_type: 'return', amount: 0.01 }),
        ]);

        expect(await day()).toEqual([
          bucket(0, 'purchase', 1000, 100),
          bucket(0, 'refund', 2, 0.3),
          bucket(0, 'return', 4, 2_999_999_999.98),
        ]);
      });

      it('keeps totals past 32 bits of cents, summed over several batches', async () => {
        for (let batch = 0; batch < 3; batch += 1) {
          await store.record([sample({ amount: 15_000_000.01 })]);
        }

        expect(await day()).toEqual([bucket(0, 'purchase', 3, 45_000_000.03)]);
      });

      it('counts an id repeated within a batch once, keeping its first sample', async () => {
        const first = sample({ amount: 10 });

        expect(await store.record([first, { ...first, amount: 1 }, sample({ amount: 2 })])).toBe(2);
        expect(await day()).toEqual([bucket(0, 'purchase', 2, 12)]);
      });

      it('counts nothing again when the same batch comes again', async () => {
        const batch = [sample(), sample({}, 60), sample({ event_type: 'refund' })];

        expect(await store.record(batch)).toBe(3);
        const counted = await day();
        expect(await store.record(batch)).toBe(0);
        expect(await day()).toEqual(counted);
      });

      it('counts only the new events of a batch overlapping earlier ones', async () => {
        const [a, b, c, d] = [1, 2, 3, 4].map((amount) => sample({ amount }));
        await store.record([a, b]);

        expect(await store.record([b, c, a, d])).toBe(2);
        expect(await day()).toEqual([bucket(0, 'purchase', 4, 10)]);
      });

      it('reads ids as UUIDs, whatever their case', async () => {
        const event = sample();
        await store.record([event]);

        expect(await store.record([{ ...event, id: event.id.toUpperCase() }])).toBe(0);
        expect(await day()).toEqual([bucket(0, 'purchase', 1, 150.75)]);
      });

      it('refuses a batch holding an amount no bucket can add, counting none of it', async () => {
        const good = sample();

        await expect(store.record([good, sample({ amount: Number.NaN })])).rejects.toThrow(
          /amount NaN/,
        );
        expect(await day()).toEqual([]);
        expect(await store.record([good])).toBe(1);
      });

      it('reads the buckets whose minute starts in [from, to), oldest first', async () => {
        await store.record([-60, 0, 60, 120].map((seconds) => sample({}, seconds)));
        const minutes = async (from: Date, to: Date) =>
          (await store.buckets(from, to)).map(({ minute }) => minute.toISOString());

        expect(await minutes(at(0), at(120))).toEqual([at(0), at(60)].map((d) => d.toISOString()));
        // A bucket belongs to the instant its minute starts: 10:30 starts before 10:30:30.
        expect(await minutes(at(30), at(120.001))).toEqual(
          [at(60), at(120)].map((d) => d.toISOString()),
        );
        expect(await minutes(at(0), at(0))).toEqual([]);
        expect(await minutes(at(180), at(600))).toEqual([]);
      });

      it('orders buckets by minute, then type, whatever order they were counted in', async () => {
        await store.record([sample({ event_type: 'return' }, 60)]);
        await store.record([sample({ event_type: 'refund' }, 0), sample({}, 60)]);
        await store.record([sample({ event_type: 'return' }, 0), sample({}, 0)]);

        expect((await day()).map(({ minute, event_type }) => [minute, event_type])).toEqual([
          [at(0), 'purchase'],
          [at(0), 'refund'],
          [at(0), 'return'],
          [at(60), 'purchase'],
          [at(60), 'return'],
        ]);
      });

      it('counts a batch of thousands over many minutes and types', async () => {
        const types = ['purchase', 'return', 'refund'] as const;
        const batch = Array.from({ length: 6000 }, (_, i) =>
          sample({ event_type: types[i % 3], amount: 0.01 }, (i % 10) * 60),
        );

        expect(await store.record(batch)).toBe(6000);
        expect(await store.record(batch.slice(5000))).toBe(0);
        const buckets = await day();
        expect(buckets).toHaveLength(30);
        expect(
          buckets.every(({ count, total_amount }) => count === 200 && total_amount === 2),
        ).toBe(true);
      });

      it('counts each event once when batches sharing ids are recorded at once', async () => {
        const events = Array.from({ length: 300 }, (_, i) =>
          sample({ amount: 0.01 * (i + 1) }, (i % 3) * 60),
        );
        // Eight batches of 150 events each, every event in several of them, in other orders.
        const batches = Array.from({ length: 8 }, (_, b) =>
          events.filter((_, i) => (i * 7 + b * 13) % 16 < 8).reverse(),
        );
        const union = new Set(batches.flat());

        const recorded = await Promise.all(batches.map((batch) => store.record(batch)));

        expect(recorded.reduce((sum, n) => sum + n, 0)).toBe(union.size);
        const buckets = await day();
        expect(buckets.reduce((sum, { count }) => sum + count, 0)).toBe(union.size);
        const cents = [...union].reduce((sum, event) => sum + Math.round(event.amount * 100), 0);
        const total = buckets.reduce((sum, { total_amount }) => sum + total_amount * 100, 0);
        expect(Math.round(total)).toBe(cents);
      });

      it('counts a batch cut short by a crash when it comes again, never zero times', async () => {
        const batch = [sample({ amount: 1 }), sample({ amount: 2 })];
        const heal = await fixture.interruptRecords();
        await expect(store.record(batch)).rejects.toThrow();
        await heal();

        const recorded = await store.record(batch);
        const [counted] = await day();

        if (store.features.exactlyOnceOnCrash) {
          expect(recorded).toBe(2);
          expect(counted).toEqual(bucket(0, 'purchase', 2, 3));
        } else {
          // At least once: counted by the cut-short attempt, by the redelivery, or by both.
          expect([2, 4]).toContain(counted.count);
          expect(counted.total_amount).toBe((counted.count / 2) * 3);
        }
        expect(await store.record(batch)).toBe(0);
      });
    });

    it('forgets the ids counted longer ago than the retention, and only those', async () => {
      // From the real time on, so that MongoDB's own TTL monitor deletes nothing early.
      const start = Date.now();
      let now = new Date(start);
      store = await fixture.open({ ledgerRetentionMs: 24 * HOUR, now: () => now });
      const early = sample();
      const late = sample();
      await store.record([early]);

      now = new Date(start + 23 * HOUR);
      await store.record([late]);
      expect(await store.record([early])).toBe(0);

      // Two minutes past the retention of `early`: the next batch sweeps the ledger.
      now = new Date(start + 24 * HOUR + 2 * 60_000);
      await store.record([sample()]);

      expect(await store.record([early])).toBe(1);
      expect(await store.record([late])).toBe(0);
    });
  });
}
