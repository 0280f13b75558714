/** One setup's run: M events routed to the seed's handlers and audited. */
export interface RouterResult {
  readonly setup: string;
  /** Where the clock starts: the router app's start (Kafka), or the first publish (embedded). */
  readonly timedFrom: string;
  readonly events: number;
  readonly batchSize: number;
  readonly concurrency: number;
  /** How fast the events were put on the bus (before the router on Kafka; timed in memory). */
  readonly publishPerSecond: number;
  /** `NestFactory.create` to `init` resolved (migrations checked, handlers discovered). */
  readonly bootMs: number;
  /** `NestFactory.create` to the router being a member of its group on every topic. */
  readonly joinedMs: number;
  /** M / (clock start to the last audit row stored): the figure held to the target. */
  readonly perSecond: number;
  /** M / (router joined to the last audit row stored): routing and auditing alone. */
  readonly fromJoinedPerSecond: number;
  /**
   * CPU time of this process per event, boot to last row (the database's work not included):
   * unlike the rates, it barely moves with other processes' load on the machine.
   */
  readonly cpuUsPerEvent: number;
  readonly loadBefore: number;
  readonly loadAfter: number;
  /** Redelivered events the router skipped (a rebalance, a broker restart); audited once. */
  readonly duplicates: number;
  /** Errors the app and the bench logged meanwhile (a broker restarted by others' tests). */
  readonly errorsLogged: number;
}
