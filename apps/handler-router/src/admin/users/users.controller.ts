import { ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { ApiAdminRoutes } from '../admin-routes.decorator';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ActingUser } from '../acting-user.decorator';
import { IdParam, PageInput } from '../admin.input';
import type { Page } from '../admin-page';
import type { User } from './user.entity';
import { CreateUserInput, UpdateUserInput } from './user.input';
import { UsersService } from './users.service';

/**
 * The admin's users: `POST /admin/users`, `PATCH` and `DELETE /admin/users/:id`, each
 * emitting its `USER_*` event with the `X-User-Id` header as the acting user; reads with
 * `GET`.
 */
@ApiAdminRoutes()
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({ summary: 'Create a user (emits USER_CREATED on user_events)' })
  @Post()
  create(@Body() input: CreateUserInput, @ActingUser() actor: string): Promise<User> {
    return this.users.create(input, actor);
  }

  @ApiOperation({ summary: 'Users, newest first' })
  @Get()
  list(@Query() { limit, offset }: PageInput): Promise<Page<User>> {
    return this.users.list({ limit, offset });
  }

  @ApiOperation({ summary: 'One user' })
  @ApiNotFoundResponse({ description: 'No user with that id' })
  @Get(':id')
  get(@Param() { id }: IdParam): Promise<User> {
    return this.users.get(id);
  }

  @ApiOperation({ summary: 'Change a user (emits USER_UPDATED)' })
  @ApiNotFoundResponse({ description: 'No user with that id' })
  @Patch(':id')
  update(
    @Param() { id }: IdParam,
    @Body() changes: UpdateUserInput,
    @ActingUser() actor: string,
  ): Promise<User> {
    return this.users.update(id, changes, actor);
  }

  @ApiOperation({ summary: 'Delete a user (emits USER_DELETED)' })
  @ApiNotFoundResponse({ description: 'No user with that id' })
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async delete(@Param() { id }: IdParam, @ActingUser() actor: string): Promise<void> {
    await this.users.delete(id, actor);
  }
}
