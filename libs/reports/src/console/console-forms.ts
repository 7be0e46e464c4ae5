import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageForm, PageQuery } from '@app/views';
import { BULK_MAX } from './bulk-disposition.service';

const CODE = /^[A-Za-z0-9-]{1,80}$/;

/** GET /konsol/diteruskan: what the officer just did; only codes the tenant knows are shown. */
export class ForwardedQuery extends PageQuery {
  @IsOptional() @IsString() @Matches(CODE) tiket?: string;
  @IsOptional() @IsString() @Matches(CODE) aksi?: string;
  @IsOptional() @IsString() @Matches(CODE) ke?: string;
}

const TICKET = /^[A-Za-z0-9-]{1,40}$/;

/** POST /konsol/massal: one action on the reports ticked in the queue; each is checked by the workflow on its own. */
export class BulkForm extends PageForm {
  /** One ticked report arrives as a string, several as an array. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @IsArray()
  @ArrayMaxSize(BULK_MAX)
  @IsString({ each: true })
  @Matches(TICKET, { each: true })
  tickets?: string[];
  @IsOptional() @IsString() @MaxLength(80) action?: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @IsOptional() @IsString() @MaxLength(80) agency?: string;
  @IsOptional() @IsString() @MaxLength(80) handoffTarget?: string;
}
