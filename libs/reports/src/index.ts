import { Reports1764500000000 } from './migrations/1764500000000-reports';
import { FeedIndexes1764510000000 } from './migrations/1764510000000-feed-indexes';
import { IdempotencyScope1765010000000 } from './migrations/1765010000000-idempotency-scope';

export * from './dto/parse-submission';
export * from './dto/report-feed-query';
export * from './dto/report-action';
export * from './dto/submit-report';
export * from './entities';
export * from './client-key';
export * from './escalation.service';
export * from './multipart-form';
export * from './photos/photo-inspector';
export * from './photos/photo-storage';
export * from './report-actions.service';
export * from './report-error';
export * from './report-error.filter';
export * from './report-views';
export * from './reports.module';
export * from './report-stats.repository';
export * from './report-stats.service';
export * from './reports.service';
export * from './routing/report-router';
export * from './tickets/ticket-number';
export * from './workflow/actor';
export * from './workflow/report-workflow';

export const REPORTS_MIGRATIONS = [Reports1764500000000, FeedIndexes1764510000000, IdempotencyScope1765010000000];
