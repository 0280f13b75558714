import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestApp } from '@app/platform/testing/create-test-app';
import request from 'supertest';
import {
  createSuperuser,
  CreateSuperuserError,
  runCreateSuperuser,
} from '../src/auth/cli/create-superuser';
import { SeverityPipelineModule } from '../src/severity-pipeline.module';

const run = promisify(execFile);

describe('createsuperuser (e2e): the seed’s manage.py command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'severity-pipeline-createsuperuser-'));
  const databaseUrl = `sqlite:${join(dir, 'severity-pipeline.sqlite')}`;

  beforeAll(() => {
    process.env.DATABASE_URL = databaseUrl;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Each case below starts Nest and migrates a database file: allow for a busy machine.
  jest.setTimeout(30_000);

  it('creates an admin in the configured database, who can then get tokens', async () => {
    const line = await createSuperuser(['--username', 'admin', '--password', 's3cret-enough']);

    expect(line).toMatch(/^Superuser "admin" created \(role admin, id [0-9a-f-]{36}\)\.$/);
    const app = await createTestApp(SeverityPipelineModule, { DATABASE_URL: databaseUrl });
    try {
      await request(app.getHttpServer())
        .post('/api/token/')
        .send({ username: 'admin', password: 's3cret-enough' })
        .expect(200);
    } finally {
      await app.close();
    }
  });

  it('runs on a database the app has already migrated', async () => {
    // The app above ran every migration; the command knows only auth's and must not mind.
    await expect(
      createSuperuser([
        '--username',
        'generator',
        '--password',
        'dag-password',
        '--role',
        'client',
      ]),
    ).resolves.toMatch(/^Superuser "generator" created \(role client, /);
  });

  it('takes the username and password from Django’s variables when no flag gives them', async () => {
    await expect(
      createSuperuser(['--noinput'], {
        DJANGO_SUPERUSER_USERNAME: 'ops',
        DJANGO_SUPERUSER_PASSWORD: 'on call tonight',
      }),
    ).resolves.toMatch(/^Superuser "ops" created/);
  });

  it.each([
    [
      ['--username', 'admin', '--password', 'another-password'],
      'user with username "admin" already exists',
    ],
    [['--username', 'short', '--password', 'abc'], 'password: must contain at least 8 characters'],
    [
      ['--username', 'digits', '--password', '1234567890'],
      'password: must not be entirely numeric',
    ],
    [
      ['--username', 'robert', '--password', 'Robert-1990'],
      'password: must not contain the username',
    ],
    [
      ['--username', 'no spaces', '--password', 'fine-password'],
      'username: may contain only letters, digits and @ . + - _',
    ],
    [['--password', 'fine-password'], '--username is required'],
    [['--username', 'carol'], '--password is required'],
    [
      ['--username', 'dave', '--password', 'fine-password', '--role', 'root'],
      '--role must be one of: admin, client',
    ],
    [['--usernme', 'eve'], "Unknown option '--usernme'"],
  ])('refuses %j, saying why', async (args, reason) => {
    const refusal = createSuperuser(args, {});
    await expect(refusal).rejects.toBeInstanceOf(CreateSuperuserError);
    await expect(refusal).rejects.toThrow(reason);
  });

  it('prints one line on stderr and sets exit code 1 when it refuses', async () => {
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await runCreateSuperuser(['--username', 'admin', '--password', 'another-password']);

      expect(printed.mock.calls).toEqual([
        ['createsuperuser: user with username "admin" already exists'],
      ]);
      expect(process.exitCode).toBe(1);
    } finally {
      printed.mockRestore();
      process.exitCode = undefined;
    }
  });

  it('runs as `npm run severity-pipeline:createsuperuser -- ...`, printing one line', async () => {
    const script = ['run', '--silent', 'severity-pipeline:createsuperuser', '--'];
    const { stdout } = await run(
      'npm',
      [...script, '--username', 'cli', '--password', 'terminal'],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl },
      },
    );

    expect(stdout).toMatch(/^Superuser "cli" created \(role admin, id [0-9a-f-]{36}\)\.\n$/);
  }, 120_000); // ts-node compiles the app first: seconds, more on a busy machine.
});
