import type { Admin } from 'kafkajs';

/**
 * A consumer group's lag on one topic, from the admin API: per partition, the high
 * watermark minus the group's committed offset, summed. Offsets are committed only after
 * their handler succeeded, so that counts the events not delivered yet and those delivered
 * but not acknowledged; an acknowledged event still counts until kafkajs commits it (after
 * its batch, or `autoCommitInterval`). A partition with no committed offset (-1: a group that
 * never committed, or never subscribed) counts from the low watermark, as the group would
 * start there (`fromBeginning`); so does one whose committed offset retention has passed.
 *
 * A missing topic lags by nothing. It is looked up first, because kafkajs retries offset
 * requests for an unknown topic for seconds before failing, too slow for a metrics scrape.
 */
export async function kafkaGroupLag(admin: Admin, topic: string, group: string): Promise<number> {
  if (!(await admin.listTopics()).includes(topic)) return 0;
  const [watermarks, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId: group, topics: [topic] }),
  ]);
  const committedByPartition = new Map(
    committed
      .filter((entry) => entry.topic === topic)
      .flatMap((entry) => entry.partitions)
      .map(({ partition, offset }) => [partition, Number(offset)]),
  );
  let lag = 0;
  for (const { partition, high, low } of watermarks) {
    const from = Math.max(Number(low), committedByPartition.get(partition) ?? -1);
    lag += Math.max(0, Number(high) - from);
  }
  return lag;
}
