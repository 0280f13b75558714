import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { Events } from '../../events/events.enum';
import { Topics } from '../../events/topics.enum';
import type { AdminEventValue } from '../admin-event';
import type { Page, PageRequest } from '../admin-page';
import { AdminStore } from '../admin.store';
import { AdminUnitOfWork } from '../admin-unit-of-work';
import type { Claim } from './claim.entity';
import type { Role } from './role.entity';

/** What `ROLE_*` events carry in `data`. */
export interface RoleEventData {
  readonly id: string;
  readonly name: string;
}

/** What `CLAIM_ADDED` and `CLAIM_REMOVED` carry in `data`: the seed's `id` and `roleId`. */
export interface ClaimEventData {
  readonly id: string;
  readonly roleId: string;
  readonly name: string;
}

/** A role with its claims, as `GET /admin/roles/:id` shows it. */
export interface RoleWithClaims extends Role {
  readonly claims: Claim[];
}

/**
 * The admin's role and claim use cases: each changes the state and emits its event on
 * `role_events` (`ROLE_CREATED`, `ROLE_UPDATED`, `ROLE_DELETED`, `CLAIM_ADDED`,
 * `CLAIM_REMOVED`) in one transaction. Deleting a role deletes its claims and emits
 * `ROLE_DELETED` only: one operation, one event.
 */
@Injectable()
export class RolesService {
  constructor(
    private readonly unitOfWork: AdminUnitOfWork,
    private readonly store: AdminStore,
  ) {}

  create(name: string, actor: string): Promise<Role> {
    const now = new Date();
    const role: Role = { id: randomUUID(), name, createdAt: now, updatedAt: now };
    return this.unitOfWork.run(async ({ roles, emit }) => {
      await roles.insert(role);
      await emit(Topics.ROLE_EVENTS, Events.ROLE_CREATED, roleValue(actor, role));
      return role;
    });
  }

  rename(id: string, name: string, actor: string): Promise<Role> {
    return this.unitOfWork.run(async ({ roles, emit }) => {
      const role = (await roles.update(id, { name }, new Date())) ?? roleNotFound(id);
      await emit(Topics.ROLE_EVENTS, Events.ROLE_UPDATED, roleValue(actor, role));
      return role;
    });
  }

  delete(id: string, actor: string): Promise<Role> {
    return this.unitOfWork.run(async ({ roles, emit }) => {
      const role = (await roles.delete(id, new Date())) ?? roleNotFound(id);
      await emit(Topics.ROLE_EVENTS, Events.ROLE_DELETED, roleValue(actor, role));
      return role;
    });
  }

  addClaim(roleId: string, name: string, actor: string): Promise<Claim> {
    const claim: Claim = { id: randomUUID(), roleId, name, createdAt: new Date() };
    return this.unitOfWork.run(async ({ roles, emit }) => {
      if (!(await roles.touch(roleId, claim.createdAt))) roleNotFound(roleId);
      await roles.insertClaim(claim);
      await emit(Topics.ROLE_EVENTS, Events.CLAIM_ADDED, claimValue(actor, claim));
      return claim;
    });
  }

  removeClaim(roleId: string, claimId: string, actor: string): Promise<Claim> {
    return this.unitOfWork.run(async ({ roles, emit }) => {
      if (!(await roles.touch(roleId, new Date()))) roleNotFound(roleId);
      const claim =
        (await roles.deleteClaim(roleId, claimId)) ??
        notFound('claim', `${claimId} of role ${roleId}`);
      await emit(Topics.ROLE_EVENTS, Events.CLAIM_REMOVED, claimValue(actor, claim));
      return claim;
    });
  }

  get(id: string): Promise<RoleWithClaims> {
    return this.store.read(async ({ roles }) => {
      const role = (await roles.findOne(id)) ?? roleNotFound(id);
      return { ...role, claims: await roles.claimsOf(id) };
    });
  }

  list(page: PageRequest): Promise<Page<Role>> {
    return this.store.read(({ roles }) => roles.page(page));
  }
}

function roleValue(actor: string, { id, name }: Role): AdminEventValue<RoleEventData> {
  return { userId: actor, data: { id, name } };
}

function claimValue(actor: string, { id, roleId, name }: Claim): AdminEventValue<ClaimEventData> {
  return { userId: actor, data: { id, roleId, name } };
}

function roleNotFound(id: string): never {
  return notFound('role', id);
}

function notFound(entity: string, key: string): never {
  throw new NotFoundError(entity, key);
}
