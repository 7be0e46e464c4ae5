import { TenantSuspensions1765080000031 } from './migrations/1765080000031-tenant-suspensions';

export * from './lifecycle.module';
export * from './personal-data';
export * from './suspended-tenants.listener';
export * from './tenant-archive';
export * from './tenant-files';
export * from './tenant-import';
export * from './tenant-lifecycle.repository';

export const LIFECYCLE_MIGRATIONS = [TenantSuspensions1765080000031];
