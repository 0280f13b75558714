import { randomUUID } from 'node:crypto';
import { InputValidationError, NotFoundError } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { Events } from '../../events/events.enum';
import { Topics } from '../../events/topics.enum';
import type { AdminEventValue } from '../admin-event';
import type { Page, PageRequest } from '../admin-page';
import { AdminStore } from '../admin.store';
import { AdminUnitOfWork } from '../admin-unit-of-work';
import type { User } from './user.entity';
import type { CreateUserInput, UpdateUserInput } from './user.input';

/** What `USER_*` events carry in `data`. */
export interface UserEventData {
  readonly id: string;
  readonly username: string;
  readonly email: string;
}

/**
 * The admin's user use cases: each changes the state and emits its event (`USER_CREATED`,
 * `USER_UPDATED`, `USER_DELETED` on `user_events`) in one transaction.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly unitOfWork: AdminUnitOfWork,
    private readonly store: AdminStore,
  ) {}

  create({ username, email }: CreateUserInput, actor: string): Promise<User> {
    const now = new Date();
    const user: User = { id: randomUUID(), username, email, createdAt: now, updatedAt: now };
    return this.unitOfWork.run(async ({ users, emit }) => {
      await users.insert(user);
      await emit(Topics.USER_EVENTS, Events.USER_CREATED, valueOf(actor, user));
      return user;
    });
  }

  async update(id: string, changes: UpdateUserInput, actor: string): Promise<User> {
    if (changes.username === undefined && changes.email === undefined) {
      throw InputValidationError.of('(body)', 'must change at least one of: username, email');
    }
    return this.unitOfWork.run(async ({ users, emit }) => {
      const user = (await users.update(id, changes, new Date())) ?? notFound(id);
      await emit(Topics.USER_EVENTS, Events.USER_UPDATED, valueOf(actor, user));
      return user;
    });
  }

  delete(id: string, actor: string): Promise<User> {
    return this.unitOfWork.run(async ({ users, emit }) => {
      const user = (await users.delete(id, new Date())) ?? notFound(id);
      await emit(Topics.USER_EVENTS, Events.USER_DELETED, valueOf(actor, user));
      return user;
    });
  }

  async get(id: string): Promise<User> {
    return (await this.store.read(({ users }) => users.findOne(id))) ?? notFound(id);
  }

  list(page: PageRequest): Promise<Page<User>> {
    return this.store.read(({ users }) => users.page(page));
  }
}

function valueOf(actor: string, { id, username, email }: User): AdminEventValue<UserEventData> {
  return { userId: actor, data: { id, username, email } };
}

function notFound(id: string): never {
  throw new NotFoundError('user', id);
}
