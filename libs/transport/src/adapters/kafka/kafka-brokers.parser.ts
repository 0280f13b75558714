/** `host:port`, the host a name, an IPv4 address or a bracketed IPv6 address. */
const BROKER = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/**
 * The broker list of `KAFKA_BROKERS` (`kafka-1:9092,kafka-2:9092`): comma-separated
 * `host:port`, spaces around commas allowed. Fails with one line naming the variable and the
 * bad entry, so a typo stops start-up instead of surfacing as kafkajs connection retries.
 */
export function parseKafkaBrokers(value: string | undefined, variable = 'KAFKA_BROKERS'): string[] {
  const brokers = (value ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  if (brokers.length === 0) {
    throw new Error(
      `${variable} must list at least one broker as host:port (e.g. 127.0.0.1:9092), got ${JSON.stringify(value ?? '')}`,
    );
  }
  for (const broker of brokers) {
    const port = BROKER.exec(broker)?.[1];
    if (port === undefined || Number(port) < 1 || Number(port) > 65_535) {
      throw new Error(
        `${variable} must be comma-separated host:port entries (e.g. kafka-1:9092,kafka-2:9092), got ${JSON.stringify(broker)}`,
      );
    }
  }
  return brokers;
}
