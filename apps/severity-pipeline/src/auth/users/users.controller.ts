import { Controller, Get } from '@nestjs/common';
import { CurrentUser, Roles } from '../auth.decorators';
import { AUTH_ERRORS, AuthenticationFailedError } from '../auth.errors';
import type { TokenSubject } from '../tokens/token.claims';
import { type UserView, UsersService } from './users.service';

/** `GET /api/me`: who the token belongs to; `GET /api/users`: every user (admins only). */
@Controller('api')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  async me(@CurrentUser() caller: TokenSubject): Promise<UserView> {
    const user = await this.users.findById(caller.id);
    if (user === null) throw new AuthenticationFailedError(AUTH_ERRORS.userNotFound);
    return user;
  }

  @Get('users')
  @Roles('admin')
  list(): Promise<UserView[]> {
    return this.users.list();
  }
}
