import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PgListener } from '@app/database';
import { PageCache } from './page-cache';

/** The NOTIFY channel on which a change to a tenant's public pages is announced; the payload is the tenant id (a slug, far below NOTIFY's 8000 bytes). */
export const PAGE_CACHE_CHANNEL = 'replika_page_cache';

/**
 * Keeps the anonymous pages of every instance behind the load balancer in
 * step: a change (news published) drops the tenant's pages here at once and
 * is announced; each instance, this one included, drops that tenant's pages,
 * and only that tenant's, when it hears it. After a dropped LISTEN connection
 * comes back every page is dropped, since announcements may have been missed.
 * On the embedded PGlite there is one instance, and dropping here is enough.
 */
@Injectable()
export class PageCacheSync implements OnApplicationBootstrap {
  private readonly logger = new Logger('PageCache');

  constructor(
    private readonly cache: PageCache,
    private readonly listener: PgListener,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.listener.listen(
      PAGE_CACHE_CHANNEL,
      (tenantId) => tenantId && this.cache.invalidate(tenantId),
      () => this.cache.invalidate(),
    );
  }

  /** `tenantId`'s public pages changed: call once the change is committed, so that a page rendered after the drop shows it. */
  async changed(tenantId: string): Promise<void> {
    this.cache.invalidate(tenantId);
    try {
      await this.dataSource.query('SELECT pg_notify($1, $2)', [PAGE_CACHE_CHANNEL, tenantId]);
    } catch (e) {
      // The change itself is saved; other instances show it when their pages expire (PAGE_CACHE_TTL_MS).
      this.logger.warn(`cannot announce ${tenantId}'s page change: ${(e as Error).message}`);
    }
  }
}
