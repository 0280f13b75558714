import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { USERNAME_MAX_LENGTH, USERNAME_PATTERN, USER_ROLES, type UserRole } from './user.rules';

/** A new user: what `createsuperuser` (and any later user API) asks `UsersService` for. */
export class CreateUserCommand {
  @Matches(USERNAME_PATTERN, {
    message: 'username may contain only letters, digits and @ . + - _',
  })
  @MaxLength(USERNAME_MAX_LENGTH)
  @IsNotEmpty()
  @IsString()
  username!: string;

  /** Checked against the password rules (`passwordWeakness`) once the username is known. */
  @IsNotEmpty()
  @IsString()
  password!: string;

  @IsIn(USER_ROLES, { message: `role must be one of: ${USER_ROLES.join(', ')}` })
  role!: UserRole;
}
