import { IsOptional, IsString, Matches } from 'class-validator';
import { PageQuery } from '@app/views';

const CODE = /^[A-Za-z0-9-]{1,80}$/;

/** GET /konsol/diteruskan: what the officer just did; only codes the tenant knows are shown. */
export class ForwardedQuery extends PageQuery {
  @IsOptional() @IsString() @Matches(CODE) tiket?: string;
  @IsOptional() @IsString() @Matches(CODE) aksi?: string;
  @IsOptional() @IsString() @Matches(CODE) ke?: string;
}
