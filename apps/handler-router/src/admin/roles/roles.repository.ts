import { ConflictError } from '@app/platform';
import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Page, PageRequest } from '../admin-page';
import { type Claim, ClaimSchema } from './claim.entity';
import { type Role, RoleSchema } from './role.entity';

/**
 * The `admin_role` and `admin_claim` tables, bound to one EntityManager (see
 * `UsersRepository`). A claim change also touches its role's `updatedAt`: that locks the
 * role's row, so the events of one role (its claims' included) enter the outbox in the
 * order their transactions commit.
 */
export class RolesRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(role: Role): Promise<void> {
    await this.em.insert(RoleSchema, role).catch((error: unknown) => {
      throw nameTaken(error, 'role', role.name);
    });
  }

  findOne(id: string): Promise<Role | null> {
    return this.em.findOne(RoleSchema, { id });
  }

  /** Renames the role and returns it as it is now, or null when there is none. */
  async update(id: string, changes: Pick<Role, 'name'>, now: Date): Promise<Role | null> {
    const updated = await this.em
      .nativeUpdate(RoleSchema, { id }, { ...changes, updatedAt: now })
      .catch((error: unknown) => {
        throw nameTaken(error, 'role', changes.name);
      });
    return updated > 0 ? this.findOne(id) : null;
  }

  /** Locks the role's row and returns the role, or null when there is none. */
  async touch(id: string, now: Date): Promise<Role | null> {
    const updated = await this.em.nativeUpdate(RoleSchema, { id }, { updatedAt: now });
    return updated > 0 ? this.findOne(id) : null;
  }

  /** Deletes the role with its claims and returns it as it was, or null when there is none. */
  async delete(id: string, now: Date): Promise<Role | null> {
    const role = await this.touch(id, now);
    if (!role) return null;
    await this.em.nativeDelete(ClaimSchema, { roleId: id });
    await this.em.nativeDelete(RoleSchema, { id });
    return role;
  }

  async page({ limit, offset }: PageRequest): Promise<Page<Role>> {
    const [items, totalCount] = await this.em.findAndCount(
      RoleSchema,
      {},
      { limit, offset, orderBy: { createdAt: 'ASC', id: 'ASC' } },
    );
    return { items, totalCount };
  }

  claimsOf(roleId: string): Promise<Claim[]> {
    return this.em.find(ClaimSchema, { roleId }, { orderBy: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insertClaim(claim: Claim): Promise<void> {
    await this.em.insert(ClaimSchema, claim).catch((error: unknown) => {
      throw nameTaken(error, 'claim', claim.name);
    });
  }

  /** Deletes the role's claim and returns it as it was, or null when the role has none such. */
  async deleteClaim(roleId: string, claimId: string): Promise<Claim | null> {
    const claim = await this.em.findOne(ClaimSchema, { id: claimId, roleId });
    if (!claim) return null;
    await this.em.nativeDelete(ClaimSchema, { id: claimId });
    return claim;
  }
}

function nameTaken(error: unknown, entity: 'role' | 'claim', name: string): unknown {
  return error instanceof UniqueConstraintViolationException
    ? new ConflictError(entity, 'name', name)
    : error;
}
