import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { LocalizedText } from './localized-text';
import { PlaceKey } from './place-key.decorator';
import { Nested, RecordOf } from './record-of.decorator';
import { ReportsConfig, WorkflowConfig } from './reports-config';
import { FeedSourceConfig } from './feeds-config';

export { LocalizedText };

/**
 * The effective configuration of one tenant: its `extends` chain, then its own
 * folder, then the admin overlay, merged. These classes are the one schema for
 * all three and the source of the JSON Schema that editors check files against.
 */

export const SUPPORTED_LOCALES = ['id', 'en'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const CODE = /^[a-z0-9][a-z0-9-]*$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;

export class HostsConfig {
  @Matches(HOST, { message: 'primary must be a lower-case host name' }) primary: string;
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @Matches(HOST, { each: true, message: 'each alias must be a lower-case host name' })
  aliases?: string[];
  /** Hosts served directly, without redirect, for local development (`<slug>.localhost`). */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @Matches(HOST, { each: true, message: 'each local host must be a lower-case host name' })
  local?: string[];
}

export class LocaleConfig {
  @IsIn(SUPPORTED_LOCALES) default: Locale;
  @IsArray() @ArrayUnique() @IsIn(SUPPORTED_LOCALES, { each: true }) available: Locale[];
}

export class AreaConfig {
  @IsLatitude() south: number;
  @IsLongitude() west: number;
  @IsLatitude() north: number;
  @IsLongitude() east: number;
}

export class ColorsConfig {
  @Matches(COLOR, { message: 'primary must be a colour like #0a66c2' }) primary: string;
  @Matches(COLOR, { message: 'secondary must be a colour like #0a66c2' }) secondary: string;
  @Matches(COLOR, { message: 'accent must be a colour like #0a66c2' }) accent: string;
  @Matches(COLOR, { message: 'text must be a colour like #0a66c2' }) text: string;
  @Matches(COLOR, { message: 'background must be a colour like #0a66c2' }) background: string;
}

export class BrandingConfig {
  @PlaceKey() @IsString() @MinLength(1) @MaxLength(40) appName: string;
  @PlaceKey() @IsOptional() @Nested(() => LocalizedText) tagline?: LocalizedText;
  @Nested(() => ColorsConfig) colors: ColorsConfig;
  /** A file of the tenant folder (`assets/...`), or one uploaded from the console (`uploads/branding/...`, never SVG). */
  @PlaceKey()
  @IsOptional()
  @Matches(/^(assets\/[A-Za-z0-9._/-]+\.(svg|png|jpg|jpeg|webp)|uploads\/branding\/logo-[a-f0-9]{16}\.(png|jpg|webp))$/, {
    message: 'logo must be a path under assets/ to an svg, png, jpg or webp file, or an uploaded logo',
  })
  logo?: string;
}

export class ServiceConfig {
  @IsBoolean() enabled: boolean;
  /** Free-form per service; its `title` (JakWarta, JakSiaga) names the province, so it is place. */
  @PlaceKey({ keys: ['title'] }) @IsOptional() @IsObject() settings?: Record<string, unknown>;
}

export class GeoPoint {
  @IsLatitude() lat: number;
  @IsLongitude() lng: number;
}

export const REGION_KINDS = ['provinsi', 'kabupaten', 'kota', 'kecamatan', 'kelurahan', 'desa'] as const;

export class RegionConfig {
  @IsString() @MinLength(1) @MaxLength(120) name: string;
  @IsIn(REGION_KINDS) kind: (typeof REGION_KINDS)[number];
  @IsOptional() @IsString() parent?: string;
  @IsOptional() @Nested(() => GeoPoint) center?: GeoPoint;
}

export const AGENCY_KINDS = [
  'dinas',
  'badan',
  'biro',
  'suku-dinas',
  'satuan',
  'unit',
  'kecamatan',
  'kelurahan',
  'pemkab',
  'pemkot',
] as const;

export class ContactsConfig {
  @IsOptional() @IsString() @MaxLength(60) phone?: string;
  @IsOptional() @IsString() @MaxLength(120) email?: string;
  @IsOptional() @IsString() @MaxLength(300) address?: string;
  @IsOptional() @Matches(/^https?:\/\/\S+$/, { message: 'website must be an http(s) URL' }) website?: string;
}

export class AgencyConfig {
  @IsString() @MinLength(1) @MaxLength(200) name: string;
  @IsIn(AGENCY_KINDS) kind: (typeof AGENCY_KINDS)[number];
  @IsOptional() @IsString() parent?: string;
  @IsOptional() @IsString() region?: string;
  @IsArray() @ArrayUnique() @IsString({ each: true }) categories: string[];
  @IsOptional() @Nested(() => ContactsConfig) contacts?: ContactsConfig;
}

export class CategoryField {
  @Nested(() => LocalizedText) label: LocalizedText;
  @IsIn(['string', 'text', 'number', 'singlevaluelist']) type: 'string' | 'text' | 'number' | 'singlevaluelist';
  @IsOptional() @IsBoolean() required?: boolean;
  /** For singlevaluelist: value code → label. */
  @IsOptional() @RecordOf(() => LocalizedText) values?: Record<string, LocalizedText>;
}

export class CategoryConfig {
  @Nested(() => LocalizedText) name: LocalizedText;
  @Matches(CODE, { message: 'group must be a lower-case code' }) group: string;
  @IsIn(['private', 'public']) privacy: 'private' | 'public';
  @IsInt() @Min(1) @Max(365) dueDays: number;
  /** Extra questions asked with a report of this category (Open311 service definition attributes). */
  @IsOptional() @RecordOf(() => CategoryField) fields?: Record<string, CategoryField>;
}

export class RoutingRule {
  @IsOptional() @IsString() category?: string;
  @IsOptional() @IsString() region?: string;
  @IsString() agency: string;
}

export class RoutingConfig {
  @IsObject() @RecordOf(() => RoutingRule) rules: Record<string, RoutingRule>;
  /** The agency that receives a report no rule and no agency's categories claim, so none is left without a receiver. */
  @IsOptional() @IsString() fallback?: string;
  /**
   * JAKI's order: a report goes first to the office of the kelurahan (or, failing
   * one, the kecamatan) it lies in, an agency of kind `kelurahan`/`kecamatan`
   * whose region holds the report, which coordinates it up to the agency the
   * rules name. Off: the rules' agency receives it directly.
   */
  @IsOptional() @IsBoolean() kelurahanFirst?: boolean;
}

export class EmergencyNumber {
  @Nested(() => LocalizedText) name: LocalizedText;
  @Matches(/^[0-9+()\- ]{2,20}$/, { message: 'number must be a phone number' }) number: string;
  @IsOptional() @Nested(() => LocalizedText) description?: LocalizedText;
  /** Free to call (112, 110, 113, 115, 118, 119); the page says so only when this is true. */
  @IsOptional() @IsBoolean() tollFree?: boolean;
}

/** Console security: two-factor sign-in for admins and idle expiry of staff sessions. */
export class SecurityConfig {
  /** Admins must sign in with a TOTP code (and enroll at their first sign-in). */
  @IsBoolean() adminTotp: boolean;
  /** Admin, editor and reviewer sessions end after this many minutes without a request. */
  @IsInt() @Min(5) @Max(24 * 60) idleMinutes: number;
}

/** The sender of the tenant's e-mail (the SMTP server itself comes from the environment: SMTP_URL). */
export class MailConfig {
  @Matches(/^[^\s@<>"]{1,64}@[a-z0-9.-]+\.[a-z]{2,}$/, {
    message: 'fromAddress must be an e-mail address like no-reply@jaki.jakarta.go.id',
  })
  fromAddress: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(80) fromName?: string;
  @IsOptional() @Matches(/^[^\s@<>"]{1,64}@[a-z0-9.-]+\.[a-z]{2,}$/, { message: 'replyTo must be an e-mail address' }) replyTo?: string;
}

/** A partner app shown on the home page as an external link (JakLingko, JakOne Mobile). */
export class PartnerApp {
  @Nested(() => LocalizedText) name: LocalizedText;
  @Matches(/^https:\/\/[^\s"'<>]+$/, { message: 'url must be an https URL' }) url: string;
  /** A short text or emoji shown on the tile. */
  @IsOptional() @IsString() @MaxLength(8) icon?: string;
}

/** A UI string key as in the locale files: `home.greeting`, `footer.tagline`. */
export const STRING_KEY = /^[a-zA-Z][a-zA-Z0-9_-]*(\.[a-zA-Z][a-zA-Z0-9_-]*)+$/;

/**
 * Properties marked `@PlaceKey()` are what the province IS and are never
 * inherited from another province, only from an abstract base; the rest is
 * the APP it replicates along `extends` (see place-key.decorator.ts).
 */
export class TenantConfig {
  @PlaceKey() @IsString() @MinLength(1) @MaxLength(120) name: string;
  @IsOptional() @Matches(/^[a-z][a-z0-9-]{1,39}$/, { message: 'extends must be a tenant slug' }) extends?: string;
  /**
   * An abstract tenant (the national base, `tenants/indonesia`) is never
   * served: it holds the app and national place defaults for the tenants that
   * extend it. Never inherited: each folder says it of itself.
   */
  @IsOptional() @IsBoolean() abstract?: boolean;
  @PlaceKey() @Nested(() => HostsConfig) hosts: HostsConfig;
  @Nested(() => LocaleConfig) locale: LocaleConfig;
  @PlaceKey()
  @IsString()
  @Matches(/^[A-Za-z]+\/[A-Za-z_]+$/, { message: 'timezone must be an IANA zone like Asia/Jakarta' })
  timezone: string;
  @PlaceKey() @Nested(() => AreaConfig) area: AreaConfig;
  @Nested(() => BrandingConfig) branding: BrandingConfig;
  @IsObject() @RecordOf(() => ServiceConfig) services: Record<string, ServiceConfig>;
  @PlaceKey() @IsObject() @RecordOf(() => RegionConfig) regions: Record<string, RegionConfig>;
  @PlaceKey() @IsObject() @RecordOf(() => AgencyConfig) agencies: Record<string, AgencyConfig>;
  @IsObject() @RecordOf(() => CategoryConfig) categories: Record<string, CategoryConfig>;
  @PlaceKey() @Nested(() => RoutingConfig) routing: RoutingConfig;
  @PlaceKey() @IsOptional() @IsObject() @RecordOf(() => EmergencyNumber) emergencyNumbers?: Record<string, EmergencyNumber>;
  /** Partner apps linked from the home page, keyed by code. */
  @PlaceKey() @IsOptional() @IsObject() @RecordOf(() => PartnerApp) partnerApps?: Record<string, PartnerApp>;
  /**
   * UI strings that name the province (`home.greeting: { id: "Halo, warga
   * Jakarta!" }`), by locale key: they override the locale files for this
   * tenant only. Place-free strings belong in `locales/`, where
   * `{tenant.name}` and `{tenant.appName}` name whichever tenant shows them.
   */
  @PlaceKey() @IsOptional() @IsObject() @RecordOf(() => LocalizedText) strings?: Record<string, LocalizedText>;
  @Nested(() => ReportsConfig) reports: ReportsConfig;
  @Nested(() => WorkflowConfig) workflow: WorkflowConfig;
  /** Public data sources (service `feeds`), keyed by code: the province's own, never inherited from another. */
  @PlaceKey() @IsOptional() @IsObject() @RecordOf(() => FeedSourceConfig) feeds?: Record<string, FeedSourceConfig>;
  /** Optional: without it, admins need TOTP and staff sessions idle out after 30 minutes. */
  @IsOptional() @Nested(() => SecurityConfig) security?: SecurityConfig;
  /** The sender of its e-mail: place (a province's own address). Without it: no-reply@<primary host>, named by the app. */
  @PlaceKey() @IsOptional() @Nested(() => MailConfig) mail?: MailConfig;
}

export const DEFAULT_SECURITY: Readonly<SecurityConfig> = { adminTotp: true, idleMinutes: 30 };

/** The tenant's console security settings, the defaults filling what it leaves out. */
export function securityOf(config: Pick<TenantConfig, 'security'>): SecurityConfig {
  return { ...DEFAULT_SECURITY, ...(config.security ?? {}) };
}

/** The tenant's sender, with defaults from its primary host and app name. */
export function mailOf(config: Pick<TenantConfig, 'mail' | 'hosts' | 'branding'>): {
  fromAddress: string;
  fromName: string;
  replyTo?: string;
} {
  return {
    fromAddress: config.mail?.fromAddress ?? `no-reply@${config.hosts.primary}`,
    fromName: config.mail?.fromName ?? config.branding.appName,
    replyTo: config.mail?.replyTo,
  };
}
