import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/config';
import { FeedSourceConfig, TenantContext } from '@app/tenancy';
import { FeedFetcher } from '../fetch/feed-fetcher';
import { FeedFailure } from '../fetch/feed-failure';
import { FeedsRepository, PullTrigger } from '../feeds.repository';
import { parseDocument } from './feed-document';
import { mapRows, MappedRows } from './feed-rows';

export interface PullOutcome {
  id: string;
  ok: boolean;
  reason?: string;
}

/** What a test pull found: nothing of it is stored. */
export interface TrialPull {
  ok: boolean;
  failure?: FeedFailure;
  mapped?: MappedRows;
  total?: number;
}

/**
 * Pulls one source of the current tenant: fetch, decode, parse, map, store.
 * Whatever the source does wrong ends as a failed pull with its reason; the
 * rows of earlier pulls stay untouched, so the pages keep the last good data.
 */
@Injectable()
export class FeedPuller {
  private readonly logger = new Logger('Feeds');

  constructor(
    private readonly fetcher: FeedFetcher,
    private readonly repository: FeedsRepository,
    private readonly context: TenantContext,
    private readonly clock: Clock,
  ) {}

  async pull(code: string, trigger: PullTrigger): Promise<PullOutcome> {
    const { slug, config } = this.context.tenant;
    const source = config.feeds?.[code];
    if (!source) throw new Error(`no feed '${code}' in tenant ${slug}`);
    const id = await this.repository.startPull(code, trigger, this.clock.now());
    let bytes: number | undefined;
    let httpStatus: number | undefined;
    let mapped: MappedRows | undefined;
    try {
      const body = await this.fetcher.fetch(source.url);
      bytes = body.bytes.length;
      httpStatus = body.status;
      mapped = mapRows(parseDocument(body, source), source, config.timezone, this.clock.now());
      if (mapped.rows.length === 0)
        throw new FeedFailure('no-valid-rows', mapped.rejected ? `all ${mapped.rejected} rows were malformed` : 'the source gave no rows');
      await this.repository.storePull(
        id,
        code,
        mapped.rows,
        { at: this.clock.now(), httpStatus, bytes, rejected: mapped.rejected, rejects: mapped.rejects },
        { compare: source.kind === 'food-prices' && source.compare === true, timezone: config.timezone },
      );
      this.logger.log(`[${slug}] ${code}: ${mapped.rows.length} row(s)${mapped.rejected ? `, ${mapped.rejected} rejected` : ''}`);
      return { id, ok: true };
    } catch (error) {
      const failure = error instanceof FeedFailure ? error : new FeedFailure('internal', (error as Error).message ?? String(error));
      await this.repository.failPull(id, this.clock.now(), {
        reason: failure.reason,
        detail: failure.detail,
        httpStatus: failure.httpStatus ?? httpStatus,
        bytes,
        rejected: mapped?.rejected,
        rejects: mapped?.rejects,
      });
      this.logger.warn(`[${slug}] ${code}: pull failed (${failure.message})`);
      return { id, ok: false, reason: failure.reason };
    }
  }

  /** The console's "test pull": the same fetch and mapping for a source as typed, nothing stored. */
  async trial(source: FeedSourceConfig): Promise<TrialPull> {
    try {
      const body = await this.fetcher.fetch(source.url);
      const raw = parseDocument(body, source);
      const mapped = mapRows(raw, source, this.context.tenant.config.timezone, this.clock.now());
      if (mapped.rows.length === 0)
        return { ok: false, failure: new FeedFailure('no-valid-rows', `${mapped.rejected} malformed row(s)`), mapped, total: raw.length };
      return { ok: true, mapped, total: raw.length };
    } catch (error) {
      if (!(error instanceof FeedFailure)) throw error;
      return { ok: false, failure: error };
    }
  }
}
