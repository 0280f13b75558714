import { murmur2, partitionForKey } from './key.partitioner';

describe('key partitioner', () => {
  // Apache Kafka's own vectors (UtilsTest.testMurmur2): same hash, same partition as Kafka.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('murmur2(%j) is %d, as in Kafka', (key, hash) => {
    expect(murmur2(key)).toBe(hash);
  });

  it('always maps a key to the same partition within range', () => {
    for (let i = 0; i < 1000; i++) {
      const partition = partitionForKey(`customer-${i}`, 8);
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(8);
      expect(partitionForKey(`customer-${i}`, 8)).toBe(partition);
    }
  });

  it('spreads keys over every partition', () => {
    const counts = Array.from({ length: 8 }, () => 0);
    for (let i = 0; i < 8000; i++) counts[partitionForKey(`key-${i}`, 8)] += 1;
    for (const count of counts) expect(count).toBeGreaterThan(800);
  });
});
