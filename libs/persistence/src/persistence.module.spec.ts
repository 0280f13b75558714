import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runPersistenceContract } from './testing/persistence.contract';

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
