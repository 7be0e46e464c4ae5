import { IsOptional, IsString, Matches, MinLength, ValidateIf } from 'class-validator';

export class SecuritySettings {
  /** `production` makes SESSION_SECRET required. */
  @IsOptional() @IsString() NODE_ENV?: string;

  /**
   * Signs CSRF tokens. Required when NODE_ENV=production; in development and
   * tests an unset secret is replaced by a random one per process (open forms
   * then expire on restart). Never commit it.
   */
  @ValidateIf((s: SecuritySettings) => s.NODE_ENV === 'production' || s.SESSION_SECRET !== undefined)
  @IsString({ message: 'SESSION_SECRET is required when NODE_ENV=production' })
  @MinLength(32, { message: 'SESSION_SECRET must be at least 32 characters' })
  SESSION_SECRET?: string;

  /** Redis for rate-limit counts shared by every instance (redis:// or rediss://); without it, PostgreSQL when DATABASE_URL is set, else memory. */
  @IsOptional() @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' }) REDIS_URL?: string;
}
