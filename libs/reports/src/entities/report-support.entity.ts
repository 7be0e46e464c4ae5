import { Column, Entity, PrimaryColumn } from 'typeorm';

/** "Me too" on a public report: once per supporter (an account, or an anonymous client's key). */
@Entity('report_supports')
export class ReportSupport {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId: string;
  @PrimaryColumn({ name: 'report_id', type: 'uuid' }) reportId: string;
  @PrimaryColumn({ type: 'text' }) supporter: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
