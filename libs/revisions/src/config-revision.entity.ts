import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { JsonObject } from '@app/tenancy';

/** The complete admin overlay of a tenant as of one revision: a rollback is a new revision with an old patch. */
@Entity('config_revisions')
export class ConfigRevision {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId: string;
  @PrimaryColumn({ type: 'integer' }) revision: number;
  @Column({ type: 'jsonb' }) patch: JsonObject;
  @Column({ type: 'text' }) author: string;
  @Column({ type: 'text' }) message: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
