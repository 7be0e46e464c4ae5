import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '@app/views';

// Empty is allowed: the filter form sends every field, the date inputs empty when not set.
const DAY = /^(\d{4}-\d{2}-\d{2})?$/;

/** A feed page's filters: item (commodity), place (market), region, a date range, and the page. */
export class FeedQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(200) item?: string;
  @IsOptional() @IsString() @MaxLength(200) tempat?: string;
  @IsOptional() @IsString() @MaxLength(200) wilayah?: string;
  @IsOptional() @Matches(DAY, { message: 'dari must be a date like 2026-01-31' }) dari?: string;
  @IsOptional() @Matches(DAY, { message: 'sampai must be a date like 2026-01-31' }) sampai?: string;
  @IsOptional() @Matches(/^[1-9]\d{0,3}$/, { message: 'halaman must be a page number' }) halaman?: string;
}
