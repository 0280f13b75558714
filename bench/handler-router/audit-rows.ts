import { ProcessedEventSchema } from '@app/persistence';
import { EventRouter } from '@app/transport/routing';
import { EntityManager } from '@mikro-orm/core';
import type { INestApplication } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { AuditLogSchema } from '../../apps/handler-router/src/audit-log/audit-log.entity';

/** Poll interval: the router's counters (in memory, cheap), then the rows while they lag. */
const POLL_MS = 20;
/** Ids per DELETE statement when cleaning up. */
const DELETE_CHUNK = 10_000;

/** When the run's rows were all stored, and how many events were delivered more than once. */
export interface StoredRows {
  /** `performance.now()` when the database first held all the run's audit rows. */
  readonly storedAt: number;
  /** Redelivered events the router skipped (after a rebalance or a broker restart). */
  readonly duplicates: number;
}

/**
 * Waits until the run's `expected` audit rows are stored, counted by the database (rows of
 * the run's acting user). The router's counters say when it has handled them all, which
 * costs nothing to ask; only from then on is the database asked, every POLL_MS, until the
 * last batch's write has committed. Fails at once when an event is dead-lettered: that
 * would be a bug, not a figure.
 */
export async function waitForAuditRows(
  app: INestApplication,
  userId: string,
  expected: number,
  timeoutMs: number,
): Promise<StoredRows> {
  const router = app.get(EventRouter);
  const deadline = performance.now() + timeoutMs;
  let rows = 0;
  for (;;) {
    const outcome = outcomes(router);
    if (outcome.deadLettered > 0) {
      throw new Error(
        `${outcome.deadLettered} events dead-lettered (${outcome.handled} handled); see the log`,
      );
    }
    if (outcome.handled >= expected) {
      rows = await countAuditRows(app, userId);
      if (rows >= expected) return { storedAt: performance.now(), duplicates: outcome.duplicates };
    }
    if (performance.now() > deadline) {
      throw new Error(
        `${outcome.handled} of ${expected} events handled and ${rows} audit rows stored ` +
          `within ${timeoutMs} ms`,
      );
    }
    await delay(POLL_MS);
  }
}

/** Audit rows of the run's acting user, counted by the database. */
export function countAuditRows(app: INestApplication, userId: string): Promise<number> {
  return app.get(EntityManager).fork().count(AuditLogSchema, { userId });
}

/**
 * Calls back with `performance.now()` once the router is a member of its group on every
 * topic (checked every POLL_MS from now on); returns a function that stops watching.
 */
export function watchJoin(app: INestApplication, joined: (at: number) => void): () => void {
  const router = app.get(EventRouter);
  const check = (): boolean => {
    if (!router.joined) return false;
    joined(performance.now());
    return true;
  };
  if (check()) return () => undefined;
  const timer = setInterval(() => check() && clearInterval(timer), POLL_MS);
  return () => clearInterval(timer);
}

/**
 * Deletes the run's audit rows and the router's processed marks of its events: the shared
 * PostgreSQL tables are not the bench's to fill.
 */
export async function deleteRun(
  app: INestApplication,
  userId: string,
  eventIds: readonly string[],
): Promise<void> {
  const em = app.get(EntityManager).fork();
  const consumer = app.get(EventRouter).group;
  for (let start = 0; start < eventIds.length; start += DELETE_CHUNK) {
    const chunk = eventIds.slice(start, start + DELETE_CHUNK);
    await em.nativeDelete(ProcessedEventSchema, { consumer, eventId: { $in: chunk } });
  }
  await em.nativeDelete(AuditLogSchema, { userId });
}

function outcomes(router: EventRouter): {
  handled: number;
  duplicates: number;
  deadLettered: number;
} {
  const total = { handled: 0, duplicates: 0, deadLettered: 0 };
  for (const { topic, type } of router.registrations()) {
    const counts = router.stats.of(topic, type);
    total.handled += counts.handled;
    total.duplicates += counts.duplicates;
    total.deadLettered += counts.deadLettered;
  }
  return total;
}
