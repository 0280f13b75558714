/*
 * Envelope codec micro-benchmark: operations per second of the four calls every event goes
 * through on a broker, on envelopes of 256-byte JSON data made by `createEnvelope` (the same
 * events as bench/transport):
 *
 *   toKafkaMessage       validate + binary-mode headers + data bytes  (KafkaPubSub publish)
 *   fromKafkaMessage     Buffer headers as kafkajs delivers them → validated envelope (consume)
 *   serializeEnvelope    validate + CloudEvents JSON              (Redis Streams publish)
 *   deserializeEnvelope  JSON text → validated envelope           (Redis Streams consume)
 *
 * The two writing calls run twice: on the envelopes `createEnvelope` returned (what a
 * producer publishes), and on plain copies of them (`{ ...event }`, an object built by
 * hand), which must be validated in full.
 *
 *   npm run bench:envelope
 *
 * Environment: BENCH_ROUND_MS [1000] CPU time of one timed round; BENCH_ROUNDS [5] rounds per
 * operation (the median is reported); BENCH_PAYLOAD_BYTES [256]. One process, no I/O: the
 * figures are calls per second of CPU time on this machine, so compare them within one run.
 */
import {
  deserializeEnvelope,
  fromKafkaMessage,
  type IncomingKafkaMessage,
  serializeEnvelope,
  toKafkaMessage,
} from '@app/envelope';
import { loadavg } from 'node:os';
import { makeEvents } from '../transport/events';

/** Distinct events cycled through, so no call sees the same object twice in a row. */
const DISTINCT_EVENTS = 1000;

interface Operation {
  readonly name: string;
  /** Runs the operation on input `i` (modulo the inputs) and returns something to keep alive. */
  readonly run: (i: number) => unknown;
}

function main(): void {
  const roundMs = positive('BENCH_ROUND_MS', 1000);
  const rounds = positive('BENCH_ROUNDS', 5);
  const payloadBytes = positive('BENCH_PAYLOAD_BYTES', 256);
  const events = makeEvents(DISTINCT_EVENTS, DISTINCT_EVENTS, payloadBytes);
  const messages = events.map((event) => asDelivered(toKafkaMessage(event)));
  const texts = events.map((event) => serializeEnvelope(event));
  const copies = events.map((event) => ({ ...event }));

  const operations: Operation[] = [
    { name: 'toKafkaMessage', run: (i) => toKafkaMessage(events[i % DISTINCT_EVENTS]) },
    {
      name: 'toKafkaMessage (plain copy)',
      run: (i) => toKafkaMessage(copies[i % DISTINCT_EVENTS]),
    },
    { name: 'fromKafkaMessage', run: (i) => fromKafkaMessage(messages[i % DISTINCT_EVENTS]) },
    { name: 'serializeEnvelope', run: (i) => serializeEnvelope(events[i % DISTINCT_EVENTS]) },
    {
      name: 'serializeEnvelope (plain copy)',
      run: (i) => serializeEnvelope(copies[i % DISTINCT_EVENTS]),
    },
    { name: 'deserializeEnvelope', run: (i) => deserializeEnvelope(texts[i % DISTINCT_EVENTS]) },
  ];

  console.log(
    `# Envelope codec: ${payloadBytes}-byte JSON data, ${rounds} rounds of ${roundMs} ms of CPU per ` +
      `operation (median, per second of CPU time), Node ${process.version}, ` +
      `load average ${loadavg()[0].toFixed(2)}\n`,
  );
  console.log('| operation | ops per CPU second | CPU µs/op |');
  console.log('|---|---:|---:|');
  for (const operation of operations) {
    measure(operation, roundMs); // warm-up: V8 optimises the path before the clock counts
    const rates = Array.from({ length: rounds }, () => measure(operation, roundMs)).sort(
      (a, b) => a - b,
    );
    const median = rates[Math.floor(rates.length / 2)];
    console.log(
      `| ${operation.name} | ${Math.round(median).toLocaleString('en-US')} | ${(1e6 / median).toFixed(2)} |`,
    );
  }
}

/**
 * Calls `run` in chunks until `roundMs` of CPU time has gone by; returns calls per second of
 * CPU time (`process.cpuUsage`, user + system). CPU time, not the wall clock: on a shared
 * machine other processes stretch the wall time of a round, not the CPU time of a call.
 */
function measure(operation: Operation, roundMs: number): number {
  const chunk = 1000;
  let calls = 0;
  let kept = 0;
  const started = process.cpuUsage();
  let elapsedMs = 0;
  while (elapsedMs < roundMs) {
    for (let i = 0; i < chunk; i += 1) {
      if (operation.run(calls + i) !== undefined) kept += 1;
    }
    calls += chunk;
    const used = process.cpuUsage(started);
    elapsedMs = (used.user + used.system) / 1000;
  }
  if (kept !== calls) throw new Error(`${operation.name} returned nothing`);
  return (calls * 1000) / elapsedMs;
}

/** An outgoing message as kafkajs hands it to a consumer: key, value and headers as Buffers. */
function asDelivered(message: ReturnType<typeof toKafkaMessage>): IncomingKafkaMessage {
  const headers: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(message.headers)) headers[name] = Buffer.from(value);
  return {
    key: Buffer.from(message.key),
    value: message.value,
    headers,
    timestamp: message.timestamp,
  };
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

main();
