import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArgsType, Field, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_ACTIONS, type AuditAction } from './audit-action';

export const AUDIT_PAGE_MAX = 1000;

/**
 * Filters and paging of the audit log, the same for `GET /audit-log?...` and the GraphQL
 * `auditLog(...)` query. Times are ISO 8601; `from` is inclusive, `to` exclusive.
 */
@ArgsType()
export class AuditLogFilterInput {
  @ApiPropertyOptional({ description: 'Entity name, e.g. Users or Roles' })
  @Field({ nullable: true, description: 'Entity name, e.g. Users or Roles.' })
  @MaxLength(255)
  @IsString()
  @IsOptional()
  entityName?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  @MaxLength(255)
  @IsString()
  @IsOptional()
  userId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @Field(() => String, { nullable: true, description: AUDIT_ACTIONS.join(', ') })
  @IsIn(AUDIT_ACTIONS, { message: `action must be one of: ${AUDIT_ACTIONS.join(', ')}` })
  @IsOptional()
  action?: AuditAction;

  @ApiPropertyOptional({ description: 'Event type, e.g. CLAIM_ADDED' })
  @Field({ nullable: true, description: 'Event type, e.g. CLAIM_ADDED.' })
  @MaxLength(255)
  @IsString()
  @IsOptional()
  eventType?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  @MaxLength(255)
  @IsString()
  @IsOptional()
  eventId?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @Field({ nullable: true })
  @IsDate({ message: 'from must be an ISO 8601 time' })
  @Type(() => Date)
  @IsOptional()
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @Field({ nullable: true })
  @IsDate({ message: 'to must be an ISO 8601 time' })
  @Type(() => Date)
  @IsOptional()
  to?: Date;

  @ApiPropertyOptional({ minimum: 1, maximum: AUDIT_PAGE_MAX, default: 50 })
  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @Max(AUDIT_PAGE_MAX)
  @Min(1)
  @IsInt()
  @Type(() => Number)
  @IsOptional()
  first: number = 50;

  @ApiPropertyOptional({ description: 'endCursor of the previous page' })
  @Field({ nullable: true, description: 'endCursor of the previous page.' })
  @IsString()
  @IsOptional()
  after?: string;
}
