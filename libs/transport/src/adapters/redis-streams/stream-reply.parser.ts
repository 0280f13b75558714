/**
 * Typed views of the raw stream replies. Commands go through ioredis `call`/`eval`, whose
 * replies are `unknown`; these functions check the shape instead of casting, so a protocol
 * surprise fails with a sentence rather than an `undefined` deep inside a handler.
 */

/** One stream entry: its id and its field/value pairs. */
export interface StreamEntry {
  readonly id: string;
  readonly fields: ReadonlyMap<string, string>;
}

/** An entry taken over from another consumer, with the group's delivery count for it. */
export interface ClaimedEntry {
  readonly entry: StreamEntry;
  readonly deliveries: number;
}

export interface ClaimReply {
  /** Where the next `XAUTOCLAIM` scan continues (`0-0`: the scan went round). */
  readonly cursor: string;
  readonly claimed: readonly ClaimedEntry[];
  /** Pending ids whose entries were trimmed away: Redis dropped them from the group. */
  readonly deleted: readonly string[];
}

/**
 * `XREADGROUP` or `XREAD` on one stream. RESP2 spells it `[[key, entries]]`; ioredis on RESP3
 * with its default reply mapping flattens the map to `[key, entries]`; `null` when nothing came.
 */
export function parseReadReply(reply: unknown): StreamEntry[] {
  if (reply === null) return [];
  const list = expectArray(reply, 'XREAD/XREADGROUP reply');
  if (list.length === 0) return [];
  if (typeof list[0] === 'string') return parseEntries(list[1]);
  const [stream] = list;
  return parseEntries(expectArray(stream, 'XREAD/XREADGROUP stream')[1]);
}

/** `[[id, [field, value, ...]], ...]`; entries read back as `nil` (deleted) are skipped. */
export function parseEntries(value: unknown): StreamEntry[] {
  const entries: StreamEntry[] = [];
  for (const item of expectArray(value, 'stream entries')) {
    const [id, fields] = expectArray(item, 'stream entry');
    if (fields === null || fields === undefined) continue;
    entries.push({ id: expectString(id, 'entry id'), fields: parseFields(fields) });
  }
  return entries;
}

/** The claim script's reply: `[cursor, [[id, fields, deliveries], ...], [deletedId, ...]]`. */
export function parseClaimReply(reply: unknown): ClaimReply {
  const [cursor, claimed, deleted] = expectArray(reply, 'claim reply');
  return {
    cursor: expectString(cursor, 'claim cursor'),
    claimed: expectArray(claimed, 'claimed entries').map((item) => {
      const [id, fields, deliveries] = expectArray(item, 'claimed entry');
      return {
        entry: { id: expectString(id, 'entry id'), fields: parseFields(fields) },
        deliveries: expectInteger(deliveries, 'delivery count'),
      };
    }),
    deleted: expectArray(deleted ?? [], 'deleted ids').map((id) => expectString(id, 'entry id')),
  };
}

/** What `groupLag` reads of one group in `XINFO GROUPS`. */
export interface GroupInfo {
  readonly name: string;
  /** Entries delivered to a consumer of the group and not acknowledged (its PEL). */
  readonly pending: number;
  /**
   * Entries added to the stream that the group has not read yet, trimmed ones included;
   * `null` when Redis cannot tell (an entry deleted with XDEL lies ahead of the group) or
   * does not say (before Redis 7).
   */
  readonly lag: number | null;
}

/** `XINFO GROUPS`: one flat `[field, value, ...]` list per group (RESP2 and ioredis's RESP3). */
export function parseGroupsInfo(reply: unknown): GroupInfo[] {
  return expectArray(reply, 'XINFO GROUPS reply').map((item) => {
    const flat = expectArray(item, 'XINFO GROUPS group');
    const fields = new Map<string, unknown>();
    for (let i = 0; i + 1 < flat.length; i += 2) {
      fields.set(expectString(flat[i], 'field name'), flat[i + 1]);
    }
    const lag = fields.get('lag');
    return {
      name: expectString(fields.get('name'), 'group name'),
      pending: expectInteger(fields.get('pending'), 'pending count'),
      lag: lag === null || lag === undefined ? null : expectInteger(lag, 'group lag'),
    };
  });
}

/** A list of entry ids (`string[]`), as the keep-alive script returns. */
export function parseIds(reply: unknown, what: string): string[] {
  return expectArray(reply, what).map((id) => expectString(id, what));
}

/** A list of integers, as the reclaim script returns. */
export function parseIntegers(reply: unknown, what: string): number[] {
  return expectArray(reply, what).map((value) => expectInteger(value, what));
}

export function expectInteger(value: unknown, what: string): number {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw new TypeError(`unexpected Redis reply: ${what} is not an integer (${String(value)})`);
  }
  return number;
}

function parseFields(value: unknown): Map<string, string> {
  const flat = expectArray(value, 'entry fields');
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) {
    fields.set(expectString(flat[i], 'field name'), expectString(flat[i + 1], 'field value'));
  }
  return fields;
}

function expectArray(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new TypeError(`unexpected Redis reply: ${what} is not a list (${typeof value})`);
  }
  return value;
}

function expectString(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  throw new TypeError(`unexpected Redis reply: ${what} is not a string (${typeof value})`);
}
