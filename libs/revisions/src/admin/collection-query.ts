import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '@app/views';

/** GET /admin/<collection>: the entry to edit, and what the last save, retirement or move left to say. */
export class CollectionQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(80) ubah?: string;
  @IsOptional() @IsString() @Matches(/^\d{1,9}$/) tersimpan?: string;
  @IsOptional() @IsString() @Matches(/^\d{1,9}$/) dialihkan?: string;
  @IsOptional() @IsString() @MaxLength(80) dari?: string;
}
