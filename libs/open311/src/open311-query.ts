import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * GET requests.{format}: the spec's filters, each one string (a comma list
 * where the spec allows several). `jurisdiction_id` and `api_key` are
 * accepted and ignored (the Host names the tenant; reading needs no key).
 */
export class Open311RequestsQuery {
  @IsOptional() @IsString() @MaxLength(4000) service_request_id?: string;
  @IsOptional() @IsString() @MaxLength(4000) service_code?: string;
  @IsOptional() @IsString() @MaxLength(40) start_date?: string;
  @IsOptional() @IsString() @MaxLength(40) end_date?: string;
  @IsOptional() @IsString() @MaxLength(20) status?: string;
  @IsOptional() @IsString() @MaxLength(200) jurisdiction_id?: string;
  @IsOptional() @IsString() @MaxLength(200) api_key?: string;
}
