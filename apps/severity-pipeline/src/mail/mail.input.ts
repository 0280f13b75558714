import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const MAX_MAIL_PAGE = 1000;

/** `GET /api/mail?limit=50&offset=0`, newest first. */
export class ListMailQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_MAIL_PAGE, default: 50 })
  @Max(MAX_MAIL_PAGE)
  @Min(1)
  @IsInt()
  @Type(() => Number)
  @IsOptional()
  limit: number = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @Min(0)
  @IsInt()
  @Type(() => Number)
  @IsOptional()
  offset: number = 0;
}

export class MailIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}
