import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { type SentMail, SentMailSchema } from './sent-mail.entity';

/** The `sent_mail` table, through MikroORM; each call is its own unit of work. */
@Injectable()
export class SentMailRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Keeps a sent mail; false when one with its Message-ID is kept already (the same mail sent
   * again by a retried job), which is not an error.
   */
  async record(mail: SentMail): Promise<boolean> {
    try {
      await this.em.fork().insert(SentMailSchema, mail);
      return true;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return false;
      throw error;
    }
  }

  findOne(id: string): Promise<SentMail | null> {
    return this.em.fork().findOne(SentMailSchema, { id });
  }

  findByMessageId(messageId: string): Promise<SentMail | null> {
    return this.em.fork().findOne(SentMailSchema, { messageId });
  }

  /** Newest first. */
  async list(limit: number, offset: number): Promise<{ items: SentMail[]; total: number }> {
    const [items, total] = await this.em
      .fork()
      .findAndCount(SentMailSchema, {}, { orderBy: { sentAt: 'DESC', id: 'DESC' }, limit, offset });
    return { items, total };
  }
}
