import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { toBoolean, toInteger } from '@app/config';

export class DatabaseSettings {
  /** A PostgreSQL server, connected to as the schema owner for migrations. Unset: the embedded PGlite. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'DATABASE_URL must be a postgres:// URL' }) DATABASE_URL?: string;

  /** The application role's password on a real server; unset with trust or peer authentication. */
  @IsOptional() @IsString() DATABASE_APP_PASSWORD?: string;

  /** Where the embedded database keeps its files. */
  @IsString() DATA_DIR = 'data';

  @Transform(toInteger) @IsInt({ message: 'DATABASE_POOL_SIZE must be an integer' }) @Min(1) @Max(200) DATABASE_POOL_SIZE = 10;

  /** Apply pending migrations at boot (as the owner), before the application role connects. */
  @Transform(toBoolean) @IsBoolean({ message: 'MIGRATE_ON_BOOT must be true or false' }) MIGRATE_ON_BOOT = true;
}
