import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** A text given per locale in config: Indonesian always, English optionally. */
export class LocalizedText {
  @IsString() @MinLength(1) @MaxLength(500) id: string;
  @IsOptional() @IsString() @MaxLength(500) en?: string;
}
