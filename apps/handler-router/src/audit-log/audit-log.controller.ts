import { ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Controller, Get, Query } from '@nestjs/common';
import { AuditLogFilterInput } from './audit-log-filter.input';
import type { AuditLog } from './audit-log.entity';
import { AuditLogQuery } from './audit-log.query';

export interface AuditLogPageView {
  readonly items: AuditLog[];
  readonly totalCount: number;
  /** Pass as `after` for the next page; null on the last one. */
  readonly nextCursor: string | null;
}

/** `GET /audit-log?entityName=Roles&action=OTHER&from=...&first=50&after=...`, newest first. */
@ApiTags('audit log')
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogQuery) {}

  @ApiOperation({ summary: 'Audit entries, newest first, filtered; a page at a time (after)' })
  @ApiBadRequestResponse({ description: 'A filter breaks a rule: the answer names it' })
  @Get()
  async list(@Query() { first, after, ...filter }: AuditLogFilterInput): Promise<AuditLogPageView> {
    const page = await this.auditLog.page(filter, { first, after });
    return {
      items: page.items,
      totalCount: page.totalCount,
      nextCursor: page.hasNextPage ? page.endCursor : null,
    };
  }
}
