import type { AppConfig } from '@app/platform';
import { chooseTransport } from './transport.config';

/**
 * An app split into roles (API, consumer, router, ...) runs one role per process; the parts
 * only meet through the event bus, so any role but `all` needs a bus that processes share.
 * Throws the one line that says so, for `bootstrapApp` to print.
 */
export function assertRoleCanRunAlone(app: string, role: string, config: AppConfig): void {
  if (role === 'all' || chooseTransport(config).eventBus !== 'memory') return;
  throw new Error(
    `ROLE=${role} runs one part of ${app}, which needs a shared event bus (set KAFKA_BROKERS, ` +
      'or EVENT_BUS=redis with REDIS_URL); on the in-memory bus use ROLE=all',
  );
}
