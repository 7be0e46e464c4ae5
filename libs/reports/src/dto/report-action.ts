import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** An officer's or validator's action on a report; which fields it needs depends on the action's kind. */
export class ReportActionRequest {
  @IsString() @Matches(/^[a-z0-9-]{1,60}$/) action: string;
  @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) note?: string;
  @IsOptional() @IsString() @Matches(/^[a-z0-9-]{1,80}$/) agency?: string;
  @IsOptional() @IsString() @Matches(/^[a-z0-9-]{1,80}$/) handoffTarget?: string;
}

export class RateReport {
  @Transform(({ value }) => Number(value)) rating: number;
  @IsOptional() @Transform(trim) @IsString() @MaxLength(1000) comment?: string;
}
