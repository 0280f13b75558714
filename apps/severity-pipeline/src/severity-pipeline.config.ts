import { DatabaseConfig } from '@app/persistence';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsUrl,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { TOKEN_LIFETIME_PATTERN } from './auth/tokens/token-lifetime';
import {
  DEFAULT_ALERT_EMAIL_TO,
  DEFAULT_MAIL_FROM,
  MailAddressSetting,
  SmtpUrlSetting,
} from './mail/mail.settings';

/**
 * Signs tokens when `SECRET_KEY` is unset, so the embedded default runs with no setup. It is
 * public (it is in this file), so a production process refuses it.
 */
export const DEVELOPMENT_SECRET_KEY =
  'severity-pipeline-development-secret-do-not-use-in-production';

/** HS256 wants a key at least as long as its 256-bit hash (RFC 7518, section 3.2). */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;

/** What one process runs (see `ROLE`). */
export const SEVERITY_PIPELINE_ROLES = ['all', 'api', 'worker'] as const;
export type SeverityPipelineRole = (typeof SEVERITY_PIPELINE_ROLES)[number];

/**
 * severity-pipeline's settings: the shared ones (README, "Configuration") plus its own. The
 * seed's Django settings are accepted as they were: `SECRET_KEY`, and `DB_NAME`, `DB_USER`,
 * `DB_PASSWORD`, `DB_HOST`, `DB_PORT` in place of `DATABASE_URL` (see `.env.example`).
 */
export class SeverityPipelineConfig extends DatabaseConfig {
  /** The seed served on 8000; event-hub owns that port here. */
  override PORT = 3003;

  // The rule sits on NODE_ENV, not on SECRET_KEY, because a rejected setting is printed with
  // its value: a weak secret must not end up in the logs.
  @ProductionNeedsOwnSecret()
  override NODE_ENV?: string = undefined;

  constructor() {
    super();
    // DATABASE_URL as given, or else built from the seed's DB_* variables. An accessor, not a
    // value, because the config is filled in variable by variable: the URL can only be built
    // once DB_NAME and the rest are there. Validation and the persistence module read it as
    // any other setting.
    let given: string | undefined;
    Object.defineProperty(this, 'DATABASE_URL', {
      enumerable: true,
      configurable: true,
      get: () => given || databaseUrlFromParts(this as unknown as Record<string, unknown>),
      set: (value: string | undefined) => {
        given = value;
      },
    });
  }

  /** Signs and checks the API's tokens (HS256, like the seed's SimpleJWT with Django's key). */
  @IsNotEmpty()
  @IsString()
  SECRET_KEY: string = DEVELOPMENT_SECRET_KEY;

  /** How long an access token is good for; SimpleJWT's default is 5 minutes. */
  @Matches(TOKEN_LIFETIME_PATTERN, {
    message: 'ACCESS_TOKEN_LIFETIME must be seconds or a duration like 300, 5m, 1h, 1d',
  })
  ACCESS_TOKEN_LIFETIME: string = '5m';

  /** How long a refresh token can get new access tokens; SimpleJWT's default is 1 day. */
  @Matches(TOKEN_LIFETIME_PATTERN, {
    message: 'REFRESH_TOKEN_LIFETIME must be seconds or a duration like 3600, 12h, 1d',
  })
  REFRESH_TOKEN_LIFETIME: string = '1d';

  /** The seed's PostgreSQL database name; setting it selects PostgreSQL. */
  @IsOptional()
  @IsString()
  DB_NAME?: string;

  @IsOptional()
  @IsString()
  DB_USER?: string;

  @IsOptional()
  @IsString()
  DB_PASSWORD?: string;

  /** `localhost` when unset, like Django's empty HOST. */
  @IsOptional()
  @IsString()
  DB_HOST?: string;

  /** 5432 when unset. */
  @IsOptional()
  @Max(65535)
  @Min(1)
  @IsInt()
  DB_PORT?: number;

  /**
   * Unset: mail is kept in the database and listed by `GET /api/mail`. Set
   * (`smtp://user:password@host:587`, `smtps://...:465`): mail is sent through that server.
   */
  @SmtpUrlSetting()
  SMTP_URL?: string;

  /** The sender of the app's mail. */
  @MailAddressSetting()
  MAIL_FROM: string = DEFAULT_MAIL_FROM;

  /** Where the error worker sends its alerts. */
  @MailAddressSetting()
  ALERT_EMAIL_TO: string = DEFAULT_ALERT_EMAIL_TO;

  /**
   * `all` (the default) runs everything in one process; `api` the REST and GraphQL API, the
   * generator and the dispatch sweeper; `worker` only the queues named by `QUEUES`. Split roles
   * need `REDIS_URL` (BullMQ), so that the processes share the queues.
   */
  @IsIn(SEVERITY_PIPELINE_ROLES)
  ROLE: SeverityPipelineRole = 'all';

  /** The queues a worker process works: `all` or a list like `error_queue,warning_queue`. */
  @Matches(/^(all|[a-z_]+(,[a-z_]+)*)$/, {
    message: 'QUEUES must be all or a comma-separated list like dispatch_queue,error_queue',
  })
  QUEUES: string = 'all';

  /** Whether the generator runs from start-up (it can be paused and resumed through the API). */
  @IsBoolean({ message: 'GENERATOR_ENABLED must be true or false' })
  @Transform(({ value }: { value: unknown }) => parseBoolean(value))
  GENERATOR_ENABLED: boolean = false;

  @Max(86_400)
  @Min(1)
  @IsInt()
  GENERATOR_INTERVAL_SECONDS: number = 10;

  /** The API the generator calls, like an external client; default this process. */
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'GENERATOR_URL must be an http(s) URL' },
  )
  @IsOptional()
  GENERATOR_URL?: string;

  /** The generator's credentials: a user created with createsuperuser (or any user). */
  @IsString()
  @IsOptional()
  GENERATOR_USERNAME?: string;

  @IsString()
  @IsOptional()
  GENERATOR_PASSWORD?: string;

  /** The queues `QUEUES` names, as a list (or `all`). */
  workedQueues(): 'all' | string[] {
    if (this.ROLE === 'api') return [];
    return this.QUEUES === 'all' ? 'all' : this.QUEUES.split(',');
  }
}

/** `true`/`false` (and 1/0, yes/no) from the environment; anything else stays as it was. */
function parseBoolean(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalized)) return true;
  if (['false', '0', 'no'].includes(normalized)) return false;
  return value;
}

/**
 * `postgres://user:password@host:port/name` from the seed's `DB_*` variables, each part
 * URL-encoded (a password may hold `@` or `/`); undefined without `DB_NAME`. Without
 * `DB_USER` the URL names no user and the driver picks its default (`PGUSER`, the OS user).
 */
export function databaseUrlFromParts(env: Record<string, unknown>): string | undefined {
  const part = (name: string) => {
    const value = env[name];
    // A string from the environment, or a number once the config has converted DB_PORT.
    if (typeof value === 'number') return String(value);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const name = part('DB_NAME');
  if (name === undefined) return undefined;
  const user = part('DB_USER');
  const password = part('DB_PASSWORD');
  const credentials =
    user === undefined
      ? ''
      : `${encodeURIComponent(user)}${password === undefined ? '' : `:${encodeURIComponent(password)}`}@`;
  const host = part('DB_HOST') ?? 'localhost';
  // An IPv6 address needs brackets in a URL.
  const hostInUrl = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const port = part('DB_PORT') ?? '5432';
  return `postgres://${credentials}${hostInUrl}:${port}/${encodeURIComponent(name)}`;
}

/** Whether `secret` may sign tokens in production: long enough and not the public default. */
export function isProductionSecret(secret: string | undefined): boolean {
  return (
    secret !== undefined &&
    secret !== DEVELOPMENT_SECRET_KEY &&
    secret.length >= MIN_PRODUCTION_SECRET_LENGTH
  );
}

function ProductionNeedsOwnSecret(): PropertyDecorator {
  return ValidateBy({
    name: 'productionNeedsOwnSecret',
    validator: {
      validate: (nodeEnv, args) =>
        nodeEnv !== 'production' ||
        isProductionSecret((args?.object as SeverityPipelineConfig | undefined)?.SECRET_KEY),
      defaultMessage: () =>
        `NODE_ENV=production needs SECRET_KEY set to a random secret of at least ` +
        `${MIN_PRODUCTION_SECRET_LENGTH} characters (the development default is refused)`,
    },
  });
}
