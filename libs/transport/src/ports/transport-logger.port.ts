/**
 * The little an adapter needs to report handler failures. Nest's `Logger` satisfies it, and so
 * does a test's silent logger; adapters never import a logging library themselves.
 */
export interface TransportLogger {
  warn(message: string): void;
  error(message: string): void;
}
