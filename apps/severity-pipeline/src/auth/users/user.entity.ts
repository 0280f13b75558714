import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { USERNAME_MAX_LENGTH, USER_ROLES } from './user.rules';

/** Someone who may call the API: the seed's Django user, reduced to what the API uses. */
export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'auth_user',
  properties: {
    id: p.uuid().primary(),
    username: p.string().length(USERNAME_MAX_LENGTH).unique(),
    /** argon2id in PHC string form (`$argon2id$v=19$m=...`); it names its own parameters. */
    passwordHash: p.string().length(255),
    role: p.enum(USER_ROLES),
    createdAt: p.datetime(3),
  },
});

export type User = InferEntity<typeof UserSchema>;
