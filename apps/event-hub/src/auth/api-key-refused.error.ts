export const API_KEY_MISSING =
  'an API key is required to write events: send it as x-api-key: <key> or authorization: Bearer <key>';
export const API_KEY_WRONG = 'the API key is not valid';

/**
 * A write without one of the configured API keys. Thrown by ApiKeyGuard whatever the
 * protocol; ApiKeyErrorFilter answers it in each protocol's own words.
 */
export class ApiKeyRefusedError extends Error {
  override readonly name = 'ApiKeyRefusedError';

  constructor(reason: typeof API_KEY_MISSING | typeof API_KEY_WRONG) {
    super(reason);
  }
}
