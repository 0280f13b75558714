import { ConflictError } from '@app/platform';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { type User, UserSchema } from './user.entity';

/** The `auth_user` table. Each call is its own unit of work (a forked manager). */
@Injectable()
export class UsersRepository {
  constructor(private readonly em: EntityManager) {}

  /** Stores a new user; a taken username is a `ConflictError` (HTTP 409). */
  async insert(user: User): Promise<void> {
    await this.em
      .fork()
      .insert(UserSchema, user)
      .catch((error: unknown) => {
        throw error instanceof UniqueConstraintViolationException
          ? new ConflictError('user', 'username', user.username)
          : error;
      });
  }

  findById(id: string): Promise<User | null> {
    return this.em.fork().findOne(UserSchema, { id });
  }

  findByUsername(username: string): Promise<User | null> {
    return this.em.fork().findOne(UserSchema, { username });
  }

  /** Every user, oldest first; a handful of accounts, so no pages. */
  list(): Promise<User[]> {
    return this.em.fork().find(UserSchema, {}, { orderBy: { createdAt: 'ASC', id: 'ASC' } });
  }
}
