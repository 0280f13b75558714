import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@app/platform/testing/app-process';
import { BenchProcess } from './bench-process';

const HUB_MAIN = 'apps/event-hub/src/main.ts';
const BASELINE_MAIN = 'bench/event-hub/baseline/main.ts';
/** The MongoDB wire server's pid file, kept by scripts/services/mongo.sh. */
const MONGO_PID_FILE = join(__dirname, '..', '..', '.services', 'mongo', 'mongo.pid');

/**
 * Settings of the caller's shell that would change what the processes run on (another bus,
 * another store, API keys): the bench sets what it wants and nothing else leaks in.
 */
const NOT_INHERITED = [
  'KAFKA_BROKERS',
  'EVENT_BUS',
  'DATABASE_URL',
  'MONGO_URL',
  'REDIS_URL',
  'API_KEYS',
  'ROLE',
  'PORT',
  'GRPC_PORT',
  'EVENTS_STREAM',
  'EVENTS_STREAM_MAX_LEN',
  'STORAGE_BATCH_SIZE',
  'STORAGE_CONCURRENCY',
  'METRICS_BATCH_SIZE',
  'MAX_BATCH_EVENTS',
  'LOG_LEVEL',
  'NODE_ENV',
];

export interface HubSettings {
  readonly redisUrl: string;
  readonly mongoUrl: string;
  readonly stream: string;
  readonly baselineStream: string;
  readonly streamMaxLen: number | undefined;
  /** MAX_BATCH_EVENTS: at least the bench's batch size. */
  readonly maxBatchEvents: number;
  /** GRPC_MAX_STREAM_EVENTS: at least the bench's stream size. */
  readonly maxStreamEvents: number;
}

/** The hub as deployed with one process per role, and the baseline beside it. */
export class HubProcesses {
  private constructor(
    /** `ROLE=app`: REST (and GraphQL). */
    readonly api: BenchProcess,
    /** `ROLE=grpc-server`. */
    readonly grpc: BenchProcess,
    readonly grpcTarget: string,
    readonly storage: BenchProcess,
    readonly metrics: BenchProcess,
    readonly baseline: BenchProcess,
  ) {}

  /** Starts all five at once; resolves when each answers `/health` (consumers joined). */
  static async start(settings: HubSettings): Promise<HubProcesses> {
    const base = inheritedEnv();
    const hub: Record<string, string | undefined> = {
      ...base,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      REDIS_URL: settings.redisUrl,
      EVENT_BUS: 'redis',
      MONGO_URL: settings.mongoUrl,
      EVENTS_STREAM: settings.stream,
      EVENTS_STREAM_MAX_LEN: settings.streamMaxLen?.toString(),
      MAX_BATCH_EVENTS: String(Math.max(1000, settings.maxBatchEvents)),
      GRPC_MAX_STREAM_EVENTS: String(Math.max(10_000, settings.maxStreamEvents)),
    };
    const grpcPort = await freePort();
    const started = await Promise.allSettled([
      BenchProcess.start('API', HUB_MAIN, { ...hub, ROLE: 'app' }),
      BenchProcess.start('gRPC server', HUB_MAIN, {
        ...hub,
        ROLE: 'grpc-server',
        GRPC_PORT: String(grpcPort),
        GRPC_HOST: '127.0.0.1',
      }),
      BenchProcess.start('storage consumer', HUB_MAIN, { ...hub, ROLE: 'storage-consumer' }),
      BenchProcess.start('metrics consumer', HUB_MAIN, { ...hub, ROLE: 'metrics-consumer' }),
      BenchProcess.start('baseline', BASELINE_MAIN, {
        ...base,
        REDIS_URL: settings.redisUrl,
        EVENTS_STREAM: settings.baselineStream,
        EVENTS_STREAM_MAX_LEN: settings.streamMaxLen?.toString(),
      }),
    ]);
    const running = started.flatMap((outcome) =>
      outcome.status === 'fulfilled' ? [outcome.value] : [],
    );
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) {
      await Promise.all(running.map((process) => process.stop()));
      throw failed.reason;
    }
    const [api, grpc, storage, metrics, baseline] = running;
    return new HubProcesses(api, grpc, `127.0.0.1:${grpcPort}`, storage, metrics, baseline);
  }

  get all(): BenchProcess[] {
    return [this.api, this.grpc, this.storage, this.metrics, this.baseline];
  }

  /** Each process's pid by its name, for the CPU columns. */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries(this.all.map((process) => [process.name, process.pid]));
  }

  errorLines(): string[] {
    return this.all.flatMap((process) => process.errorLines());
  }

  async stop(): Promise<void> {
    await Promise.all(this.all.map((process) => process.stop()));
  }
}

/** The MongoDB wire server's pid when it runs from this checkout's services, else none. */
export function mongoServerPid(): number | undefined {
  try {
    const pid = Number(readFileSync(MONGO_PID_FILE, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function inheritedEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of NOT_INHERITED) delete env[name];
  return env;
}
