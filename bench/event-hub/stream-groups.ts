import { Redis } from 'ioredis';

/** One consumer group of a stream as `XINFO GROUPS` reports it (Redis 7). */
export interface GroupState {
  readonly name: string;
  /** Entries the group has been handed (`entries-read`). */
  readonly entriesRead: number;
  /** Handed to a member and not acknowledged yet: read, not yet stored. */
  readonly pending: number;
  /** Entries of the stream not handed to the group yet. */
  readonly lag: number;
}

/** Entries a group is behind: not yet handed out, plus handed out and not acknowledged. */
export function backlogOf(group: GroupState): number {
  return group.lag + group.pending;
}

/** Entries the group has acknowledged: for the storage group, events stored. */
export function doneOf(group: GroupState): number {
  return group.entriesRead - group.pending;
}

/**
 * Reads the event-hub's stream through ioredis directly, as an operator would with
 * redis-cli: the consumer groups' progress (`XINFO GROUPS`) and the size of its entries.
 */
export class StreamProbe {
  private constructor(private readonly redis: Redis) {}

  static async connect(url: string): Promise<StreamProbe> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    await redis.connect();
    return new StreamProbe(redis);
  }

  /** The stream's groups by name; a group whose lag Redis cannot tell is an error. */
  async groups(stream: string): Promise<Map<string, GroupState>> {
    const reply = await this.redis.call('XINFO', 'GROUPS', stream);
    if (!Array.isArray(reply)) throw new TypeError(`XINFO GROUPS ${stream}: ${String(reply)}`);
    const groups = new Map<string, GroupState>();
    for (const item of reply) {
      const fields = fieldsOf(item);
      const name = String(fields.get('name'));
      const lag = fields.get('lag');
      if (lag === null || lag === undefined) {
        // Redis loses count when entries the group had not read were trimmed or deleted.
        throw new Error(
          `group "${name}" of "${stream}": lag unknown (entries trimmed before it read them?)`,
        );
      }
      groups.set(name, {
        name,
        entriesRead: Number(fields.get('entries-read') ?? 0),
        pending: Number(fields.get('pending')),
        lag: Number(lag),
      });
    }
    return groups;
  }

  /** `group` of `stream`; an error if it is missing (its consumer never joined). */
  async group(stream: string, name: string): Promise<GroupState> {
    const group = (await this.groups(stream)).get(name);
    if (!group) throw new Error(`no group "${name}" on "${stream}"`);
    return group;
  }

  /** Bytes of the `envelope` field of the stream's newest entry (undefined when empty). */
  async newestEntryBytes(stream: string): Promise<number | undefined> {
    const reply = (await this.redis.xrevrange(stream, '+', '-', 'COUNT', 1)) as [
      string,
      string[],
    ][];
    const fields = reply[0]?.[1];
    if (!fields) return undefined;
    const envelope = fields[fields.indexOf('envelope') + 1];
    return envelope === undefined ? undefined : Buffer.byteLength(envelope);
  }

  async length(stream: string): Promise<number> {
    return this.redis.xlen(stream);
  }

  /** Redis's own pid (`INFO server`), for its CPU time. */
  async serverPid(): Promise<number | undefined> {
    const info = await this.redis.info('server');
    const match = /^process_id:(\d+)/m.exec(info);
    return match ? Number(match[1]) : undefined;
  }

  /**
   * Empties the stream (`XTRIM MAXLEN 0`) once every group has acknowledged all of it, so
   * each load starts on an empty stream and Redis holds no more than one load's entries.
   */
  async trimAll(stream: string): Promise<void> {
    await this.redis.xtrim(stream, 'MAXLEN', 0);
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}

/** `[name, value, name, value, ...]` as a map. */
function fieldsOf(item: unknown): Map<string, unknown> {
  if (!Array.isArray(item)) throw new TypeError(`unexpected XINFO GROUPS item: ${String(item)}`);
  const fields = new Map<string, unknown>();
  for (let index = 0; index + 1 < item.length; index += 2) {
    fields.set(String(item[index]), item[index + 1]);
  }
  return fields;
}
