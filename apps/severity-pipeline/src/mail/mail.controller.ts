import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { NotFoundError } from '@app/platform';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ListMailQuery, MailIdParam } from './mail.input';
import type { SentMail } from './sent-mail.entity';
import { SentMailRepository } from './sent-mail.repository';

export interface MailPage {
  readonly items: SentMail[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/**
 * The mail the app sent, newest first, whichever transport took it (`transport`: `mailbox`
 * or `smtp`). With the default transport this is where the error alerts are read. Behind the
 * JWT guard like every `/api` route.
 */
@ApiTags('mail')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No access token, or an expired one' })
@Controller('api/mail')
export class MailController {
  constructor(private readonly sentMail: SentMailRepository) {}

  @ApiOperation({ summary: 'Alerts kept instead of sent (no SMTP_URL), newest first' })
  @Get()
  async list(@Query() { limit, offset }: ListMailQuery): Promise<MailPage> {
    const { items, total } = await this.sentMail.list(limit, offset);
    return { items, total, limit, offset };
  }

  @ApiOperation({ summary: 'One kept alert, with its text' })
  @ApiNotFoundResponse({ description: 'No kept mail with that id' })
  @Get(':id')
  async get(@Param() { id }: MailIdParam): Promise<SentMail> {
    const mail = await this.sentMail.findOne(id);
    if (!mail) throw new NotFoundError('mail', id);
    return mail;
  }
}
