import { connect } from 'node:net';

const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  postgres: 5432,
  redis: 6379,
  kafka: 9092,
  mongo: 27017,
};

/**
 * Fails an integration suite at once, in one line, when a real service it needs is not
 * listening, naming the service and the command that starts it. Integration suites never
 * skip: a missing service is a failure (in CI and on a laptop alike).
 *
 * `address` is a URL (`postgres://...`, `redis://...`) or `host:port` (Kafka brokers).
 */
export async function requireService(service: string, address: string): Promise<void> {
  const { host, port } = parseAddress(address, DEFAULT_PORTS[service]);
  const reachable = await canConnect(host, port, 2000);
  if (!reachable) {
    throw new Error(
      `${service} is not reachable at ${host}:${port}: start it with \`scripts/services.sh up ${service}\``,
    );
  }
}

function parseAddress(address: string, defaultPort = 0): { host: string; port: number } {
  const url = new URL(address.includes('://') ? address : `tcp://${address}`);
  return { host: url.hostname || '127.0.0.1', port: Number(url.port) || defaultPort };
}

function canConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}
