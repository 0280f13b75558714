import type { Admin } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Errors of a partition whose leader is moving (a topic just made, a broker restarting). */
const LEADERSHIP_CHANGES: ReadonlySet<string> = new Set([
  'NOT_LEADER_FOR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_OR_PARTITION',
]);

const ATTEMPTS = 6;
const RETRY_MS = 100;

/**
 * Each partition's end offset (its high watermark) now. kafkajs asks the leaders it last
 * heard of and does not refresh them when one answers that it is no longer the leader, so
 * during an election (a topic just created, a broker restarting) this refreshes the topic's
 * metadata and asks again, a few times, before giving up with the broker's error.
 */
export async function fetchEndOffsets(
  admin: Pick<Admin, 'fetchTopicOffsets' | 'fetchTopicMetadata'>,
  topic: string,
  retryMs = RETRY_MS,
): Promise<Map<number, string>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return new Map(offsets.map(({ partition, high }) => [partition, high]));
    } catch (error) {
      if (attempt >= ATTEMPTS || !isLeadershipChange(error)) throw error;
      await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
      await sleep(retryMs * attempt);
    }
  }
}

function isLeadershipChange(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' && LEADERSHIP_CHANGES.has(type);
}
