import type { Redis } from 'ioredis';
import { expectInteger } from './stream-reply.parser';

/**
 * What it takes to end a blocking stream read early (see `InterruptibleReader`): the id of the
 * blocked connection, and CLIENT UNBLOCK sent from another one. Shared by a group's commands
 * and a tail's, whose blocking reads differ (`XREADGROUP` and `XREAD`).
 */
export class BlockingReadCommands {
  /** `redis`: the shared command connection, never the blocked one. */
  constructor(protected readonly redis: Redis) {}

  /** The server-side id of `connection`, which `unblock` needs to interrupt its read. */
  async clientId(connection: Redis): Promise<number> {
    return expectInteger(await connection.call('CLIENT', 'ID'), 'client id');
  }

  /**
   * Ends the blocked read of client `clientId` as if it had timed out (it returns nothing and
   * takes no entry). Resolves `false` when that client was not blocked (yet).
   */
  async unblock(clientId: number): Promise<boolean> {
    return expectInteger(await this.redis.call('CLIENT', 'UNBLOCK', clientId), 'unblocked') === 1;
  }
}
