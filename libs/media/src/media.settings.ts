import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MinLength, ValidateIf } from 'class-validator';
import { toBoolean } from '@app/config';

const anyS3 = (s: MediaSettings) => [s.S3_ENDPOINT, s.S3_REGION, s.S3_ACCESS_KEY_ID, s.S3_SECRET_ACCESS_KEY].some((v) => v !== undefined);

/**
 * Where uploaded files go: the local disk under DATA_DIR (default), or an
 * S3-compatible bucket when S3_BUCKET is set. Half a configuration is
 * refused at boot rather than silently writing to the local disk.
 */
export class MediaSettings {
  /** The bucket; setting it selects the S3 driver. */
  @ValidateIf((s: MediaSettings) => s.S3_BUCKET !== undefined || anyS3(s))
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'S3_BUCKET must be set to a bucket name (3-63 lower-case letters, digits, dots, dashes) when any S3_* variable is set',
  })
  S3_BUCKET?: string;

  /** The store's URL (MinIO, Garage, s3rver, ...); unset: AWS S3 itself. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'S3_ENDPOINT must be an http:// or https:// URL' })
  S3_ENDPOINT?: string;

  @IsOptional() @Matches(/^[a-z0-9-]{2,32}$/, { message: 'S3_REGION must be a region name like ap-southeast-3' }) S3_REGION?: string;

  /** Both or neither: without them the SDK's default chain applies (instance or task role). */
  @ValidateIf((s: MediaSettings) => s.S3_ACCESS_KEY_ID !== undefined || s.S3_SECRET_ACCESS_KEY !== undefined)
  @IsString({ message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together' })
  @MinLength(1)
  S3_ACCESS_KEY_ID?: string;

  @ValidateIf((s: MediaSettings) => s.S3_ACCESS_KEY_ID !== undefined || s.S3_SECRET_ACCESS_KEY !== undefined)
  @IsString({ message: 'S3_SECRET_ACCESS_KEY and S3_ACCESS_KEY_ID must be set together' })
  @MinLength(1)
  S3_SECRET_ACCESS_KEY?: string;

  /** Path-style addressing (`<endpoint>/<bucket>/<key>`), which most self-hosted stores need. */
  @Transform(toBoolean) @IsBoolean({ message: 'S3_FORCE_PATH_STYLE must be true or false' }) S3_FORCE_PATH_STYLE = false;
}
