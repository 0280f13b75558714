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
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@Body() input: CreateUserInput, @ActingUser() actor: string): Promise<User> {
    return this.users.create(input, actor);
  }

  @Get()
  list(@Query() { limit, offset }: PageInput): Promise<Page<User>> {
    return this.users.list({ limit, offset });
  }

  @Get(':id')
  get(@Param() { id }: IdParam): Promise<User> {
    return this.users.get(id);
  }

  @Patch(':id')
  update(
    @Param() { id }: IdParam,
    @Body() changes: UpdateUserInput,
    @ActingUser() actor: string,
  ): Promise<User> {
    return this.users.update(id, changes, actor);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async delete(@Param() { id }: IdParam, @ActingUser() actor: string): Promise<void> {
    await this.users.delete(id, actor);
  }
}
