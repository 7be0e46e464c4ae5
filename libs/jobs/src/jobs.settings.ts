import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { toBoolean } from '@app/config';

export class JobsSettings {
  /** Work jobs in this instance (false: a web-only replica that still sends jobs for others to work). */
  @Transform(toBoolean) @IsBoolean({ message: 'JOB_WORKERS must be true or false' }) JOB_WORKERS = true;
}
