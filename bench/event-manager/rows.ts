import { EntityManager } from '@mikro-orm/core';
import type { INestApplication } from '@nestjs/common';
import { EventSchema } from '../../apps/event-manager/src/events/event.entity';
import { EventsRepository } from '../../apps/event-manager/src/events/events.repository';

let rounds = 0;

/**
 * The name of every event of one bench round, `bench-<run>-<what>-<n>`: unique across runs
 * (the run id) and across the rounds and re-runs of one run (the counter), so a row is never
 * counted for the wrong round, even one stored late from an earlier, failed attempt.
 */
export function roundName(runId: string, what: string): string {
  rounds += 1;
  const slug = what.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `${runPrefix(runId)}${slug}-${rounds}`;
}

/** Rows stored with this name, counted by the database (`allEvents(name:) { totalCount }`). */
export async function countStored(app: INestApplication, name: string): Promise<number> {
  const page = await app.get(EventsRepository).page({ name }, { first: 1 });
  return page.totalCount;
}

/**
 * Deletes every row the run stored so far (the shared PostgreSQL table is not the bench's to
 * fill). Run ids are lower-case letters and digits, so the LIKE pattern matches literally.
 */
export async function deleteStored(app: INestApplication, runId: string): Promise<number> {
  const em = app.get(EntityManager).fork();
  return em.nativeDelete(EventSchema, { name: { $like: `${runPrefix(runId)}%` } });
}

function runPrefix(runId: string): string {
  return `bench-${runId}-`;
}
