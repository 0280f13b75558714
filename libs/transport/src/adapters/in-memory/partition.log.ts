/** Compact the backing array only when this many slots are dead, to amortise the copy. */
const COMPACT_MIN_DEAD = 1024;

/**
 * One partition: an append-only log addressed by absolute offsets that never change, with
 * its head trimmed once no consumer group needs the oldest entries any more.
 */
export class PartitionLog<T> {
  private entries: (T | undefined)[] = [];
  /** Offset of `entries[0]`. */
  private base = 0;
  /** Oldest retained offset. */
  private first = 0;

  get startOffset(): number {
    return this.first;
  }

  /** The offset the next appended entry gets. */
  get endOffset(): number {
    return this.base + this.entries.length;
  }

  get size(): number {
    return this.endOffset - this.first;
  }

  append(entry: T): number {
    this.entries.push(entry);
    return this.endOffset - 1;
  }

  /** The entry at `offset`, or undefined if it was trimmed or not written yet. */
  read(offset: number): T | undefined {
    if (offset < this.first || offset >= this.endOffset) return undefined;
    return this.entries[offset - this.base];
  }

  /** Up to `max` consecutive entries from `offset` on (fewer at the end of the log). */
  readFrom(offset: number, max: number): T[] {
    if (offset < this.first) return [];
    const start = offset - this.base;
    const end = Math.min(start + max, this.entries.length);
    return this.entries.slice(start, end) as T[];
  }

  /** Forgets every entry before `offset`. */
  trimBefore(offset: number): void {
    const target = Math.min(offset, this.endOffset);
    if (target <= this.first) return;
    for (let o = this.first; o < target; o++) {
      this.entries[o - this.base] = undefined;
    }
    this.first = target;
    this.compact();
  }

  private compact(): void {
    const dead = this.first - this.base;
    const empty = this.first === this.endOffset;
    if (!empty && (dead < COMPACT_MIN_DEAD || dead * 2 < this.entries.length)) {
      return;
    }
    this.entries = this.entries.slice(dead);
    this.base = this.first;
  }
}
