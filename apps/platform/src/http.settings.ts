import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { toInteger } from '@app/config';

export class HttpSettings {
  @Transform(toInteger) @IsInt({ message: 'PORT must be an integer' }) @Min(0) @Max(65535) PORT = 3000;

  /** The interface to listen on; 0.0.0.0 in a container. */
  @IsString() HOST = '127.0.0.1';
}
