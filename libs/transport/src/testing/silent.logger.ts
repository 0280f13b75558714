import type { TransportLogger } from '../ports/transport-logger.port';

/** For tests that fail handlers on purpose: keeps the expected warnings out of the output. */
export const silentLogger: TransportLogger = {
  warn: () => undefined,
  error: () => undefined,
};
