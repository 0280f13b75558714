import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { ROLE_NAME_MAX_LENGTH } from './role.rules';

/** A role the admin manages; its claims are rows of `admin_claim`. */
export const RoleSchema = defineEntity({
  name: 'Role',
  tableName: 'admin_role',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(ROLE_NAME_MAX_LENGTH).unique(),
    createdAt: p.datetime(3),
    /** Also moved by a claim added or removed: the role changed. */
    updatedAt: p.datetime(3),
  },
});

export type Role = InferEntity<typeof RoleSchema>;
