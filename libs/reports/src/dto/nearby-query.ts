import { Type } from 'class-transformer';
import { IsNumber, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** GET /api/reports/nearby: a category and a point (decimal degrees). */
export class NearbyReportsQuery {
  @IsString() @MaxLength(60) @Matches(/^[a-z0-9-]+$/) category: string;
  @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) latitude: number;
  @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) longitude: number;
}
