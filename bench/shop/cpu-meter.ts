import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpuMsOf } from '../severity-pipeline/cpu';

const SERVICES = join(__dirname, '..', '..', '.services');

/** The processes whose CPU a phase reports: this one (the app) and the services it uses. */
export function watchedPids(kafka: boolean): Record<string, number | undefined> {
  return {
    app: process.pid,
    ...(kafka && {
      Kafka: pidFile('kafka/kafka.pid'),
      'MongoDB wire server': pidFile('mongo/mongo.pid'),
    }),
  };
}

/** Starts counting; `stop` says how many cores each process used on average meanwhile. */
export function cpuMeter(pids: Readonly<Record<string, number | undefined>>) {
  const startedAt = performance.now();
  const before = new Map(Object.entries(pids).map(([name, pid]) => [name, cpuMsOf(pid)]));
  return {
    stop(): Record<string, number | undefined> {
      const elapsedMs = performance.now() - startedAt;
      return Object.fromEntries(
        Object.entries(pids).map(([name, pid]) => {
          const start = before.get(name);
          const end = cpuMsOf(pid);
          const cores =
            start === undefined || end === undefined ? undefined : (end - start) / elapsedMs;
          return [name, cores];
        }),
      );
    },
  };
}

function pidFile(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(SERVICES, path), 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
