import { randomUUID } from 'node:crypto';

/**
 * The domain of an address such as `alerts@example.com` or `"Alerts" <alerts@example.com>`,
 * the right-hand side of the Message-IDs we make (RFC 5322 wants it unique to the sender).
 */
export function domainOf(address: string): string {
  const bare = /<([^>]*)>/.exec(address)?.[1] ?? address;
  const domain = bare.slice(bare.lastIndexOf('@') + 1).trim();
  return domain === '' || domain === bare.trim() ? 'localhost' : domain;
}

/** A fresh `<uuid@domain>` Message-ID for a mail from `from`. */
export function newMessageId(from: string): string {
  return `<${randomUUID()}@${domainOf(from)}>`;
}
