import { logLevel } from 'kafkajs';
import {
  type KafkaLogger,
  type KafkaLogLevel,
  kafkaLogCreator,
  toKafkajsLogLevel,
} from './kafka-log.creator';

describe('kafkaLogCreator', () => {
  const entry = (level: logLevel, extra: Record<string, unknown> = {}) => ({
    namespace: 'Consumer',
    level,
    label: 'x',
    log: { timestamp: '2024-05-01T12:00:00.000Z', message: 'Crash: boom', ...extra },
  });

  it('routes each kafkajs level to the matching logger method, one line with the details', () => {
    const lines: string[] = [];
    const logger: KafkaLogger = {
      error: (m) => lines.push(`error ${m}`),
      warn: (m) => lines.push(`warn ${m}`),
      log: (m) => lines.push(`log ${m}`),
      debug: (m) => lines.push(`debug ${m}`),
    };
    const log = kafkaLogCreator(logger)(logLevel.DEBUG);
    log(entry(logLevel.ERROR, { groupId: 'billing', stack: 'Error: boom\n at ...' }));
    log(entry(logLevel.WARN, { error: new TypeError('bad') }));
    log(entry(logLevel.INFO));
    log(entry(logLevel.DEBUG));
    expect(lines).toEqual([
      'error kafkajs [Consumer] Crash: boom {"groupId":"billing"}',
      'warn kafkajs [Consumer] Crash: boom {"error":"TypeError: bad"}',
      'log kafkajs [Consumer] Crash: boom',
      'debug kafkajs [Consumer] Crash: boom',
    ]);
  });

  it('drops info and debug messages when the logger has no such level, and never throws', () => {
    const lines: string[] = [];
    const log = kafkaLogCreator({ error: (m) => lines.push(m), warn: (m) => lines.push(m) })(
      logLevel.DEBUG,
    );
    log(entry(logLevel.INFO));
    log(entry(logLevel.DEBUG));
    log(entry(logLevel.ERROR, { size: 10n }));
    expect(lines).toEqual(['kafkajs [Consumer] Crash: boom {…}']);
  });

  it('demotes the error responses kafkajs connections echo (handled above them) to debug', () => {
    const lines: string[] = [];
    const log = kafkaLogCreator({
      error: (m) => lines.push(`error ${m}`),
      warn: (m) => lines.push(`warn ${m}`),
      debug: (m) => lines.push(`debug ${m}`),
    })(logLevel.DEBUG);
    log({
      namespace: 'Connection',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: {
        timestamp: 't',
        message: 'Response Heartbeat(key: 12, version: 3)',
        error: 'rebalancing',
      },
    });
    log({
      namespace: 'Connection',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: { timestamp: 't', message: 'Connection error: connect ECONNREFUSED' },
    });
    expect(lines).toEqual([
      'debug kafkajs [Connection] Response Heartbeat(key: 12, version: 3) {"error":"rebalancing"}',
      'error kafkajs [Connection] Connection error: connect ECONNREFUSED',
    ]);
  });

  it('maps level names and rejects unknown ones', () => {
    expect(toKafkajsLogLevel('warn')).toBe(logLevel.WARN);
    expect(toKafkajsLogLevel('nothing')).toBe(logLevel.NOTHING);
    expect(() => toKafkajsLogLevel(String('verbose') as KafkaLogLevel)).toThrow(
      'logLevel must be one of nothing, error, warn, info, debug, got verbose',
    );
  });
});
