/**
 * The SMTP server did not take a mail. `permanent` is true when it refused it for good (a 5xx
 * reply, e.g. an unknown recipient): retrying the same mail would get the same answer, so a
 * worker may stop retrying. Connection failures and 4xx replies are not permanent.
 */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';

  constructor(
    message: string,
    readonly permanent: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
