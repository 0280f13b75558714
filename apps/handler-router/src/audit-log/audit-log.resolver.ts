import { Args, Query, Resolver } from '@nestjs/graphql';
import { AuditLogFilterInput } from './audit-log-filter.input';
import { AuditLogConnection } from './audit-log.model';
import { AuditLogQuery } from './audit-log.query';

@Resolver()
export class AuditLogResolver {
  constructor(private readonly query: AuditLogQuery) {}

  @Query(() => AuditLogConnection, { description: 'The audit log, newest event first.' })
  async auditLog(
    @Args() { first, after, ...filter }: AuditLogFilterInput,
  ): Promise<AuditLogConnection> {
    const page = await this.query.page(filter, { first, after });
    return {
      edges: page.items.map((node, index) => ({ node, cursor: page.cursors[index] })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }
}
