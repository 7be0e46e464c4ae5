import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { toInteger } from '@app/config';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ObservabilitySettings {
  /** Request logs (one JSON line per request at `info`) and Fastify's own errors; `silent` turns them off. */
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }) LOG_LEVEL: LogLevel = 'info';

  /** `/metrics` on the main port for `Authorization: Bearer <token>` only; unset: not served there. */
  @IsOptional() @IsString() @MinLength(24, { message: 'METRICS_TOKEN must be at least 24 characters' }) METRICS_TOKEN?: string;

  /** Serve `/metrics` without a token on this port instead (keep it off the public network); unset: no metrics port. */
  @IsOptional() @Transform(toInteger) @IsInt({ message: 'METRICS_PORT must be an integer' }) @Min(1) @Max(65535) METRICS_PORT?: number;

  /** A graceful shutdown (SIGTERM) that takes longer than this exits anyway, with status 1. */
  @Transform(toInteger) @IsInt({ message: 'SHUTDOWN_TIMEOUT_SECONDS must be an integer' }) @Min(1) @Max(600) SHUTDOWN_TIMEOUT_SECONDS = 25;
}
