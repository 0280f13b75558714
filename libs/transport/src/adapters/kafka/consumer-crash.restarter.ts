import type { Consumer, ConsumerCrashEvent, ConsumerRunConfig } from 'kafkajs';
import { errorMessage } from '../../internal/error-message';
import type { TransportLogger } from '../../ports/transport-logger.port';

export interface ConsumerCrashRestarterParams {
  readonly consumer: Consumer;
  readonly runConfig: ConsumerRunConfig;
  /** Aborted when the owner closes: no restart from then on. */
  readonly signal: AbortSignal;
  readonly crashRestartDelayMs: number;
  readonly logger: TransportLogger;
  /** What the consumer is, for the log (`group "g" on topic "t"`). */
  readonly describe: () => string;
}

/**
 * Keeps a kafkajs consumer running after a crash. kafkajs restarts it itself after a
 * retriable error; after one it deems not retriable it disconnects the consumer and gives up,
 * and a subscription that silently stops is worse than one that keeps trying and logging: this
 * reconnects and runs it again after `crashRestartDelayMs`, for as long as it takes.
 * Shared by group members and tails.
 */
export class ConsumerCrashRestarter {
  private timer: NodeJS.Timeout | undefined;
  private restarting: Promise<void> | undefined;

  constructor(private readonly params: ConsumerCrashRestarterParams) {
    const { consumer } = params;
    consumer.on(consumer.events.CRASH, (event: ConsumerCrashEvent) =>
      this.onCrash(event.payload.error, event.payload.restart),
    );
  }

  /** Cancels a restart not yet begun and waits for one under way. Call after aborting. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.restarting;
  }

  private onCrash(error: unknown, restartedByKafkajs: boolean): void {
    const { signal, crashRestartDelayMs, logger, describe } = this.params;
    if (signal.aborted) return;
    const next = restartedByKafkajs
      ? 'kafkajs restarts it'
      : `restarting it in ${crashRestartDelayMs} ms`;
    logger.error(`${describe()}: the consumer crashed (${next}): ${errorMessage(error)}`);
    if (restartedByKafkajs) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.restarting = this.restart().finally(() => (this.restarting = undefined));
    }, crashRestartDelayMs);
  }

  private async restart(): Promise<void> {
    if (this.params.signal.aborted) return;
    try {
      await this.params.consumer.connect();
      // A failure while joining comes back through the CRASH event, and so to onCrash.
      await this.params.consumer.run(this.params.runConfig);
    } catch (error) {
      this.onCrash(error, false);
    }
  }
}
