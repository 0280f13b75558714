import { hostname } from 'node:os';

/** Who processed an event: the worker's role and its process, e.g. `error-worker@web-1:4242`. */
export function workerName(role: string): string {
  return `${role}@${hostname()}:${process.pid}`;
}
