import { ConflictError } from '@app/platform';
import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Page, PageRequest } from '../admin-page';
import { type User, UserSchema } from './user.entity';

export type UserChanges = Partial<Pick<User, 'username' | 'email'>>;

/**
 * The `admin_user` table, bound to one EntityManager: inside `AdminStore.transaction` every
 * call is part of that transaction. Writes are native statements run at once, so a row is
 * locked (PostgreSQL) before the transaction's event takes its place in the outbox.
 */
export class UsersRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(user: User): Promise<void> {
    await this.em.insert(UserSchema, user).catch((error: unknown) => {
      throw usernameTaken(error, user.username);
    });
  }

  findOne(id: string): Promise<User | null> {
    return this.em.findOne(UserSchema, { id });
  }

  /**
   * Applies the changes (a field left undefined keeps its value) and returns the user as it
   * is now, or null when there is none.
   */
  async update(id: string, changes: UserChanges, now: Date): Promise<User | null> {
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const updated = await this.em
      .nativeUpdate(UserSchema, { id }, { ...set, updatedAt: now })
      .catch((error: unknown) => {
        throw usernameTaken(error, changes.username ?? '');
      });
    return updated > 0 ? this.findOne(id) : null;
  }

  /** Deletes the user and returns it as it was, or null when there is none. */
  async delete(id: string, now: Date): Promise<User | null> {
    // Lock the row first, so what we read is what we delete, even with a concurrent update.
    if ((await this.em.nativeUpdate(UserSchema, { id }, { updatedAt: now })) === 0) return null;
    const user = await this.findOne(id);
    await this.em.nativeDelete(UserSchema, { id });
    return user;
  }

  async page({ limit, offset }: PageRequest): Promise<Page<User>> {
    const [items, totalCount] = await this.em.findAndCount(
      UserSchema,
      {},
      { limit, offset, orderBy: { createdAt: 'ASC', id: 'ASC' } },
    );
    return { items, totalCount };
  }
}

function usernameTaken(error: unknown, username: string): unknown {
  return error instanceof UniqueConstraintViolationException
    ? new ConflictError('user', 'username', username)
    : error;
}
