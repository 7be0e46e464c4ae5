import { Injectable } from '@nestjs/common';
import { Clock } from '@app/config';
import { NewsArticle } from './entities';
import { MediaStorage } from '@app/media';
import { NewsError, NewsErrorCode } from './news-error';
import { NewsRepository } from './news.repository';

export const NEWS_PAGE_SIZE = 10;

/** What citizens read: published articles whose publish time has come. */
@Injectable()
export class NewsService {
  constructor(
    private readonly articles: NewsRepository,
    private readonly covers: MediaStorage,
    private readonly clock: Clock,
  ) {}

  published(page: number, pageSize = NEWS_PAGE_SIZE): Promise<{ items: NewsArticle[]; hasMore: boolean }> {
    return this.articles.published(this.clock.now(), page, pageSize);
  }

  /** A public article by its slug: NotFound for anything not (yet) public. */
  async article(slug: string): Promise<NewsArticle> {
    const article = await this.articles.findBySlug(slug);
    if (!article || !this.isPublic(article)) throw new NewsError(NewsErrorCode.NotFound);
    return article;
  }

  /**
   * A cover image's bytes: for anyone when the article is public, otherwise
   * only for the news staff (`staff`, decided by the caller from the role).
   */
  async cover(articleId: string, staff: boolean): Promise<{ data: Buffer; contentType: string; isPublic: boolean } | null> {
    const article = await this.articles.findById(articleId);
    if (!article?.coverPhotoKey || !article.coverContentType) return null;
    const isPublic = this.isPublic(article);
    if (!isPublic && !staff) return null;
    const data = await this.covers.get(article.coverPhotoKey);
    return data && { data, contentType: article.coverContentType, isPublic };
  }

  isPublic(article: NewsArticle): boolean {
    return article.status === 'published' && article.publishedAt !== null && article.publishedAt.getTime() <= this.clock.now().getTime();
  }
}
