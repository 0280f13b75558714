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
import type { Claim } from './claim.entity';
import type { Role } from './role.entity';
import { ClaimInput, ClaimParams, RoleInput } from './role.input';
import { type RoleWithClaims, RolesService } from './roles.service';

/**
 * The admin's roles and their claims: create, rename and delete a role (`ROLE_*` events),
 * add and remove a claim (`CLAIM_ADDED`, `CLAIM_REMOVED`), with the `X-User-Id` header as
 * the acting user; reads with `GET`.
 */
@Controller('admin/roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Post()
  create(@Body() { name }: RoleInput, @ActingUser() actor: string): Promise<Role> {
    return this.roles.create(name, actor);
  }

  @Get()
  list(@Query() { limit, offset }: PageInput): Promise<Page<Role>> {
    return this.roles.list({ limit, offset });
  }

  @Get(':id')
  get(@Param() { id }: IdParam): Promise<RoleWithClaims> {
    return this.roles.get(id);
  }

  @Patch(':id')
  rename(
    @Param() { id }: IdParam,
    @Body() { name }: RoleInput,
    @ActingUser() actor: string,
  ): Promise<Role> {
    return this.roles.rename(id, name, actor);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async delete(@Param() { id }: IdParam, @ActingUser() actor: string): Promise<void> {
    await this.roles.delete(id, actor);
  }

  @Post(':id/claims')
  addClaim(
    @Param() { id }: IdParam,
    @Body() { name }: ClaimInput,
    @ActingUser() actor: string,
  ): Promise<Claim> {
    return this.roles.addClaim(id, name, actor);
  }

  @Delete(':id/claims/:claimId')
  @HttpCode(HttpStatus.NO_CONTENT)
  async removeClaim(
    @Param() { id, claimId }: ClaimParams,
    @ActingUser() actor: string,
  ): Promise<void> {
    await this.roles.removeClaim(id, claimId, actor);
  }
}
