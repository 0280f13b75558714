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
import type { Claim } from './claim.entity';
import type { Role } from './role.entity';
import { ClaimInput, ClaimParams, RoleInput } from './role.input';
import { type RoleWithClaims, RolesService } from './roles.service';

/**
 * The admin's roles and their claims: create, rename and delete a role (`ROLE_*` events),
 * add and remove a claim (`CLAIM_ADDED`, `CLAIM_REMOVED`), with the `X-User-Id` header as
 * the acting user; reads with `GET`.
 */
@ApiAdminRoutes()
@Controller('admin/roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @ApiOperation({ summary: 'Create a role (emits ROLE_CREATED on role_events)' })
  @Post()
  create(@Body() { name }: RoleInput, @ActingUser() actor: string): Promise<Role> {
    return this.roles.create(name, actor);
  }

  @ApiOperation({ summary: 'Roles, newest first' })
  @Get()
  list(@Query() { limit, offset }: PageInput): Promise<Page<Role>> {
    return this.roles.list({ limit, offset });
  }

  @ApiOperation({ summary: 'One role, with its claims' })
  @ApiNotFoundResponse({ description: 'No role with that id' })
  @Get(':id')
  get(@Param() { id }: IdParam): Promise<RoleWithClaims> {
    return this.roles.get(id);
  }

  @ApiOperation({ summary: 'Rename a role (emits ROLE_UPDATED)' })
  @ApiNotFoundResponse({ description: 'No role with that id' })
  @Patch(':id')
  rename(
    @Param() { id }: IdParam,
    @Body() { name }: RoleInput,
    @ActingUser() actor: string,
  ): Promise<Role> {
    return this.roles.rename(id, name, actor);
  }

  @ApiOperation({ summary: 'Delete a role (emits ROLE_DELETED)' })
  @ApiNotFoundResponse({ description: 'No role with that id' })
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async delete(@Param() { id }: IdParam, @ActingUser() actor: string): Promise<void> {
    await this.roles.delete(id, actor);
  }

  @ApiOperation({ summary: 'Add a claim to a role (emits CLAIM_ADDED)' })
  @ApiNotFoundResponse({ description: 'No role with that id' })
  @Post(':id/claims')
  addClaim(
    @Param() { id }: IdParam,
    @Body() { name }: ClaimInput,
    @ActingUser() actor: string,
  ): Promise<Claim> {
    return this.roles.addClaim(id, name, actor);
  }

  @ApiOperation({ summary: 'Remove a claim from a role (emits CLAIM_REMOVED)' })
  @ApiNotFoundResponse({ description: 'No such role or claim' })
  @Delete(':id/claims/:claimId')
  @HttpCode(HttpStatus.NO_CONTENT)
  async removeClaim(
    @Param() { id, claimId }: ClaimParams,
    @ActingUser() actor: string,
  ): Promise<void> {
    await this.roles.removeClaim(id, claimId, actor);
  }
}
