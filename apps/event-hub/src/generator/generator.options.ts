import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DEFAULT_GENERATOR_OPTIONS as DEFAULTS, type GeneratorOptions } from './generator';

export const GENERATOR_USAGE = `Sends realistic business events to a running event-hub and reports what it achieved.

Usage: npm run event-hub:generate -- [options]

  --protocol rest|grpc  how to send (default ${DEFAULTS.protocol})
  --url URL             the REST API (default ${DEFAULTS.url})
  --grpc HOST:PORT      the gRPC server (default ${DEFAULTS.grpcTarget})
  --rate N              events per second to send (default ${DEFAULTS.rate})
  --duration S          seconds to send for; 0 sends until Ctrl-C (default ${DEFAULTS.durationSeconds})
  --batch N             N events a request: REST POST /events/batch, gRPC SendEvents
                        (default: one event a request, POST /events or SendEvent)
  --concurrency N       most requests in flight at once (default ${DEFAULTS.concurrency})
  --users N             users the events are spread over, user_0001... (default ${DEFAULTS.users})
  --api-key KEY         sent as X-API-Key / gRPC x-api-key (default: EVENT_HUB_API_KEY)
  --idempotency         give every event an idempotency key
  --seed S              the same seed sends the same events (default: a random one, reported)
  --timeout S           seconds before an unanswered request counts as failed (default ${DEFAULTS.timeoutMs / 1000})
  --json                print the final report as JSON
  -h, --help            print this help

Progress goes to stderr once a second, the report to stdout. Exit code 0 when every event
sent was accepted, 1 otherwise, 2 for bad options.`;

/** A command line the generator cannot run: the message says which option and why. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type GeneratorCommand =
  { help: true } | { help: false; json: boolean; options: GeneratorOptions };

/** Reads the command line (without node and the script) into generator options. */
export function parseGeneratorArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): GeneratorCommand {
  const values = readArgs(args);
  if (values.help) return { help: true };

  const protocol = values.protocol;
  if (protocol !== 'rest' && protocol !== 'grpc') {
    throw new UsageError(`--protocol must be rest or grpc, not "${protocol}"`);
  }
  return {
    help: false,
    json: values.json,
    options: {
      protocol,
      url: httpUrl(values.url),
      grpcTarget: hostPort(values.grpc),
      rate: number('--rate', values.rate, { min: 0, exclusive: true }),
      durationSeconds: number('--duration', values.duration, { min: 0 }),
      batch:
        values.batch === undefined
          ? undefined
          : number('--batch', values.batch, { min: 1, whole: true }),
      concurrency: number('--concurrency', values.concurrency, { min: 1, whole: true }),
      users: number('--users', values.users, { min: 1, whole: true }),
      apiKey: values['api-key'] || env.EVENT_HUB_API_KEY || undefined,
      idempotency: values.idempotency,
      seed: values.seed ?? String(randomInt(1, 1_000_000)),
      timeoutMs: number('--timeout', values.timeout, { min: 0, exclusive: true }) * 1000,
    },
  };
}

function readArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        protocol: { type: 'string', default: DEFAULTS.protocol },
        url: { type: 'string', default: DEFAULTS.url },
        grpc: { type: 'string', default: DEFAULTS.grpcTarget },
        rate: { type: 'string', default: String(DEFAULTS.rate) },
        duration: { type: 'string', default: String(DEFAULTS.durationSeconds) },
        batch: { type: 'string' },
        concurrency: { type: 'string', default: String(DEFAULTS.concurrency) },
        users: { type: 'string', default: String(DEFAULTS.users) },
        'api-key': { type: 'string' },
        idempotency: { type: 'boolean', default: false },
        seed: { type: 'string' },
        timeout: { type: 'string', default: String(DEFAULTS.timeoutMs / 1000) },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    // parseArgs names the unknown option or the missing value; keep its words.
    throw new UsageError((error as Error).message);
  }
}

function number(
  name: string,
  text: string,
  rule: { min: number; exclusive?: boolean; whole?: boolean },
): number {
  const value = Number(text);
  const tooSmall = rule.exclusive ? !(value > rule.min) : !(value >= rule.min);
  if (
    text.trim() === '' ||
    !Number.isFinite(value) ||
    tooSmall ||
    (rule.whole && !Number.isInteger(value))
  ) {
    const kind = rule.whole ? 'a whole number' : 'a number';
    const bound = rule.exclusive ? `greater than ${rule.min}` : `at least ${rule.min}`;
    throw new UsageError(`${name} must be ${kind} ${bound}, not "${text}"`);
  }
  return value;
}

function httpUrl(text: string): string {
  const url = URL.parse(text);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(`--url must be an http(s) URL like ${DEFAULTS.url}, not "${text}"`);
  }
  return text;
}

function hostPort(text: string): string {
  if (!/^[^\s:]+:\d{1,5}$|^\[[0-9a-f:.]+\]:\d{1,5}$/i.test(text)) {
    throw new UsageError(`--grpc must be host:port like ${DEFAULTS.grpcTarget}, not "${text}"`);
  }
  return text;
}
