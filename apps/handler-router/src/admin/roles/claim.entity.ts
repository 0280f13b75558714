import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { CLAIM_NAME_MAX_LENGTH } from './role.rules';

/**
 * A claim granted to one role (e.g. `users:write`); unique by name within its role. Deleting
 * the role deletes its claims.
 */
export const ClaimSchema = defineEntity({
  name: 'Claim',
  tableName: 'admin_claim',
  properties: {
    id: p.uuid().primary(),
    roleId: p.uuid(),
    name: p.string().length(CLAIM_NAME_MAX_LENGTH),
    createdAt: p.datetime(3),
  },
});

export type Claim = InferEntity<typeof ClaimSchema>;
