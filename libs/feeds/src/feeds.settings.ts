import { Transform } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { toInteger } from '@app/config';

export class FeedsSettings {
  /**
   * Sources on private, loopback or link-local addresses are refused (a feed URL
   * or a redirect must not reach the platform's own network). `true` allows
   * every such address, a comma list allows those addresses only: for tests
   * against a local fixture server, never in production.
   */
  @Matches(/^(true|false|[0-9a-fA-F.:]+(,[0-9a-fA-F.:]+)*)$/, {
    message: 'FEEDS_ALLOW_PRIVATE_HOSTS must be true, false or a comma list of IP addresses',
  })
  FEEDS_ALLOW_PRIVATE_HOSTS = 'false';

  /** A pull (every redirect and the whole body) must finish within this many seconds. */
  @Transform(toInteger) @IsInt({ message: 'FEEDS_TIMEOUT_SECONDS must be an integer' }) @Min(1) @Max(300) FEEDS_TIMEOUT_SECONDS = 20;

  /** A body larger than this is cut off and the pull fails: 5 MB by default. */
  @Transform(toInteger) @IsInt({ message: 'FEEDS_MAX_BYTES must be an integer' }) @Min(1024) @Max(200_000_000) FEEDS_MAX_BYTES = 5_000_000;
}
