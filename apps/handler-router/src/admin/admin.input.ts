import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const ADMIN_PAGE_MAX = 1000;

/** Trims surrounding spaces from a string, so ` ada ` and `ada` are one username. */
export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

/** `?limit=100&offset=0` of the admin lists. */
export class PageInput {
  @ApiPropertyOptional({ minimum: 1, maximum: ADMIN_PAGE_MAX, default: 100 })
  @Max(ADMIN_PAGE_MAX)
  @Min(1)
  @IsInt()
  @Type(() => Number)
  @IsOptional()
  limit: number = 100;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @Min(0)
  @IsInt()
  @Type(() => Number)
  @IsOptional()
  offset: number = 0;
}

/** `/admin/users/:id`, `/admin/roles/:id`. */
export class IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}
