import { Transform, Type } from 'class-transformer';
import { IsEmail, IsIn, IsLatitude, IsLongitude, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * A citizen's report, however it arrives (web form, JSON API, Open311): the
 * same fields and the same checks. Limits that depend on the tenant (length,
 * photos, area) are checked by the service against its config.
 */
export class SubmitReport {
  @Transform(trim) @IsString() @Matches(/^[a-z0-9-]{1,60}$/, { message: 'category must be a category code' }) category: string;
  @Type(() => Number) @IsLatitude({ message: 'latitude must be a number between -90 and 90' }) latitude: number;
  @Type(() => Number) @IsLongitude({ message: 'longitude must be a number between -180 and 180' }) longitude: number;
  @IsOptional() @Transform(trim) @IsString() @MaxLength(300) address?: string;
  @Transform(trim) @IsString({ message: 'description is required' }) @MaxLength(5000) description: string;
  @IsOptional() @IsIn(['private', 'public']) privacy?: 'private' | 'public';
  /** An area chosen by the citizen (kabupaten/kota, kecamatan or desa/kelurahan: `82.71.01.1001`); the coordinates decide when they disagree. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(/^\d{2}(\.\d{2}){0,2}(\.\d{4})?$/, { message: 'region must be a region code' })
  region?: string;
  /** How to reach an anonymous reporter (phone or email); never shown to officers. */
  @IsOptional() @Transform(trim) @IsString() @MaxLength(120) contact?: string;
  /** Where an anonymous reporter gets the tracking link and news of the report; never shown to officers. */
  @IsOptional() @Transform(trim) @IsEmail({}, { message: 'notifyEmail must be an e-mail address' }) @MaxLength(254) notifyEmail?: string;
  /** Answers to the category's extra questions. */
  @IsOptional() @IsObject() details?: Record<string, string>;
}
