import { Reports1764500000000 } from './migrations/1764500000000-reports';
import { FeedIndexes1764510000000 } from './migrations/1764510000000-feed-indexes';
import { IdempotencyScope1765010000000 } from './migrations/1765010000000-idempotency-scope';
import { ReportSubscriptions1765100000047 } from './migrations/1765100000047-report-subscriptions';
import { NearbyReports1765110000042 } from './migrations/1765110000042-nearby-reports';

export * from './dto/parse-submission';
export * from './dto/report-feed-query';
export * from './dto/report-action';
export * from './dto/submit-report';
export * from './entities';
export * from './client-key';
export * from './escalation.service';
export * from './photos/report-media';
export * from './events/report-events';
export * from './report-actions.service';
export * from './report-error';
export * from './report-error.filter';
export * from './report-views';
export * from './reports.module';
export * from './report-stats.repository';
export * from './report-stats.service';
export * from './report-charts.repository';
export * from './reports.service';
export * from './routing/report-router';
export * from './tickets/ticket-number';
export * from './workflow/actor';
export * from './workflow/report-workflow';

export const REPORTS_MIGRATIONS = [
  Reports1764500000000,
  FeedIndexes1764510000000,
  IdempotencyScope1765010000000,
  ReportSubscriptions1765100000047,
  NearbyReports1765110000042,
];
