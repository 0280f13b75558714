import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDotEnv } from './load-dot-env';

describe('loadDotEnv', () => {
  let dir: string;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dotenv-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds the settings of .env, and leaves those already set alone', () => {
    const file = join(dir, '.env');
    writeFileSync(file, '# severity-pipeline\nROLE=worker\nQUEUES="error_queue"\nPORT=4000\n');
    const env: NodeJS.ProcessEnv = { PORT: '3003' };

    loadDotEnv(file, env);

    expect(env).toEqual({ ROLE: 'worker', QUEUES: 'error_queue', PORT: '3003' });
  });

  it('does nothing without the file', () => {
    const env: NodeJS.ProcessEnv = {};

    loadDotEnv(join(dir, '.env'), env);

    expect(env).toEqual({});
  });
});
