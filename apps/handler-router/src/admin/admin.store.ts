import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { OutboxRepository } from './outbox/outbox.repository';
import { RolesRepository } from './roles/roles.repository';
import { UsersRepository } from './users/users.repository';

/** The admin's repositories, all bound to one EntityManager (and its transaction, if any). */
export interface AdminRepositories {
  readonly users: UsersRepository;
  readonly roles: RolesRepository;
  readonly outbox: OutboxRepository;
}

/**
 * The admin's SQL store: hands out repositories bound to a fresh unit of work, in a
 * transaction for writes (committed when `work` resolves, rolled back when it throws).
 */
@Injectable()
export class AdminStore {
  constructor(private readonly em: EntityManager) {}

  transaction<T>(work: (repositories: AdminRepositories) => Promise<T>): Promise<T> {
    return this.em.fork().transactional((tx) => work(repositoriesOf(tx)));
  }

  read<T>(work: (repositories: AdminRepositories) => Promise<T>): Promise<T> {
    return work(repositoriesOf(this.em.fork()));
  }
}

function repositoriesOf(em: EntityManager): AdminRepositories {
  return {
    users: new UsersRepository(em),
    roles: new RolesRepository(em),
    outbox: new OutboxRepository(em),
  };
}
