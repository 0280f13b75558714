let counter = 0;
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/**
 * A topic, group or queue name no other test run or case uses, so contract cases can share a
 * broker and run side by side. Lower-snake (plus digits), valid on Kafka, Redis and BullMQ.
 */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}_${run}_${counter}`;
}
