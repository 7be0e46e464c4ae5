import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { toBoolean } from '@app/config';

export class TenancySettings {
  /** Where the tenant folders live. */
  @IsString() TENANTS_DIR = 'tenants';

  /** Honour X-Forwarded-Host and X-Forwarded-Proto: only behind a proxy that sets them. */
  @Transform(toBoolean) @IsBoolean({ message: 'TRUST_PROXY must be true or false' }) TRUST_PROXY = false;

  /** Serve this tenant for unknown hosts. For local development only; off by default. */
  @IsOptional() @Matches(/^[a-z][a-z0-9-]{1,39}$/, { message: 'DEFAULT_TENANT must be a tenant slug' }) DEFAULT_TENANT?: string;

  @IsOptional() @IsString() NODE_ENV?: string;

  /** Outside production, reload a tenant folder when its files change (set false to turn off). */
  @Transform(toBoolean) @IsBoolean({ message: 'WATCH_TENANTS must be true or false' }) WATCH_TENANTS = true;
}
