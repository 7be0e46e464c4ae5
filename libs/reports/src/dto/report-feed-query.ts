import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '@app/views';

/**
 * The public feed's filters (GET /api/reports, /laporan/publik): single text values only. A code the tenant does
 * not know just filters nothing (links outlive config changes); a list, an object or a page that is not a number
 * is refused with 400.
 */
export class ReportFeedQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(80) category?: string;
  @IsOptional() @IsString() @MaxLength(80) status?: string;
  @IsOptional() @IsString() @MaxLength(80) region?: string;
  @IsOptional() @IsString() @Matches(/^\d{1,6}$/, { message: 'page must be a whole number' }) page?: string;
}

/** The officer console's queue (GET /konsol): the feed's filters and open or closed reports. */
export class ConsoleQueueQuery extends ReportFeedQuery {
  @IsOptional() @IsIn(['open', 'closed']) state?: 'open' | 'closed';
}
