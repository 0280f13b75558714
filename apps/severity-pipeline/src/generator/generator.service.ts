import { randomInt, randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { EVENT_STATUSES } from '../events/event-status';
import { SeverityPipelineConfig } from '../severity-pipeline.config';
import { ApiClient } from './api.client';
import { type GeneratorRun, GeneratorRunSchema } from './generator-run.entity';

const INTERVAL_NAME = 'generator';

export interface GeneratorState {
  readonly running: boolean;
  readonly intervalSeconds: number;
  readonly target: string;
}

/**
 * The seed's Airflow DAG `gerador_eventos`: every `GENERATOR_INTERVAL_SECONDS` it creates an
 * event with a random status through the API, with a token, like any external client, and
 * records the run. It starts running when `GENERATOR_ENABLED` is true and can be paused and
 * resumed (and triggered once) through the API.
 */
@Injectable()
export class GeneratorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Generator');
  private readonly client: ApiClient;
  private running = false;
  private inFlight?: Promise<GeneratorRun>;

  constructor(
    private readonly config: SeverityPipelineConfig,
    private readonly em: EntityManager,
    private readonly scheduler: SchedulerRegistry,
  ) {
    this.client = new ApiClient({
      url: this.target,
      username: config.GENERATOR_USERNAME ?? '',
      password: config.GENERATOR_PASSWORD ?? '',
    });
  }

  get target(): string {
    return this.config.GENERATOR_URL ?? `http://127.0.0.1:${this.config.PORT}`;
  }

  onApplicationBootstrap(): void {
    const timer = setInterval(() => this.tick(), this.config.GENERATOR_INTERVAL_SECONDS * 1000);
    timer.unref();
    this.scheduler.addInterval(INTERVAL_NAME, timer);
    this.running = this.config.GENERATOR_ENABLED;
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    if (this.scheduler.doesExist('interval', INTERVAL_NAME)) {
      this.scheduler.deleteInterval(INTERVAL_NAME);
    }
    await this.inFlight;
  }

  state(): GeneratorState {
    return {
      running: this.running,
      intervalSeconds: this.config.GENERATOR_INTERVAL_SECONDS,
      target: this.target,
    };
  }

  pause(): GeneratorState {
    this.running = false;
    return this.state();
  }

  resume(): GeneratorState {
    this.running = true;
    return this.state();
  }

  /** One run now, whether paused or not (Airflow's "trigger DAG"). */
  runOnce(): Promise<GeneratorRun> {
    this.inFlight ??= this.generate().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  async runs(limit: number): Promise<GeneratorRun[]> {
    return this.em.fork().find(GeneratorRunSchema, {}, { orderBy: { startedAt: 'DESC' }, limit });
  }

  private tick(): void {
    // A run still in flight (a slow API) is not overtaken: the next tick waits its turn.
    if (this.running && !this.inFlight) void this.runOnce();
  }

  private async generate(): Promise<GeneratorRun> {
    const startedAt = new Date();
    const status = EVENT_STATUSES[randomInt(EVENT_STATUSES.length)];
    const run: GeneratorRun = {
      id: randomUUID(),
      startedAt,
      durationMs: 0,
      outcome: 'created',
      eventId: null,
      status,
      error: null,
    };
    try {
      const event = await this.client.createEvent({
        title: `Generated ${status} event`,
        message: `Generated at ${startedAt.toISOString()} by the event generator`,
        status,
        source: 'generator',
      });
      run.eventId = event.id;
    } catch (error) {
      run.outcome = 'failed';
      run.error = error instanceof Error ? error.message : String(error);
      this.logger.warn(`run failed: ${run.error}`);
    }
    run.durationMs = Date.now() - startedAt.getTime();
    await this.em.fork().insert(GeneratorRunSchema, run);
    return run;
  }
}
