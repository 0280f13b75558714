import { Redis, type RedisOptions } from 'ioredis';
import { errorMessage } from '../../internal/error-message';
import type { TransportLogger } from '../../ports/transport-logger.port';

/**
 * The adapter's connections: one shared command connection (publishes, acknowledgements,
 * claims) and one reader per subscription, because `XREADGROUP BLOCK` occupies its connection
 * for as long as it waits and would stall every other command behind it.
 */
export class RedisStreamsConnections {
  readonly command: Redis;
  private readonly ownsCommand: boolean;

  constructor(
    private readonly source: string | Redis,
    private readonly logger: TransportLogger,
  ) {
    if (typeof source === 'string') {
      // Connects on the first command, not here: constructing an adapter (a Nest provider)
      // must not open sockets; a subscription's reader connects when it is opened.
      // Auto-pipelining: the XADDs and XACKs of concurrent callers issued in one tick go out
      // in one socket write instead of one each (still in order; MULTI is left alone).
      const options = { lazyConnect: true, enableAutoPipelining: true };
      this.command = this.watched(new Redis(source, options), 'command connection');
      this.ownsCommand = true;
    } else {
      assertUsableInstance(source);
      this.command = source;
      this.ownsCommand = false;
    }
  }

  /**
   * A connection for one subscription's blocking reads. It waits through reconnections
   * rather than failing the read (`maxRetriesPerRequest: null`); the consumer disconnects it.
   */
  openReader(consumer: string): Redis {
    const options = {
      maxRetriesPerRequest: null,
      // Shows up in CLIENT LIST, to tell which consumer a blocked connection belongs to.
      connectionName: `stream-reader:${consumer}`,
    } satisfies RedisOptions;
    const reader =
      typeof this.source === 'string'
        ? new Redis(this.source, options)
        : this.source.duplicate(options);
    return this.watched(reader, `reader of consumer ${consumer}`);
  }

  /** Closes the command connection if the adapter opened it; an injected one stays open. */
  async close(): Promise<void> {
    if (!this.ownsCommand) return;
    if (this.command.status !== 'ready') {
      this.command.disconnect();
      return;
    }
    try {
      await this.command.quit();
    } catch {
      this.command.disconnect();
    }
  }

  /** ioredis reports connection trouble as 'error' events; unheard, they would be lost. */
  private watched(connection: Redis, what: string): Redis {
    connection.on('error', (error: unknown) => {
      this.logger.warn(`Redis Streams ${what}: ${errorMessage(error)}`);
    });
    return connection;
  }
}

/**
 * Replies are parsed in ioredis's default shapes, and key names are the adapter's own
 * (`keyPrefix` option): an instance set up otherwise would silently misbehave.
 */
function assertUsableInstance(instance: Redis): void {
  if (instance.options.keyPrefix) {
    throw new TypeError(
      'RedisStreamsPubSub: the injected ioredis instance has a keyPrefix; ' +
        "use the adapter's keyPrefix option instead",
    );
  }
  if (instance.options.replyMapping === 'resp3') {
    throw new TypeError(
      'RedisStreamsPubSub: the injected ioredis instance uses replyMapping "resp3"; ' +
        'give it one with the default ("legacy") reply mapping',
    );
  }
}
