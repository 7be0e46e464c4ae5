import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PlaceKey } from './place-key.decorator';
import { Nested, RecordOf } from './record-of.decorator';
import { LocalizedText } from './localized-text';

/**
 * How a tenant runs citizen reports: ticket numbers, submission limits,
 * escalation and where "not our authority" reports can be handed off.
 */

export class PhotoLimits {
  @IsInt() @Min(1) @Max(10) maxCount: number;
  @IsInt() @Min(1) @Max(10) maxMb: number;
}

export class DescriptionLimits {
  @IsInt() @Min(1) @Max(500) min: number;
  @IsInt() @Min(20) @Max(5000) max: number;
}

export class EscalationConfig {
  /** Hours past the due time after which an open report escalates. */
  @IsInt() @Min(1) @Max(24 * 60) afterHours: number;
  /** The agency that receives escalations (e.g. the governor's bureau): one of the province's own. */
  @PlaceKey() @IsString() agency: string;
}

export const HANDOFF_KINDS = ['regency', 'city', 'tenant', 'national'] as const;

export class HandoffTarget {
  @Nested(() => LocalizedText) name: LocalizedText;
  @IsIn(HANDOFF_KINDS) kind: (typeof HANDOFF_KINDS)[number];
  /** For kind `tenant`: the slug of the other tenant. */
  @IsOptional() @IsString() tenant?: string;
  @IsOptional() @Matches(/^https?:\/\/\S+$/, { message: 'url must be an http(s) URL' }) url?: string;
}

/**
 * The map of the report form and the public feed. Optional: without it the
 * platform uses OpenStreetMap's tiles (DEFAULT_REPORT_MAP); a province with its
 * own tile server (or a test with a local one) names it here.
 */
export class ReportMapConfig {
  /** A Leaflet tile URL template: `{z}`, `{x}`, `{y}` (and optionally `{s}`). */
  @Matches(/^(https?:\/\/|\/)[^\s"'<>]*\{z\}[^\s"'<>]*$/, { message: 'tiles must be an http(s) URL template with {z}, {x} and {y}' })
  tiles: string;
  /** Shown in the map's corner, as the tile provider's licence asks (plain text). */
  @IsString() @MaxLength(300) attribution: string;
  @IsOptional() @IsInt() @Min(1) @Max(22) maxZoom?: number;
}

export const DEFAULT_REPORT_MAP: Readonly<Required<ReportMapConfig>> = {
  tiles: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '© OpenStreetMap contributors',
  maxZoom: 19,
};

/** The tenant's report map, the OpenStreetMap defaults filling what it leaves out. */
export function reportMapOf(reports: Pick<ReportsConfig, 'map'>): Required<ReportMapConfig> {
  return { ...DEFAULT_REPORT_MAP, ...(reports.map ?? {}) };
}

/** Similar reports nearby: shown to a citizen before filing, and flagged to officers as likely duplicates. */
export class NearbyReportsConfig {
  @IsInt() @Min(25) @Max(2000) radiusMeters: number;
}

export const DEFAULT_NEARBY_RADIUS_METERS = 250;

export function nearbyRadiusOf(reports: Pick<ReportsConfig, 'nearby'>): number {
  return reports.nearby?.radiusMeters ?? DEFAULT_NEARBY_RADIUS_METERS;
}

export class ReportsConfig {
  /** Two to four capital letters: the start of every ticket number (JK2503050007). */
  @PlaceKey() @Matches(/^[A-Z]{2,4}$/, { message: 'ticketPrefix must be 2 to 4 capital letters' }) ticketPrefix: string;
  @Nested(() => PhotoLimits) photos: PhotoLimits;
  @Nested(() => DescriptionLimits) description: DescriptionLimits;
  @Nested(() => EscalationConfig) escalation: EscalationConfig;
  /** Submissions per client and tenant per hour. */
  @IsInt() @Min(1) @Max(10_000) submissionsPerHour: number;
  /** Who holds the authority a report is handed off to: national channels (from the base) and the province's neighbours. */
  @PlaceKey() @RecordOf(() => HandoffTarget) handoffTargets: Record<string, HandoffTarget>;
  /** Optional: the map's tile source (OpenStreetMap by default). */
  @IsOptional() @Nested(() => ReportMapConfig) map?: ReportMapConfig;
  /** Optional: how near an open report of the same category must be to count as similar (DEFAULT_NEARBY_RADIUS_METERS). */
  @IsOptional() @Nested(() => NearbyReportsConfig) nearby?: NearbyReportsConfig;
}

export const ROLES = ['citizen', 'officer', 'validator', 'admin', 'editor', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

/** What an action does besides changing the status; it decides which inputs the action needs. */
export const ACTION_KINDS = ['reroute', 'dispose', 'progress', 'follow-up', 'accept', 'reject-follow-up', 'reject', 'handoff'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export class WorkflowStatus {
  @Nested(() => LocalizedText) name: LocalizedText;
  /** Closed statuses end the clock: no overdue flag, no escalation; Open311 says `closed`. */
  @IsIn(['open', 'closed']) state: 'open' | 'closed';
}

export class WorkflowAction {
  @Nested(() => LocalizedText) name: LocalizedText;
  @IsIn(ACTION_KINDS) kind: ActionKind;
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsString({ each: true }) from: string[];
  @IsString() to: string;
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(ROLES, { each: true }) roles: Role[];
}

export class WorkflowConfig {
  @IsString() initial: string;
  @RecordOf(() => WorkflowStatus) statuses: Record<string, WorkflowStatus>;
  @RecordOf(() => WorkflowAction) actions: Record<string, WorkflowAction>;
}
