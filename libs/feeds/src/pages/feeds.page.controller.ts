import { BadRequestException, Controller, Get, Header, NotFoundException, Param, Query } from '@nestjs/common';
import { Locale, TenantContext, TenantService } from '@app/tenancy';
import { Page, PageLocale, PageQuery } from '@app/views';
import { FeedsService } from '../feeds.service';
import { parseDate } from '../pull/feed-rows';
import { FeedPagesMapper, rowFilterOf } from './feed-pages.mapper';
import { FeedQuery } from './feed-query';

/** The feeds on the portal (/info): every source's latest figures, each source's table, and the price comparison. */
@Controller('info')
@TenantService('feeds')
export class FeedsPageController {
  constructor(
    private readonly feeds: FeedsService,
    private readonly pages: FeedPagesMapper,
    private readonly context: TenantContext,
  ) {}

  @Get()
  @Page('feeds-index')
  @Header('cache-control', 'no-cache')
  async index(@PageLocale() locale: Locale, @Query() _query: PageQuery) {
    const feeds = this.feeds.feeds();
    const latest = new Map(await Promise.all(Object.keys(feeds).map(async (code) => [code, await this.feeds.latestRows(code)] as const)));
    return this.pages.index(locale, feeds, await this.feeds.statuses(), latest, this.feeds.comparesPrices());
  }

  /** Food prices of the provinces that publish theirs for comparison; offered only by a tenant that takes part. */
  @Get('perbandingan-harga')
  @Page('feeds-comparison')
  @Header('cache-control', 'no-cache')
  async comparison(@PageLocale() locale: Locale, @Query() _query: PageQuery) {
    if (!this.feeds.comparesPrices()) throw new NotFoundException();
    return this.pages.comparison(locale, await this.feeds.comparison());
  }

  @Get(':code')
  @Page('feeds-table')
  @Header('cache-control', 'no-cache')
  async table(@PageLocale() locale: Locale, @Param('code') code: string, @Query() query: FeedQuery) {
    const source = this.feeds.source(code);
    if (!source) throw new NotFoundException();
    const { item, tempat, wilayah, dari, sampai } = query;
    const zone = this.context.tenant.config.timezone;
    const dayStart = (day: string) => {
      const at = parseDate(day, zone);
      if (!at) throw new BadRequestException(`not a date: ${day}`);
      return at;
    };
    const filter = { item, tempat, wilayah, dari, sampai };
    const page = Number(query.halaman ?? 1);
    const table = await this.feeds.table(code, rowFilterOf(filter, dayStart), page);
    return this.pages.table(locale, code, source, (await this.feeds.statuses()).get(code), table, filter, page);
  }
}
