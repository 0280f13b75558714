import { randomUUID } from 'node:crypto';
import { requireService } from '@app/platform/testing/require-service';
import { Client } from 'pg';
import { runPersistenceContract } from './testing/persistence.contract';

// The server of scripts/services.sh (or any PostgreSQL given by POSTGRES_ADMIN_URL, whose
// role may create databases); each test gets a database of its own.
const adminUrl = process.env.POSTGRES_ADMIN_URL ?? 'postgres://events:events@127.0.0.1:5432/events';

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(() => requireService('postgres', adminUrl));

runPersistenceContract('PostgreSQL', {
  create: async () => {
    const name = `persistence_${randomUUID().replaceAll('-', '')}`;
    await admin(`create database "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  },
  drop: async (url) => {
    await admin(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`);
  },
});
