import { ConfigRevisions1764300000000 } from './migrations/1764300000000-config-revisions';

export * from './config-history';
export * from './config-revision.entity';
export * from './config-revision.repository';
export * from './revisions.module';
export * from './tenant-config.error';
export * from './tenant-config.service';
export * from './tenant-proposal';
export * from './tenant-reloader';
export * from './tenant-sources';

export const REVISIONS_MIGRATIONS = [ConfigRevisions1764300000000];
export * from './readiness/tenant-readiness';
export { brandingPatch, brandingPreviewQuery, BRANDING_PREVIEW_PATH } from './admin/branding.page.controller';
