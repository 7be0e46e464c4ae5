import { ConfigRevisions1764300000000 } from './migrations/1764300000000-config-revisions';

export * from './config-revision.entity';
export * from './config-revision.repository';
export * from './revisions.module';

export const REVISIONS_MIGRATIONS = [ConfigRevisions1764300000000];
