import type { Constructor, EntitySchema, MigrationObject } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';

export const PERSISTENCE_OPTIONS = Symbol('PERSISTENCE_OPTIONS');

export interface PersistenceOptions {
  /** The app's own entities; the inbox entity is always added. */
  entities?: EntitySchema[];
  /** The app's own migrations, run in order after the shared ones at start-up. */
  migrations?: (MigrationObject | Constructor<Migration>)[];
}
