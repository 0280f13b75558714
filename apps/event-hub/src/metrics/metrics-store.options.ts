import { AppConfig } from '@app/platform';
import type { FactoryProvider } from '@nestjs/common';
import { EventHubConfig } from '../event-hub.config';

/** Injection token of the MetricsStoreOptions the metrics stores read. */
export const METRICS_STORE_OPTIONS = Symbol('METRICS_STORE_OPTIONS');

const HOUR_MS = 3_600_000;

/** How long the ledger of counted ids remembers an id unless configured otherwise. */
export const DEFAULT_LEDGER_RETENTION_HOURS = 24;

export interface MetricsStoreOptions {
  /**
   * How long a counted id is remembered (METRICS_LEDGER_RETENTION_HOURS). A batch delivered
   * again later than that is counted again, so this must exceed the longest time an entry
   * stays pending in the stream; past it, ids are forgotten so the ledger stays bounded.
   */
  readonly ledgerRetentionMs: number;
  /** The clock that stamps ledger entries and decides when they expire; tests move it. */
  readonly now: () => Date;
}

/**
 * The options from event-hub's config, with `overrides` on top (tests set a clock). An app
 * whose config is not EventHubConfig gets the defaults.
 */
export function metricsStoreOptions(
  config: AppConfig,
  overrides: Partial<MetricsStoreOptions> = {},
): MetricsStoreOptions {
  const hours =
    config instanceof EventHubConfig
      ? config.METRICS_LEDGER_RETENTION_HOURS
      : DEFAULT_LEDGER_RETENTION_HOURS;
  return { ledgerRetentionMs: hours * HOUR_MS, now: () => new Date(), ...overrides };
}

/** Provides METRICS_STORE_OPTIONS from the app's config (metricsStoreOptions). */
export function metricsStoreOptionsProvider(
  overrides: Partial<MetricsStoreOptions> = {},
): FactoryProvider<MetricsStoreOptions> {
  return {
    provide: METRICS_STORE_OPTIONS,
    inject: [AppConfig],
    useFactory: (config: AppConfig) => metricsStoreOptions(config, overrides),
  };
}
