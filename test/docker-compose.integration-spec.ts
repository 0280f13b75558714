import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'yaml';

// No Docker engine runs here, but docker-compose checks a file without one: undefined
// services, bad keys and broken dependencies fail `config`. The rest are our own rules.
const root = join(__dirname, '..');
const APPS = ['event-manager', 'handler-router', 'severity-pipeline', 'event-hub', 'shop'];
const INFRA = ['kafka', 'postgres', 'redis', 'mongo'];
/**
 * Roles that run as services of their own, beside their app's main service: the app and
 * what their environment sets apart from its (the role, and a worker's queues).
 */
const ROLES: Readonly<Record<string, readonly [string, Readonly<Record<string, string>>]>> = {
  'event-manager-consumer': ['event-manager', { ROLE: 'consumer' }],
  'handler-router-router': ['handler-router', { ROLE: 'router' }],
  'severity-worker-dispatch': ['severity-pipeline', { ROLE: 'worker', QUEUES: 'dispatch_queue' }],
  'severity-worker-warning': ['severity-pipeline', { ROLE: 'worker', QUEUES: 'warning_queue' }],
  'severity-worker-error': ['severity-pipeline', { ROLE: 'worker', QUEUES: 'error_queue' }],
  'event-hub-grpc': ['event-hub', { ROLE: 'grpc-server' }],
  'event-hub-storage': ['event-hub', { ROLE: 'storage-consumer' }],
  'event-hub-metrics': ['event-hub', { ROLE: 'metrics-consumer' }],
  'shop-projector': ['shop', { ROLE: 'projector' }],
};
const ROLE_SERVICES = Object.keys(ROLES);
const APP_SERVICES = [...APPS, ...ROLE_SERVICES];

/** The infrastructure an app service uses, read from the URLs it is given. */
const USES: Readonly<Record<string, string>> = {
  KAFKA_BROKERS: 'kafka',
  REDIS_URL: 'redis',
  DATABASE_URL: 'postgres',
  MONGO_URL: 'mongo',
};

const URLS: Readonly<Record<string, string | RegExp>> = {
  KAFKA_BROKERS: 'kafka:9092',
  REDIS_URL: 'redis://redis:6379',
  DATABASE_URL: /^postgres:\/\/events:events@postgres:5432\/\w+$/,
  MONGO_URL: /^mongodb:\/\/mongo:27017\/\w+$/,
};

interface ComposeService {
  healthcheck?: { test: unknown };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
}

function composeConfig(): { services: Record<string, ComposeService> } {
  const output = execFileSync('docker-compose', ['config'], { cwd: root, encoding: 'utf8' });
  return parse(output) as { services: Record<string, ComposeService> };
}

describe('docker-compose.yml', () => {
  const { services } = composeConfig();

  it('is valid for docker-compose and defines the four services, the five apps and their roles', () => {
    expect(Object.keys(services).sort()).toEqual([...INFRA, ...APP_SERVICES].sort());
  });

  it.each([...INFRA, ...APP_SERVICES])('gives %s a health check', (name) => {
    expect(services[name].healthcheck?.test).toBeDefined();
  });

  it.each(APP_SERVICES)('starts %s only once the services it uses are healthy', (name) => {
    const { depends_on: dependsOn = {}, environment = {} } = services[name];
    const used = Object.keys(USES).filter((variable) => environment[variable] !== undefined);
    expect(used.length).toBeGreaterThan(0);
    for (const variable of used) {
      expect(dependsOn[USES[variable]]).toEqual({ condition: 'service_healthy' });
    }
  });

  it.each(APP_SERVICES)('wires %s to the services by URL', (name) => {
    const { environment = {} } = services[name];
    for (const [variable, url] of Object.entries(URLS)) {
      if (environment[variable] === undefined) continue;
      if (typeof url === 'string') expect(environment[variable]).toBe(url);
      else expect(environment[variable]).toMatch(url);
    }
  });

  it.each(ROLE_SERVICES)('runs %s as one role of its app', (name) => {
    const [app, apart] = ROLES[name];
    expect(services[name].environment).toEqual({ ...services[app].environment, ...apart });
  });

  it.each(APPS)('runs %s itself as its API alone when it has other roles', (app) => {
    const roles = Object.values(ROLES).filter(([owner]) => owner === app);
    if (roles.length === 0) return;
    expect(services[app].environment?.ROLE).toMatch(/^(api|app)$/);
  });
});
