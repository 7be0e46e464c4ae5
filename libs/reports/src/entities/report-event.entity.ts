import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ReportEventKind = 'submitted' | 'routed' | 'action' | 'comment' | 'evidence' | 'escalated' | 'supported' | 'rated';

/** One line of a report's timeline, with who did it and when. */
@Entity('report_events')
export class ReportEvent {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId: string;
  @PrimaryColumn({ name: 'report_id', type: 'uuid' }) reportId: string;
  @PrimaryColumn({ type: 'integer' }) seq: number;
  @Column({ type: 'text' }) kind: ReportEventKind;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus: string | null;
  @Column({ name: 'to_status', type: 'text', nullable: true }) toStatus: string | null;
  @Column({ name: 'agency_code', type: 'text', nullable: true }) agencyCode: string | null;
  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true }) actorAccountId: string | null;
  @Column({ name: 'actor_role', type: 'text' }) actorRole: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** What else the event carries: the routing rule that fired, the action code, the hand-off target. */
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
