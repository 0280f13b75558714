import { PartitionLog } from './partition.log';

describe('PartitionLog', () => {
  it('gives entries consecutive offsets that survive trimming', () => {
    const log = new PartitionLog<string>();
    expect(['a', 'b', 'c'].map((e) => log.append(e))).toEqual([0, 1, 2]);
    log.trimBefore(2);
    expect(log.read(1)).toBeUndefined();
    expect(log.read(2)).toBe('c');
    expect(log.append('d')).toBe(3);
    expect([log.startOffset, log.endOffset, log.size]).toEqual([2, 4, 2]);
  });

  it('never trims past the end or backwards', () => {
    const log = new PartitionLog<number>();
    log.append(1);
    log.trimBefore(10);
    expect([log.startOffset, log.endOffset]).toEqual([1, 1]);
    log.trimBefore(0);
    expect(log.startOffset).toBe(1);
    expect(log.append(2)).toBe(1);
  });

  it('reads correctly across compactions of a long log', () => {
    const log = new PartitionLog<number>();
    for (let i = 0; i < 10_000; i++) log.append(i);
    for (let offset = 0; offset < 10_000; offset += 500) {
      log.trimBefore(offset);
      expect(log.read(offset)).toBe(offset);
      expect(log.read(9_999)).toBe(9_999);
    }
    log.trimBefore(10_000);
    expect(log.size).toBe(0);
    expect(log.append(10_000)).toBe(10_000);
  });

  it('reads a run of entries from an offset, fewer at the end, none before the start', () => {
    const log = new PartitionLog<string>();
    for (const entry of ['a', 'b', 'c', 'd']) log.append(entry);
    log.trimBefore(1);
    expect(log.readFrom(1, 2)).toEqual(['b', 'c']);
    expect(log.readFrom(2, 10)).toEqual(['c', 'd']);
    expect(log.readFrom(4, 10)).toEqual([]);
    expect(log.readFrom(0, 10)).toEqual([]);
  });
});
