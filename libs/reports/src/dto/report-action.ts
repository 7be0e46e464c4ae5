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

const numberAsText = ({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value);

/** POST /api/reports/:ticket/rating: the rating (checked by the service), a comment, and the tracking token of an anonymous reporter. */
export class RateReportBody {
  @IsOptional() @Transform(numberAsText) @IsString() @MaxLength(10) rating?: string;
  @IsOptional() @Transform(trim) @IsString() @MaxLength(1000) comment?: string;
  @IsOptional() @IsString() @MaxLength(200) token?: string;
}

/** POST /laporan/saya/:ticket/nilai (the reporter, signed in). */
export class RateReportForm extends RateReportBody {
  @IsOptional() @IsString() @MaxLength(200) _csrf?: string;
}

/** POST /laporan/lacak/nilai (an anonymous reporter with ticket and token). */
export class TrackedRateForm extends RateReportForm {
  @IsOptional() @IsString() @MaxLength(40) tiket?: string;
}
