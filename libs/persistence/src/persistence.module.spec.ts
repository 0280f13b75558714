import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { MikroORM } from '@mikro-orm/core';
import type { INestApplication } from '@nestjs/common';
import { runPersistenceContract, SqlTestAppModule } from './testing/persistence.contract';

// A file in a folder that does not exist yet: the module must create both.
runPersistenceContract('SQLite', {
  create: async () =>
    `sqlite:${join(mkdtempSync(join(tmpdir(), 'persistence-')), 'nested', 'app.sqlite')}`,
  drop: async (url) => {
    const file = url.slice('sqlite:'.length);
    expect(existsSync(file)).toBe(true);
    rmSync(dirname(dirname(file)), { recursive: true, force: true });
  },
});

describe('PersistenceModule on a SQLite file', () => {
  let folder: string;
  let app: INestApplication | undefined;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'persistence-wal-'));
  });

  afterEach(async () => {
    await app?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes through the write-ahead log, not a rollback journal', async () => {
    app = await createTestApp(SqlTestAppModule, {
      DATABASE_URL: `sqlite:${join(folder, 'app.sqlite')}`,
    });
    const connection = app.get(MikroORM).em.getConnection();

    expect(await connection.execute('pragma journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(existsSync(join(folder, 'app.sqlite-wal'))).toBe(true);
  });
});
