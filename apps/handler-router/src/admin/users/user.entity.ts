import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { EMAIL_MAX_LENGTH, USERNAME_MAX_LENGTH } from './user.rules';

/** A user the admin manages (the seed's admin microservice's own state). */
export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'admin_user',
  properties: {
    id: p.uuid().primary(),
    username: p.string().length(USERNAME_MAX_LENGTH).unique(),
    email: p.string().length(EMAIL_MAX_LENGTH),
    createdAt: p.datetime(3),
    updatedAt: p.datetime(3),
  },
});

export type User = InferEntity<typeof UserSchema>;
