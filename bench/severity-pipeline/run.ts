/*
 * severity-pipeline benchmark (issue 15, "Throughput"): events created through the API flow
 * through the dispatcher to the severity workers on Redis (BullMQ) + PostgreSQL, with the
 * API and each worker in a process of its own, as they run when scaled:
 *
 * - one `ROLE=api` process (REST API, JWT guard, dispatch sweeper; no workers),
 * - BENCH_WORKERS `ROLE=worker` processes working every queue (dispatch, warning, error),
 * - the error worker mailing its alerts over SMTP to a sink in this process (`smtp-server`,
 *   answers at once, counts the mails),
 * - this process as the clients: BENCH_CLIENTS concurrent `POST /api/events` with a Bearer
 *   token (a user made by `createsuperuser`, a token from `POST /api/token/`), statuses in
 *   the BENCH_MIX shares.
 *
 * Each round's events carry a source unique to the run and round; only those rows count.
 * Latency is each row's `processedAt - createdAt` (the API stamps one, the worker the other);
 * the processed rate is N over first created to last processed.
 *
 *   npm run bench:severity-pipeline
 *
 * Environment (defaults in brackets):
 *   BENCH_EVENTS [20000]          N, events in the measured round
 *   BENCH_CLIENTS [64]            requests in flight at once
 *   BENCH_WARMUP_EVENTS [2000]    events in an unmeasured round first; 0: none
 *   BENCH_RATE [0]                requests/s at most (0: as fast as the API answers)
 *   BENCH_WORKERS [2]             worker processes
 *   BENCH_MIX [info=70,warning=20,error=10]   percent of each status
 *   BENCH_TIMEOUT_MS [300000]     longest the load, or the wait for the last event processed
 *   BENCH_PROFILE_DIR             the API and the first worker run with `node --cpu-prof`,
 *                                 writing their profiles there (on exit)
 *   BENCH_KEEP_ROWS               1 keeps the run's rows (deleted by default)
 *   BENCH_REDIS_URL [redis://127.0.0.1:6379/9]   a Redis database of the bench's own: its
 *                                 queues are emptied before and after the run
 *   DATABASE_URL [postgres://events:events@127.0.0.1:5432/events]
 *
 * Redis and PostgreSQL: `npm run services up redis postgres`.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { createSuperuser, PipelineProcess } from './app-process';
import { type BenchConfig, readConfig } from './config';
import { fetchToken } from './http-load';
import { obliterateQueues } from './queues';
import { cpuLine, resultTable, statusTable, verdict } from './report';
import { runRound } from './round';
import { EventRows } from './rows';
import { startSmtpSink } from './smtp-sink';

/** Hard stop for the whole run, should a client hang where no timeout reaches. */
const WATCHDOG_MS = 20 * 60_000;
/** Grace for clients to let the process exit once everything is closed. */
const EXIT_GRACE_MS = 10_000;

/** Unique per process: every event source of the run starts with `bench-<run>-`. */
const RUN_ID = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const PREFIX = `bench-${RUN_ID}-`;
const ALERT_TO = `bench-${RUN_ID}@example.com`;
const ADMIN = { username: `bench-${RUN_ID}`, password: `bench ${randomBytes(8).toString('hex')}` };

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min; giving up`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  console.log(
    `# severity-pipeline benchmark: N=${config.events}, ${config.clients} clients, ` +
      `${config.workers} worker processes, warm-up ${config.warmupEvents}, ` +
      `mix ${mixText(config)}, rate ${config.rate || 'unpaced'}, Node ${process.version}, ` +
      `load average ${loadavg()[0].toFixed(2)}, run ${RUN_ID}\n`,
  );

  await obliterateQueues(config.redisUrl);
  const rows = await EventRows.connect(config.databaseUrl);
  const smtp = await startSmtpSink();
  const processes: PipelineProcess[] = [];
  try {
    const env = {
      REDIS_URL: config.redisUrl,
      DATABASE_URL: config.databaseUrl,
      SMTP_URL: smtp.url,
      ALERT_EMAIL_TO: ALERT_TO,
      LOG_LEVEL: 'warn',
      ACCESS_TOKEN_LIFETIME: '1h',
      GENERATOR_ENABLED: 'false',
    };
    // The API first: it brings the schema up to date before anything else touches it.
    const api = await PipelineProcess.start({ ...env, ROLE: 'api' }, profileFlags(config, 0));
    processes.push(api);
    const workers = await Promise.all(
      Array.from({ length: config.workers }, (_, index) =>
        PipelineProcess.start({ ...env, ROLE: 'worker' }, profileFlags(config, index)),
      ),
    );
    processes.push(...workers);
    await createSuperuser(env, ADMIN.username, ADMIN.password);
    const token = await fetchToken(api.url, ADMIN.username, ADMIN.password);
    console.error(`bench: API and ${workers.length} workers up (load ${loadavg()[0].toFixed(2)})`);

    const pids = {
      api: api.pid,
      ...Object.fromEntries(workers.map((worker, index) => [`worker ${index + 1}`, worker.pid])),
      'clients + SMTP sink': process.pid,
    };
    const context = { config, apiUrl: api.url, token, rows, smtp, pids };
    if (config.warmupEvents > 0) {
      await runRound(context, `${PREFIX}warmup`, config.warmupEvents);
      console.error(`bench: warm-up done (load average ${loadavg()[0].toFixed(2)})`);
    }
    const result = await runRound(context, `${PREFIX}measured`, config.events);
    console.log(`${resultTable(result, config.workers)}\n`);
    console.log(`${statusTable(result)}\n`);
    console.log(`- ${cpuLine(result)}`);
    console.log(`- ${verdict(result)}`);
    const errors = processes.flatMap((process) => process.errorLines());
    if (errors.length > 0) {
      console.log(
        `\nErrors logged by the app (${errors.length}):\n${errors.slice(0, 5).join('\n')}`,
      );
      process.exitCode = 1;
    }
  } finally {
    await Promise.all(processes.map((process) => process.stop()));
    await smtp.close();
    if (!config.keepRows) {
      const deleted = await rows.deleteRun(PREFIX, ALERT_TO);
      console.error(`bench: deleted the run's ${deleted} events`);
    }
    await rows.close();
    await obliterateQueues(config.redisUrl);
    clearTimeout(watchdog);
  }
}

/** `--cpu-prof` for the API and the first worker (index 0 of each), when asked for. */
function profileFlags(config: BenchConfig, index: number): string[] {
  if (!config.profileDir || index !== 0) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${config.profileDir}`];
}

function mixText(config: BenchConfig): string {
  return Object.entries(config.mix)
    .map(([status, share]) => `${status} ${share}%`)
    .join(', ');
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    // Clients that linger after close() (sockets, retry timers) must not keep the run alive.
    setTimeout(() => {
      console.error(`bench: clients still open ${EXIT_GRACE_MS} ms after closing; exiting`);
      process.exit();
    }, EXIT_GRACE_MS).unref();
  });
