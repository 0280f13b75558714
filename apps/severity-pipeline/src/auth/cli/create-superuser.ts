import { parseArgs } from 'node:util';
import { PersistenceModule } from '@app/persistence';
import { ConflictError, InputValidationError, PlatformModule, validateConfig } from '@app/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SeverityPipelineConfig } from '../../severity-pipeline.config';
import { AUTH_ENTITIES, AUTH_MIGRATIONS } from '../auth.persistence';
import { USER_ROLES, type UserRole } from '../users/user.rules';
import { UsersModule } from '../users/users.module';
import { UsersService } from '../users/users.service';

/** The first argument that makes the app's entry point run this instead of the server. */
export const CREATE_SUPERUSER = 'createsuperuser';

export const CREATE_SUPERUSER_USAGE =
  'usage: createsuperuser --username <name> --password <password> [--role admin|client]' +
  ' (or DJANGO_SUPERUSER_USERNAME / DJANGO_SUPERUSER_PASSWORD in the environment)';

/** A mistake of the person running the command, printed as one line without a stack. */
export class CreateSuperuserError extends Error {
  override readonly name = 'CreateSuperuserError';
}

interface SuperuserRequest {
  readonly username: string;
  readonly password: string;
  readonly role: UserRole;
}

/** The users and the database, as the app has them, and nothing else (no HTTP, no queues). */
@Module({})
class CreateSuperuserModule {
  static forApp(): DynamicModule {
    return {
      module: CreateSuperuserModule,
      imports: [
        PlatformModule.forApp({ name: 'severity-pipeline', config: SeverityPipelineConfig }),
        PersistenceModule.forRoot({ entities: AUTH_ENTITIES, migrations: AUTH_MIGRATIONS }),
        UsersModule,
      ],
    };
  }
}

/**
 * The seed's `python manage.py createsuperuser`, without prompts (scripts and CI run it):
 * creates a user, `admin` unless `--role` says otherwise, in the database the app's
 * configuration names (`.env` included), its schema brought up to date first. Returns the
 * line to print; a wrong argument, a weak password or a taken username is a
 * `CreateSuperuserError` saying so.
 */
export async function createSuperuser(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const request = parseRequest(args, env);
  // No logger: whatever goes wrong is thrown and printed as one line by the caller.
  const app = await NestFactory.createApplicationContext(CreateSuperuserModule.forApp(), {
    logger: false,
    abortOnError: false,
  });
  try {
    const user = await app.get(UsersService).create(request);
    return `Superuser "${user.username}" created (role ${user.role}, id ${user.id}).`;
  } catch (error) {
    if (error instanceof InputValidationError || error instanceof ConflictError) {
      throw new CreateSuperuserError(error.message);
    }
    throw error;
  } finally {
    await app.close();
  }
}

function parseRequest(args: readonly string[], env: NodeJS.ProcessEnv): SuperuserRequest {
  let values: { username?: string; password?: string; role?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        username: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string', default: 'admin' },
        // Django's flag for "no prompts"; this command never prompts.
        noinput: { type: 'boolean' },
        'no-input': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CreateSuperuserError(`${(error as Error).message}; ${CREATE_SUPERUSER_USAGE}`);
  }
  const username = values.username ?? env.DJANGO_SUPERUSER_USERNAME;
  const password = values.password ?? env.DJANGO_SUPERUSER_PASSWORD;
  if (!username)
    throw new CreateSuperuserError(`--username is required; ${CREATE_SUPERUSER_USAGE}`);
  if (!password)
    throw new CreateSuperuserError(`--password is required; ${CREATE_SUPERUSER_USAGE}`);
  const role = values.role as UserRole;
  if (!USER_ROLES.includes(role)) {
    throw new CreateSuperuserError(`--role must be one of: ${USER_ROLES.join(', ')}`);
  }
  return { username, password, role };
}

/** Runs the command for the entry point: one line on stdout, or one on stderr and exit code 1. */
export async function runCreateSuperuser(args: readonly string[]): Promise<void> {
  // Checked at once, like bootstrapApp does, so that a wrong setting is one line and exit code
  // 1 before anything else reports it.
  try {
    validateConfig(SeverityPipelineConfig, process.env);
  } catch (error) {
    console.error(`createsuperuser: ${(error as Error).message}`);
    process.exit(1);
  }
  try {
    console.log(await createSuperuser(args));
  } catch (error) {
    console.error(`createsuperuser: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
