import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ARTICLE_STATUSES = ['draft', 'in_review', 'published', 'unpublished'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

@Entity('news_articles')
export class NewsArticle {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId: string;
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' }) id: string;
  /** Set from the title when the article is created, then fixed: links to it keep working. */
  @Column({ type: 'text' }) slug: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) summary: string;
  /** Markdown as the author typed it; only ever shown through the safe renderer. */
  @Column({ name: 'body_markdown', type: 'text' }) bodyMarkdown: string;
  @Column({ name: 'cover_photo_key', type: 'text', nullable: true }) coverPhotoKey: string | null;
  @Column({ name: 'cover_content_type', type: 'text', nullable: true }) coverContentType: string | null;
  @Column({ type: 'text' }) status: ArticleStatus;
  @Column({ name: 'author_account_id', type: 'uuid' }) authorAccountId: string;
  @Column({ name: 'author_name', type: 'text' }) authorName: string;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  /** Who published it: never the author (a CHECK constraint holds that too). */
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true }) reviewedBy: string | null;
  /**
   * The publish time: as proposed by the author while a draft (null: on
   * publication), the time it went or goes public once published (in the
   * future: scheduled).
   */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
