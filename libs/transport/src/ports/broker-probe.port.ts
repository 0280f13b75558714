/**
 * The broker behind an adapter, as a readiness check sees it: one round trip, no state. The
 * in-memory adapters have none; `/health/ready` lists a broker only when the app uses one.
 */
export interface BrokerProbe {
  /** The dependency's name in `/health/ready`: `kafka`, `redis`. */
  readonly name: string;
  /** Resolves once the broker answered a request; rejects (or never settles) otherwise. */
  ping(): Promise<void>;
}
