import { AuditLog1764700000000 } from './migrations/1764700000000-audit-log';

export * from './audit-entry.entity';
export * from './audit.module';
export * from './audit.repository';
export * from './audit.service';

export const AUDIT_MIGRATIONS = [AuditLog1764700000000];
