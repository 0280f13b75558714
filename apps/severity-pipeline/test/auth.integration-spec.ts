import { randomUUID } from 'node:crypto';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { requireService } from '@app/platform/testing/require-service';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { createSuperuser } from '../src/auth/cli/create-superuser';
import { SeverityPipelineModule } from '../src/severity-pipeline.module';

// The server of scripts/services.sh (or any PostgreSQL given by POSTGRES_ADMIN_URL, whose
// role may create databases); the suite gets a database of its own.
const adminUrl = new URL(
  process.env.POSTGRES_ADMIN_URL ?? 'postgres://events:events@127.0.0.1:5432/events',
);

/** The seed's `.env` settings, pointed at that server and this suite's database. */
const SEED_DATABASE_SETTINGS = {
  DB_NAME: `severity_auth_${randomUUID().replaceAll('-', '')}`,
  DB_USER: decodeURIComponent(adminUrl.username),
  DB_PASSWORD: decodeURIComponent(adminUrl.password),
  DB_HOST: adminUrl.hostname,
  DB_PORT: adminUrl.port || '5432',
};

async function query(sql: string, database?: string): Promise<unknown[]> {
  const url = new URL(adminUrl);
  if (database) url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('severity-pipeline auth on PostgreSQL, configured with the seed’s DB_* variables', () => {
  let app: INestApplication;
  const username = 'admin';

  beforeAll(async () => {
    await requireService('postgres', adminUrl.toString());
    await query(`create database "${SEED_DATABASE_SETTINGS.DB_NAME}"`);
    // No DATABASE_URL: the app must build it from the DB_* variables.
    delete process.env.DATABASE_URL;
    Object.assign(process.env, SEED_DATABASE_SETTINGS);
  });

  afterAll(async () => {
    await app?.close();
    await query(`drop database if exists "${SEED_DATABASE_SETTINGS.DB_NAME}" with (force)`);
  });

  it('creates an admin with createsuperuser, who then gets tokens from the app', async () => {
    await expect(
      createSuperuser(['--username', username, '--password', 'integration-secret']),
    ).resolves.toMatch(/^Superuser "admin" created/);

    app = await createTestApp(SeverityPipelineModule);
    const http = app.getHttpServer();
    const { body } = await request(http)
      .post('/api/token/')
      .send({ username, password: 'integration-secret' })
      .expect(200);
    const me = await request(http)
      .get('/api/me')
      .auth((body as { access: string }).access, { type: 'bearer' })
      .expect(200);
    expect(me.body).toMatchObject({ username, role: 'admin' });
    // Stored in the database the DB_* variables name, its password hashed.
    await expect(
      query('select username, role, password_hash from auth_user', SEED_DATABASE_SETTINGS.DB_NAME),
    ).resolves.toEqual([
      { username, role: 'admin', password_hash: expect.stringMatching(/^\$argon2id\$/) },
    ]);
  });

  it('refuses a username taken on PostgreSQL too', async () => {
    await expect(
      createSuperuser(['--username', username, '--password', 'integration-secret']),
    ).rejects.toThrow('user with username "admin" already exists');
  });
});
