import { spawn } from 'node:child_process';

/** One message as `kcat -C -J` prints it. */
export interface KcatMessage {
  readonly partition: number;
  readonly offset: number;
  readonly ts: number;
  /** Name, value, name, value, ... */
  readonly headers?: readonly string[];
  readonly key: string | null;
  readonly payload: string | null;
}

/**
 * Runs kcat (Debian's, installed by `scripts/services.sh`), the independent Kafka client our
 * interop tests produce and read with: what it accepts, any client in any language does.
 */
export function kcat(brokers: string, args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', ['-b', brokers, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`kcat ${args.join(' ')} exited with ${code}: ${stderr}`));
    });
    child.stdin.end(input ?? '');
  });
}

/** Produces one message per line of `lines`, with no key and no headers, as a legacy producer. */
export async function kcatProduceLines(
  brokers: string,
  topic: string,
  lines: readonly string[],
): Promise<void> {
  await kcat(brokers, ['-P', '-t', topic], `${lines.join('\n')}\n`);
}

/** Every message of a topic, read from the beginning to the current end, in log order. */
export async function kcatRead(brokers: string, topic: string): Promise<KcatMessage[]> {
  // -e stops at the end of every partition, which kcat learns from an empty fetch: keep those
  // short (500 ms by default).
  const args = ['-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-J'];
  // A topic not created yet (a dead-letter topic before its first event) holds no messages:
  // a test polling for one must keep polling rather than fail.
  const output = await kcat(brokers, [...args, '-X', 'fetch.wait.max.ms=20']).catch(
    (error: unknown) => {
      if (error instanceof Error && error.message.includes('Unknown topic or partition')) return '';
      throw error;
    },
  );
  return output
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as KcatMessage)
    .sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

/** A kcat message's headers as a record (the last value of a repeated name wins). */
export function kcatHeaders(message: KcatMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const list = message.headers ?? [];
  for (let i = 0; i + 1 < list.length; i += 2) headers[list[i]] = list[i + 1];
  return headers;
}

/** `-H name=value` arguments for every header, for `kcat -P`. */
export function kcatHeaderArgs(headers: Readonly<Record<string, string>>): string[] {
  return Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
}
