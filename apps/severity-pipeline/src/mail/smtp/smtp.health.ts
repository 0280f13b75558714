import { ReadinessCheck, type ReadinessIndicator } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { type HealthCheckAttempt, HealthIndicatorService } from '@nestjs/terminus';
import { SmtpTransport } from './smtp.transport';

/** Longest wait for the server to greet and take our login. */
export const SMTP_VERIFY_TIMEOUT_MS = 5000;
/**
 * Every check opens an SMTP connection and logs in; a probe every few seconds would look like
 * abuse to a mail provider, so one answer serves the probes for this long.
 */
export const SMTP_VERIFY_CACHE_MS = 15_000;

/**
 * `/health` says `smtp: up` when the server of `SMTP_URL` greets us and accepts the login
 * (nodemailer's `verify()`). Only registered with `SMTP_URL` set (MailModule).
 */
@Injectable()
@ReadinessCheck()
export class SmtpHealthIndicator implements ReadinessIndicator {
  constructor(
    private readonly smtp: SmtpTransport,
    private readonly health: HealthIndicatorService,
  ) {}

  check(): HealthCheckAttempt<'smtp'> {
    return this.health
      .check('smtp')
      .attempt(() => this.smtp.verify())
      .withTimeout(SMTP_VERIFY_TIMEOUT_MS)
      .cacheFor(SMTP_VERIFY_CACHE_MS);
  }
}
