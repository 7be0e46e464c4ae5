import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('audit_log')
export class AuditEntry {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId: string;
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' }) id: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true }) actorAccountId: string | null;
  /** Who, as shown to the admin reading the log (an email, or `cli`, `system`). */
  @Column({ name: 'actor_label', type: 'text' }) actorLabel: string;
  /** What was done, as a dotted code: `config.revision`, `user.disable`, `open311.key.revoke`, `news.publish`. */
  @Column({ type: 'text' }) action: string;
  /** What it was done to: a revision number, an account email, a key id, a ticket. */
  @Column({ type: 'text' }) target: string;
  @Column({ type: 'text' }) summary: string;
  /** The change itself (a merge patch, the fields before and after). */
  @Column({ type: 'jsonb' }) changes: Record<string, unknown>;
  @Column({ type: 'text', nullable: true }) ip: string | null;
}
