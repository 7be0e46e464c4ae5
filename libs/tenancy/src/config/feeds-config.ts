import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidationOptions,
} from 'class-validator';
import { parseExpression } from 'cron-parser';
import { LocalizedText } from './localized-text';
import { Nested } from './record-of.decorator';

/**
 * Public data a tenant pulls on a schedule and shows to citizens (Info Pangan
 * Jakarta, air quality, job vacancies): each source is a URL serving JSON or
 * CSV, a mapping from its fields to the platform's, a schedule, and the
 * licence and attribution shown beside every figure. The sources are place
 * (Jakarta's markets are not Lampung's): `feeds` is never inherited from
 * another province.
 */

export const FEED_KINDS = ['food-prices', 'air-quality', 'job-vacancies'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export const FEED_FORMATS = ['json', 'csv'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** Character sets a source may declare (or be set to) besides UTF-8; iconv-lite decodes them. */
export const FEED_ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-1', 'utf-16le'] as const;

/** The platform's fields, per kind: what each row must give (the rest are optional). */
export const FEED_REQUIRED_FIELDS: Record<FeedKind, readonly (keyof FeedFieldMap)[]> = {
  'food-prices': ['date', 'item', 'value'],
  'air-quality': ['date', 'item', 'value'],
  'job-vacancies': ['date', 'item'],
};

// eslint-disable-next-line no-control-regex -- a field name may not contain control characters
const FIELD = /^[^\u0000-\u001f"<>]{1,80}$/;
const field = (name: string) =>
  Matches(FIELD, { message: `${name} must name a field of the source (up to 80 characters, no quotes or angle brackets)` });

/**
 * Where each of the platform's fields is in a source row: a column name (CSV)
 * or a dot path (JSON, `harga.rata_rata`). The same five names serve every
 * kind; the pages call them by the kind's words (item: commodity, pollutant
 * or position; place: market, station or employer).
 */
export class FeedFieldMap {
  /** The date (or date and time) the figure is for: ISO 8601, `dd/mm/yyyy` or `dd-mm-yyyy`. */
  @field('date') date: string;
  @field('item') item: string;
  @IsOptional() @field('place') place?: string;
  @IsOptional() @field('region') region?: string;
  @IsOptional() @field('value') value?: string;
  @IsOptional() @field('unit') unit?: string;
  /** A link per row (a vacancy's page): shown only when it is an https URL. */
  @IsOptional() @field('link') link?: string;
}

function IsCron(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCron',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value.trim().split(/\s+/).length !== 5) return false;
          try {
            parseExpression(value, { tz: 'UTC' });
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: () => 'schedule must be a cron expression of five fields, like "0 */6 * * *"',
      },
    },
    options,
  );
}

export class FeedSourceConfig {
  @Nested(() => LocalizedText) name: LocalizedText;
  @IsIn(FEED_KINDS) kind: FeedKind;
  /** Where the data is pulled from; private and loopback addresses are refused at pull time (FEEDS_ALLOW_PRIVATE_HOSTS). */
  @Matches(/^https?:\/\/[^\s"'<>]+$/, { message: 'url must be an http(s) URL' }) @MaxLength(2000) url: string;
  @IsIn(FEED_FORMATS) format: FeedFormat;
  /** JSON: the dot path of the array of rows (`data.items`); empty or absent: the document is the array. */
  @IsOptional() @Matches(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, { message: 'rows must be a dot path like data.items' }) rows?: string;
  /** CSV: the separator (`,` or `;`, the latter common in Indonesian spreadsheets). */
  @IsOptional() @IsIn([',', ';', '\t']) delimiter?: string;
  /** The source's character set when its Content-Type does not say it; UTF-8 otherwise. */
  @IsOptional() @IsIn(FEED_ENCODINGS) encoding?: string;
  @Nested(() => FeedFieldMap) fields: FeedFieldMap;
  /** The unit when the rows do not give one (`Rp/kg`, `µg/m³`). */
  @IsOptional() @IsString() @MaxLength(20) unit?: string;
  /** When to pull, a cron in UTC. */
  @IsCron() schedule: string;
  /** After how many hours without a good pull the pages say the data is old. */
  @IsOptional() @IsInt() @Min(1) @Max(24 * 60) staleAfterHours?: number;
  /** The licence the publisher gives the data under, as written (`CC BY 4.0`, `Open Government Licence`). */
  @IsString() @MinLength(1) @MaxLength(200) licence: string;
  /** Who the data comes from, shown with every figure (`Dinas KPKP Provinsi DKI Jakarta`). */
  @IsString() @MinLength(1) @MaxLength(300) attribution: string;
  /** The publisher's page for the data (shown as "Sumber"), when it is not the URL pulled. */
  @IsOptional() @Matches(/^https:\/\/[^\s"'<>]+$/, { message: 'page must be an https URL' }) page?: string;
  /**
   * Food prices only: publish this source's daily averages per commodity in
   * the comparison across provinces. The only data of a tenant that other
   * tenants can read, and only while this is true.
   */
  @IsOptional() @IsBoolean() compare?: boolean;
  /** Off: kept in config, not pulled and not shown. */
  @IsOptional() @IsBoolean() enabled?: boolean;
}

export const DEFAULT_STALE_AFTER_HOURS = 48;
