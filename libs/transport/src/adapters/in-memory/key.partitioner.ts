const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/**
 * Kafka's murmur2 (org.apache.kafka.common.utils.Utils.murmur2) over the key's UTF-8 bytes,
 * as a signed 32-bit integer. We use Kafka's hash rather than any stable hash so that a key
 * lands in the same partition number in memory as with Kafka's default partitioner, which
 * keeps logs and partition metrics comparable between the two.
 */
export function murmur2(key: string): number {
  const data = Buffer.from(key, 'utf8');
  const length = data.length;
  let h = SEED ^ length;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data.readInt32LE(i);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  h = mixTail(h, data, whole, length & 3);
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

function mixTail(h: number, data: Buffer, start: number, rest: number): number {
  if (rest === 0) return h;
  let tail = h;
  if (rest === 3) tail ^= data[start + 2] << 16;
  if (rest >= 2) tail ^= data[start + 1] << 8;
  tail ^= data[start];
  return Math.imul(tail, M);
}

/** Kafka's default partitioner for keyed records: `toPositive(murmur2(key)) % partitions`. */
export function partitionForKey(key: string, partitions: number): number {
  return (murmur2(key) & 0x7fffffff) % partitions;
}
