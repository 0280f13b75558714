import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { trim } from '../admin.input';
import { CLAIM_NAME_MAX_LENGTH, ROLE_NAME_MAX_LENGTH } from './role.rules';

/** Body of `POST /admin/roles` and `PATCH /admin/roles/:id`. */
export class RoleInput {
  @ApiProperty({ example: 'editors' })
  @MaxLength(ROLE_NAME_MAX_LENGTH)
  @IsNotEmpty()
  @IsString()
  @Transform(trim)
  name!: string;
}

/** Body of `POST /admin/roles/:id/claims`: the claim to grant, e.g. `users:write`. */
export class ClaimInput {
  @ApiProperty({ example: 'posts:write' })
  @Matches(/^\S+$/, { message: 'name must not contain spaces' })
  @MaxLength(CLAIM_NAME_MAX_LENGTH)
  @IsNotEmpty()
  @IsString()
  @Transform(trim)
  name!: string;
}

/** `/admin/roles/:id/claims/:claimId`. */
export class ClaimParams {
  @ApiProperty({ format: 'uuid', description: 'The role' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'claimId must be a UUID' })
  claimId!: string;
}
