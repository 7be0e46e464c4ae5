import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An e-mail address an anonymous reporter left with their report, to hear of
 * its status. The tracking token is kept sealed (AES-GCM under a per-tenant
 * key derived from SESSION_SECRET), so a copy of the table alone opens no
 * report; it is what puts the tracking link in each status e-mail.
 */
@Entity('report_subscriptions')
export class ReportSubscription {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId: string;
  @PrimaryColumn({ name: 'report_id', type: 'uuid' }) reportId: string;
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text' }) locale: string;
  @Column({ name: 'sealed_token', type: 'text', nullable: true }) sealedToken: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
