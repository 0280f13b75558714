import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Controller, Get } from '@nestjs/common';
import { CurrentUser, Roles } from '../auth.decorators';
import { AUTH_ERRORS, AuthenticationFailedError } from '../auth.errors';
import type { TokenSubject } from '../tokens/token.claims';
import { type UserView, UsersService } from './users.service';

/** `GET /api/me`: who the token belongs to; `GET /api/users`: every user (admins only). */
@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No access token, or an expired one' })
@Controller('api')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({ summary: 'The caller: username and role' })
  @Get('me')
  async me(@CurrentUser() caller: TokenSubject): Promise<UserView> {
    const user = await this.users.findById(caller.id);
    if (user === null) throw new AuthenticationFailedError(AUTH_ERRORS.userNotFound);
    return user;
  }

  @ApiOperation({ summary: 'Every user (admins only)' })
  @ApiForbiddenResponse({ description: 'The caller is no admin' })
  @Get('users')
  @Roles('admin')
  list(): Promise<UserView[]> {
    return this.users.list();
  }
}
