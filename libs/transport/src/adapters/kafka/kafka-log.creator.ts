import { type LogEntry, type logCreator, logLevel } from 'kafkajs';
import type { TransportLogger } from '../../ports/transport-logger.port';

/**
 * The transport logger, plus the levels kafkajs' `info` and `debug` messages go to when the
 * logger has them (Nest's `Logger` does); without them those messages are dropped.
 */
export interface KafkaLogger extends TransportLogger {
  log?(message: string): void;
  debug?(message: string): void;
}

/** kafkajs' levels by name, so configuring them needs no kafkajs import outside adapters. */
export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

const LEVELS: Readonly<Record<KafkaLogLevel, logLevel>> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

export function toKafkajsLogLevel(level: KafkaLogLevel): logLevel {
  const mapped = LEVELS[level];
  if (mapped === undefined) {
    throw new RangeError(
      `logLevel must be one of ${Object.keys(LEVELS).join(', ')}, got ${String(level)}`,
    );
  }
  return mapped;
}

/** Fields kafkajs repeats in every entry, or that would flood a line (stack traces). */
const OMITTED_FIELDS = new Set(['timestamp', 'message', 'logger', 'stack']);

/**
 * kafkajs' `logCreator`, routing its messages to our logger instead of its own console
 * output, one line each: `kafkajs [Consumer] Crash: ... {"groupId":"billing"}`. kafkajs
 * filters by level before calling it.
 */
export function kafkaLogCreator(logger: KafkaLogger): logCreator {
  return () => (entry: LogEntry) => {
    const line = formatEntry(entry);
    switch (isResponseEcho(entry) ? logLevel.DEBUG : entry.level) {
      case logLevel.ERROR:
        logger.error(line);
        break;
      case logLevel.WARN:
        logger.warn(line);
        break;
      case logLevel.INFO:
        logger.log?.(line);
        break;
      default:
        logger.debug?.(line);
    }
  };
}

/**
 * kafkajs' connections log every error response at error level, including the ones the layer
 * above handles as routine: "the group is rebalancing" heartbeats, TOPIC_ALREADY_EXISTS. That
 * layer logs what matters itself (the runner's rejoin warning, the producer's "Failed to send
 * messages", a consumer crash), so these echoes go to debug.
 */
function isResponseEcho({ namespace, level, log }: LogEntry): boolean {
  return (
    level === logLevel.ERROR &&
    namespace === 'Connection' &&
    String(log.message).startsWith('Response ')
  );
}

function formatEntry({ namespace, log }: LogEntry): string {
  const extra: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(log)) {
    if (!OMITTED_FIELDS.has(field)) extra[field] = value;
  }
  const scope = namespace ? ` [${namespace}]` : '';
  const details = Object.keys(extra).length > 0 ? ` ${safeJson(extra)}` : '';
  return `kafkajs${scope} ${String(log.message)}${details}`;
}

/** Errors become their message; cycles or BigInts must not turn a log call into a throw. */
function safeJson(value: Record<string, unknown>): string {
  try {
    return JSON.stringify(value, (_key, field: unknown) =>
      field instanceof Error ? `${field.name}: ${field.message}` : field,
    );
  } catch {
    return '{…}';
  }
}
