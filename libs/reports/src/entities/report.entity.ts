import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('reports')
export class Report {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId: string;
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' }) id: string;
  @Column({ name: 'ticket_no', type: 'text' }) ticketNo: string;
  @Column({ name: 'category_code', type: 'text' }) categoryCode: string;
  @Column({ name: 'region_code', type: 'text', nullable: true }) regionCode: string | null;
  @Column({ type: 'double precision' }) latitude: number;
  @Column({ type: 'double precision' }) longitude: number;
  @Column({ type: 'text' }) address: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'text' }) privacy: 'private' | 'public';
  @Column({ type: 'text' }) status: string;
  @Column({ type: 'text' }) state: 'open' | 'closed';
  @Column({ name: 'agency_code', type: 'text' }) agencyCode: string;
  @Column({ name: 'reporter_account_id', type: 'uuid', nullable: true }) reporterAccountId: string | null;
  @Column({ name: 'reporter_contact', type: 'text', nullable: true }) reporterContact: string | null;
  @Column({ name: 'tracking_token_hash', type: 'text' }) trackingTokenHash: string;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey: string | null;
  /** sha256 of who submitted under the key and what they sent (IdempotencyScope); a replay must match it. */
  @Column({ name: 'idempotency_fingerprint', type: 'text', nullable: true }) idempotencyFingerprint: string | null;
  /** Answers to the category's extra questions. */
  @Column({ type: 'jsonb' }) details: Record<string, string>;
  @Column({ name: 'supports_count', type: 'integer' }) supportsCount: number;
  @Column({ type: 'smallint', nullable: true }) rating: number | null;
  @Column({ name: 'rating_comment', type: 'text', nullable: true }) ratingComment: string | null;
  @Column({ name: 'handoff_target', type: 'text', nullable: true }) handoffTarget: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true }) escalatedAt: Date | null;
}
