import { AppConfig } from '@app/platform';
import { IsOptional, Matches } from 'class-validator';

/**
 * Config of an app with a SQL store. `DATABASE_URL` unset means the embedded default:
 * a SQLite file under `data/`. A `postgres://` URL selects PostgreSQL.
 */
export class DatabaseConfig extends AppConfig {
  @IsOptional()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message:
      'DATABASE_URL must be sqlite:<file> (or sqlite::memory:) or postgres://user:pass@host:5432/db',
  })
  DATABASE_URL?: string;
}
