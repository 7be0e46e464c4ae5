import { Column, Entity, PrimaryColumn } from 'typeorm';

export type NewsEventKind = 'created' | 'edited' | 'submitted' | 'published' | 'rejected' | 'unpublished';

/** One line of an article's timeline: who did what, when, with the reviewer's note. */
@Entity('news_events')
export class NewsEvent {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId: string;
  @PrimaryColumn({ name: 'article_id', type: 'uuid' }) articleId: string;
  @PrimaryColumn({ type: 'integer' }) seq: number;
  @Column({ type: 'text' }) kind: NewsEventKind;
  @Column({ name: 'actor_account_id', type: 'uuid' }) actorAccountId: string;
  @Column({ name: 'actor_name', type: 'text' }) actorName: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
