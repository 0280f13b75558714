import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'yaml';

// No Docker engine runs here, but docker-compose checks a file without one: undefined
// services, bad keys and broken dependencies fail `config`. The rest are our own rules.
const root = join(__dirname, '..');
const APPS = ['event-manager', 'handler-router', 'severity-pipeline', 'event-hub', 'shop'];
const INFRA = ['kafka', 'postgres', 'redis', 'mongo'];

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

  it('is valid for docker-compose and defines the four services and the five apps', () => {
    expect(Object.keys(services).sort()).toEqual([...INFRA, ...APPS].sort());
  });

  it.each([...INFRA, ...APPS])('gives %s a health check', (name) => {
    expect(services[name].healthcheck?.test).toBeDefined();
  });

  it.each(APPS)('starts %s only once the services it uses are healthy', (name) => {
    const { depends_on: dependsOn = {}, environment = {} } = services[name];
    const used = ['kafka', 'redis', 'postgres', ...(environment.MONGO_URL ? ['mongo'] : [])];
    for (const service of used)
      expect(dependsOn[service]).toEqual({ condition: 'service_healthy' });
  });

  it.each(APPS)('wires %s to the services by URL', (name) => {
    expect(services[name].environment).toMatchObject({
      KAFKA_BROKERS: 'kafka:9092',
      REDIS_URL: 'redis://redis:6379',
      DATABASE_URL: expect.stringMatching(/^postgres:\/\/events:events@postgres:5432\/\w+$/),
    });
  });
});
