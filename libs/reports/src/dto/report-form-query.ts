import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '@app/views';

/** What the report form's GET carries back after the no-script "show kelurahan" button: the fields as typed. */
export class ReportFormQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(200) submission?: string;
  @IsOptional() @IsString() @MaxLength(60) category?: string;
  @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @IsOptional() @IsString() @MaxLength(300) address?: string;
  @IsOptional() @IsString() @MaxLength(40) latitude?: string;
  @IsOptional() @IsString() @MaxLength(40) longitude?: string;
  @IsOptional() @IsString() @MaxLength(20) region?: string;
  @IsOptional() @IsString() @MaxLength(20) kabkota?: string;
  @IsOptional() @IsString() @MaxLength(20) kecamatan?: string;
  @IsOptional() @IsString() @MaxLength(20) kelurahan?: string;
  @IsOptional() @IsString() @MaxLength(20) privacy?: string;
  @IsOptional() @IsString() @MaxLength(120) contact?: string;
  @IsOptional() @IsString() @MaxLength(254) notifyEmail?: string;
  /** The no-script "look for similar reports" button (its label is its value). */
  @IsOptional() @IsString() @MaxLength(200) similar?: string;
  // The rest of the form comes along with a GET and is ignored: the token, the file input's name, kept photos.
  @IsOptional() @IsString() @MaxLength(200) _csrf?: string;
  @IsOptional() @IsString() @MaxLength(300) photos?: string;
  @IsOptional() @IsString() @MaxLength(400) pendingPhotos?: string;
}
