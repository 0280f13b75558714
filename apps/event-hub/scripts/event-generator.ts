/**
 * event-hub's event generator, like the seed's `client/event_generator.py`: sends realistic
 * business events to a running hub at a steady rate over REST or gRPC, prints progress on
 * stderr each second and a report of what it achieved on stdout.
 *
 *   npm run event-hub:generate -- --rate 200 --duration 30
 *   npm run event-hub:generate -- --protocol grpc --batch 100 --rate 5000 --json
 *
 * The logic lives in src/generator/ (startGenerator), where the tests run it.
 */
import { startGenerator } from '../src/generator/generator';
import {
  GENERATOR_USAGE,
  type GeneratorCommand,
  parseGeneratorArgs,
  UsageError,
} from '../src/generator/generator.options';
import { exitCode, formatProgress, formatReport } from '../src/generator/generator.report';
import type { RunCounts } from '../src/generator/run.stats';

function command(): Exclude<GeneratorCommand, { help: true }> {
  try {
    const parsed = parseGeneratorArgs(process.argv.slice(2));
    if (!parsed.help) return parsed;
    console.log(GENERATOR_USAGE);
    process.exit(0);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n(--help lists the options)`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const { options, json } = command();
  const stopping = new AbortController();
  const run = startGenerator(options, { signal: stopping.signal });

  // First Ctrl-C: stop sending, let requests in flight finish, print the report. Second: quit.
  process.on('SIGINT', () => {
    if (stopping.signal.aborted) process.exit(130);
    stopping.abort();
    console.error('stopping: waiting for requests in flight (Ctrl-C again to quit at once)');
  });

  const target = options.protocol === 'rest' ? options.url : options.grpcTarget;
  const how = options.batch ? `in batches of ${options.batch}` : 'one a request';
  const until = options.durationSeconds > 0 ? `for ${options.durationSeconds} s` : 'until Ctrl-C';
  console.error(
    `sending ${options.rate} events/s ${how} over ${options.protocol} to ${target} ${until} ` +
      `(seed ${options.seed})`,
  );

  // Progress goes to stderr always, so stdout carries the report alone (`--json | jq`).
  const started = performance.now();
  let previous: RunCounts = run.stats.snapshot();
  let previousAt = started;
  const progress = setInterval(() => {
    const now = performance.now();
    const counts = run.stats.snapshot();
    console.error(
      formatProgress(counts, previous, (now - started) / 1000, (now - previousAt) / 1000),
    );
    previous = counts;
    previousAt = now;
  }, 1000);

  try {
    const report = await run.done;
    console.log(json ? JSON.stringify(report, null, 2) : formatReport(report));
    process.exitCode = exitCode(report);
  } finally {
    clearInterval(progress);
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
