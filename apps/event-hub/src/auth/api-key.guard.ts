import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { EventHubConfig } from '../event-hub.config';
import { ApiKeyRefusedError, API_KEY_MISSING, API_KEY_WRONG } from './api-key-refused.error';
import { ApiKeys } from './api-keys';
import { presentedApiKey } from './presented-api-key';

/**
 * Admits a write only with one of the configured API_KEYS (see presentedApiKey for where a
 * call may carry it), and every call when none is configured. Apply it with `@WritesEvents()`,
 * which also brings the filter that answers a refusal.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: ApiKeys;

  constructor(@Inject(EventHubConfig) config: Pick<EventHubConfig, 'API_KEYS'>) {
    this.keys = ApiKeys.parse(config.API_KEYS);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.keys.required) return true;
    const presented = presentedApiKey(context);
    if (presented === undefined) throw new ApiKeyRefusedError(API_KEY_MISSING);
    if (!this.keys.admits(presented)) throw new ApiKeyRefusedError(API_KEY_WRONG);
    return true;
  }
}
