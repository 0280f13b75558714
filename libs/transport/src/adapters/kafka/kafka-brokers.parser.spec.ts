import { parseKafkaBrokers } from './kafka-brokers.parser';

describe('parseKafkaBrokers', () => {
  it('splits a comma-separated list, trimming spaces and empty entries', () => {
    expect(parseKafkaBrokers('kafka-1:9092, kafka-2:9093,,127.0.0.1:9094,[::1]:9095')).toEqual([
      'kafka-1:9092',
      'kafka-2:9093',
      '127.0.0.1:9094',
      '[::1]:9095',
    ]);
  });

  it('fails naming the variable when nothing is listed', () => {
    expect(() => parseKafkaBrokers(undefined)).toThrow(/^KAFKA_BROKERS must list at least one/);
    expect(() => parseKafkaBrokers(' , ', 'EVENTS_KAFKA')).toThrow(/^EVENTS_KAFKA must list/);
  });

  it.each(['kafka-1', 'kafka-1:', 'kafka://kafka-1:9092', 'kafka-1:0', 'kafka-1:70000', 'a b:1'])(
    'rejects %p, naming the bad entry',
    (entry) => {
      expect(() => parseKafkaBrokers(`ok:9092,${entry}`)).toThrow(
        `KAFKA_BROKERS must be comma-separated host:port entries (e.g. kafka-1:9092,kafka-2:9092), got ${JSON.stringify(entry.trim())}`,
      );
    },
  );
});
