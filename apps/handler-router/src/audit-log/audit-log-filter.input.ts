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
  @Field({ nullable: true, description: 'Entity name, e.g. Users or Roles.' })
  @MaxLength(255)
  @IsString()
  @IsOptional()
  entityName?: string;

  @Field({ nullable: true })
  @MaxLength(255)
  @IsString()
  @IsOptional()
  userId?: string;

  @Field(() => String, { nullable: true, description: AUDIT_ACTIONS.join(', ') })
  @IsIn(AUDIT_ACTIONS, { message: `action must be one of: ${AUDIT_ACTIONS.join(', ')}` })
  @IsOptional()
  action?: AuditAction;

  @Field({ nullable: true, description: 'Event type, e.g. CLAIM_ADDED.' })
  @MaxLength(255)
  @IsString()
  @IsOptional()
  eventType?: string;

  @Field({ nullable: true })
  @MaxLength(255)
  @IsString()
  @IsOptional()
  eventId?: string;

  @Field({ nullable: true })
  @IsDate({ message: 'from must be an ISO 8601 time' })
  @Type(() => Date)
  @IsOptional()
  from?: Date;

  @Field({ nullable: true })
  @IsDate({ message: 'to must be an ISO 8601 time' })
  @Type(() => Date)
  @IsOptional()
  to?: Date;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @Max(AUDIT_PAGE_MAX)
  @Min(1)
  @IsInt()
  @Type(() => Number)
  @IsOptional()
  first: number = 50;

  @Field({ nullable: true, description: 'endCursor of the previous page.' })
  @IsString()
  @IsOptional()
  after?: string;
}
