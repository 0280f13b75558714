import { TransportConfig } from '@app/transport';
import { IsOptional, Matches } from 'class-validator';

/**
 * Config of an app with a SQL store (and the transport settings). `DATABASE_URL` unset means the embedded default:
 * a SQLite file under `data/`. A `postgres://` URL selects PostgreSQL.
 */
export class DatabaseConfig extends TransportConfig {
  @IsOptional()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message:
      'DATABASE_URL must be sqlite:<file> (or sqlite::memory:) or postgres://user:pass@host:5432/db',
  })
  DATABASE_URL?: string;
}
