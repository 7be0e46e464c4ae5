import { Column, Entity, PrimaryColumn } from 'typeorm';

export type PhotoKind = 'report' | 'before' | 'after';

/** A photo of a report or of its follow-up evidence, kept with its hashes to catch reuse. */
@Entity('report_photos')
export class ReportPhoto {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId: string;
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' }) id: string;
  @Column({ name: 'report_id', type: 'uuid' }) reportId: string;
  @Column({ type: 'text' }) kind: PhotoKind;
  @Column({ name: 'storage_key', type: 'text' }) storageKey: string;
  @Column({ name: 'content_type', type: 'text' }) contentType: string;
  @Column({ type: 'integer' }) bytes: number;
  @Column({ type: 'integer' }) width: number;
  @Column({ type: 'integer' }) height: number;
  @Column({ type: 'text' }) sha256: string;
  /** 64-bit difference hash, hex: near-identical images differ in few bits. */
  @Column({ type: 'text' }) phash: string;
  @Column({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt: Date;
}
