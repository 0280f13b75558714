import { M301Users } from './migrations/m301-users.migration';
import { UserSchema } from './users/user.entity';

/** Auth's tables, for `PersistenceModule.forRoot` in the app and in `createsuperuser`. */
export const AUTH_ENTITIES = [UserSchema];
export const AUTH_MIGRATIONS = [M301Users];
